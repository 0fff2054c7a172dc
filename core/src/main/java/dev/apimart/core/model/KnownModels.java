package dev.apimart.core.model;

import static dev.apimart.core.model.ImageModel.*;

import java.util.List;

/**
 * The default catalog's data, written from ApiMart's model pages (paths under {@code
 * docs.apimart.ai/en/api-reference/images/}). Where pages contradict each other the entry takes the
 * lenient reading and is marked uncertain; where a page is silent the fact is left unset, so it is
 * not checked. The reasons are in {@code docs/adr/0012-open-model-catalog.md}.
 */
final class KnownModels {

  private KnownModels() {}

  private static final String[] SEED_RATIOS = {"1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3"};

  private static final String[] GPT_IMAGE_2_RATIOS = {
    "auto", "1:1", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5", "16:9", "9:16", "2:1", "1:2", "3:1",
    "1:3", "21:9", "9:21"
  };

  private static final String[] GEMINI_RATIOS = {
    "auto", "1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"
  };

  private static final String[] GEMINI_FLASH_RATIOS = {
    "auto", "1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "1:4", "4:1",
    "1:8", "8:1"
  };

  /**
   * The gpt-image-2 family's caps: 4K is 3840 px on the long side and 8,294,400 px in all (the
   * official page's limit); no smallest side is documented.
   */
  private static final PixelRange GPT_IMAGE_2_PIXELS = PixelRange.of(1, 3840, 8_294_400L);

  static List<ModelCapabilities> entries() {
    return List.of(
        zImageTurbo(),
        qwen2(QWEN_IMAGE_2_0, "balanced quality, 1-6 images, negative prompt, reference images"),
        qwen2(
            QWEN_IMAGE_2_0_PRO,
            "best text rendering, 1-6 images, negative prompt, reference images"),
        qwen3(QWEN_IMAGE_3_0, "Qwen Image 3.0: text-to-image and editing with 1-3 references"),
        qwen3(QWEN_IMAGE_3_0_PRO, "Qwen Image 3.0 Pro"),
        gptImage2(GPT_IMAGE_2, "OpenAI gpt-image-2: 16 references, exact pixel sizes, up to 4k"),
        gptImage2(GPT_IMAGE_2_EXT, "alias of gpt-image-2"),
        gptImage2Official(),
        gptImage1Official(GPT_IMAGE_1_OFFICIAL, "OpenAI gpt-image-1 (official channel)"),
        gptImage1Official(GPT_IMAGE_1_5_OFFICIAL, "OpenAI gpt-image-1.5 (official channel)"),
        gpt4oImage(),
        geminiPro(GEMINI_3_PRO_IMAGE_PREVIEW, "Nano Banana Pro: up to 4K, 14 references"),
        geminiPro(GEMINI_3_PRO_IMAGE_PREVIEW_OFFICIAL, "Nano Banana Pro (official channel)"),
        geminiFlash(GEMINI_3_1_FLASH_IMAGE_PREVIEW, "Nano Banana 2: 0.5K-4K, extreme ratios"),
        geminiFlash(GEMINI_3_1_FLASH_IMAGE_PREVIEW_OFFICIAL, "Nano Banana 2 (official channel)"),
        geminiFlashLite(),
        gemini25(GEMINI_2_5_FLASH_IMAGE_PREVIEW, "Nano Banana: 1K, up to 4 images"),
        gemini25(GEMINI_2_5_FLASH_IMAGE_PREVIEW_OFFICIAL, "Nano Banana (official channel)"),
        imagen4(),
        seedream45(),
        seedream5Lite(),
        flux2(FLUX_2_FLEX, "FLUX.2 flex: 1K/2K, up to 8 references"),
        flux2(FLUX_2_PRO, "FLUX.2 pro: 1K/2K, up to 8 references"),
        wan27(
            WAN_2_7_IMAGE,
            "Wan 2.7: prompts up to 5000 characters, 9 references, up to 2K",
            "1K",
            "2K"),
        wan27(WAN_2_7_IMAGE_PRO, "Wan 2.7 Pro: up to 4K for text-to-image", "1K", "2K", "4K"),
        grok(GROK_IMAGINE_1_0_APIMART, "Grok Imagine 1.0", 10),
        grok(GROK_IMAGINE_2_0_EXT, "Grok Imagine 2.0: 1-12 images, text-to-image only", 12));
  }

  private static ModelCapabilities.Builder seedTable(ModelCapabilities.Builder b) {
    return b.pixelSize("1:1", "1K", 1024, 1024)
        .pixelSize("4:3", "1K", 1152, 864)
        .pixelSize("3:4", "1K", 864, 1152)
        .pixelSize("16:9", "1K", 1280, 720)
        .pixelSize("9:16", "1K", 720, 1280)
        .pixelSize("3:2", "1K", 1248, 832)
        .pixelSize("2:3", "1K", 832, 1248)
        .pixelSize("1:1", "2K", 2048, 2048)
        .pixelSize("4:3", "2K", 2048, 1536)
        .pixelSize("3:4", "2K", 1536, 2048)
        .pixelSize("16:9", "2K", 2048, 1152)
        .pixelSize("9:16", "2K", 1152, 2048)
        .pixelSize("3:2", "2K", 2048, 1360)
        .pixelSize("2:3", "2K", 1360, 2048);
  }

  private static ModelCapabilities zImageTurbo() {
    return seedTable(ModelCapabilities.builder(Z_IMAGE_TURBO))
        .description("lightweight and fast, exactly 1 image")
        .sizes(SEED_RATIOS)
        .defaultSize("1:1")
        .tiers("1K", "2K")
        .defaultTier("1K")
        .singleImage()
        .maxPromptCodePoints(800)
        .negativePrompt(false)
        .promptExtend(true)
        .maxReferenceImages(0)
        .mask(false)
        .noOptions()
        .alternatives(QWEN_IMAGE_2_0, QWEN_IMAGE_2_0_PRO)
        .source("z-image-turbo/generation")
        .build();
  }

  private static ModelCapabilities qwen2(ImageModel model, String description) {
    return seedTable(ModelCapabilities.builder(model))
        .description(description)
        .sizes(SEED_RATIOS)
        .defaultSize("1:1")
        .tiers("1K", "2K")
        .defaultTier("1K")
        .countRange(1, 6)
        .maxPromptCodePoints(800)
        .negativePrompt(500)
        .promptExtend(false)
        .maxReferenceImages(3)
        .mask(false)
        .noOptions()
        .alternatives(
            model.equals(QWEN_IMAGE_2_0) ? QWEN_IMAGE_2_0_PRO : QWEN_IMAGE_2_0, Z_IMAGE_TURBO)
        .source("qwen-image/generation; 3 references: ADR 0003")
        .build();
  }

  private static ModelCapabilities qwen3(ImageModel model, String description) {
    return ModelCapabilities.builder(model)
        .description(description)
        .tiers("1K", "2K")
        .defaultTier("1K")
        .countRange(1, 6)
        .maxReferenceImages(3)
        .uncertain(true)
        .source("docs.apimart.ai/llms.txt only (qwen-image-3.0 page not found)")
        .build();
  }

  /**
   * The gpt-image-2 pixel table (newer CN page): where the page gives two sizes for one 1k ratio,
   * the first; 3:1 and 1:3 at 1k are left out (the page's two sizes differ in shape).
   */
  private static ModelCapabilities.Builder gptImage2Table(
      ModelCapabilities.Builder b, boolean fourKForEveryRatio) {
    String[][] oneAndTwoK = {
      {"1:1", "1024", "1024", "2048", "2048"},
      {"3:2", "1536", "1024", "2048", "1360"},
      {"2:3", "1024", "1536", "1360", "2048"},
      {"4:3", "1024", "768", "2048", "1536"},
      {"3:4", "768", "1024", "1536", "2048"},
      {"5:4", "1280", "1024", "2560", "2048"},
      {"4:5", "1024", "1280", "2048", "2560"},
      {"16:9", "1536", "864", "2048", "1152"},
      {"9:16", "864", "1536", "1152", "2048"},
      {"2:1", "2048", "1024", "2688", "1344"},
      {"1:2", "1024", "2048", "1344", "2688"},
      {"21:9", "2016", "864", "2688", "1152"},
      {"9:21", "864", "2016", "1152", "2688"}
    };
    for (String[] row : oneAndTwoK) {
      b.pixelSize(row[0], "1k", Integer.parseInt(row[1]), Integer.parseInt(row[2]));
      b.pixelSize(row[0], "2k", Integer.parseInt(row[3]), Integer.parseInt(row[4]));
    }
    b.pixelSize("16:9", "4k", 3840, 2160)
        .pixelSize("9:16", "4k", 2160, 3840)
        .pixelSize("2:1", "4k", 3840, 1920)
        .pixelSize("1:2", "4k", 1920, 3840)
        .pixelSize("21:9", "4k", 3840, 1648)
        .pixelSize("9:21", "4k", 1648, 3840);
    if (fourKForEveryRatio) {
      b.pixelSize("3:1", "2k", 3072, 1024)
          .pixelSize("1:3", "2k", 1024, 3072)
          .pixelSize("1:1", "4k", 2880, 2880)
          .pixelSize("3:2", "4k", 3520, 2336)
          .pixelSize("2:3", "4k", 2336, 3520)
          .pixelSize("4:3", "4k", 3312, 2480)
          .pixelSize("3:4", "4k", 2480, 3312)
          .pixelSize("5:4", "4k", 3216, 2576)
          .pixelSize("4:5", "4k", 2576, 3216)
          .pixelSize("3:1", "4k", 3840, 1280)
          .pixelSize("1:3", "4k", 1280, 3840);
    }
    return b;
  }

  private static ModelCapabilities gptImage2(ImageModel model, String description) {
    return gptImage2Table(ModelCapabilities.builder(model), true)
        .description(description)
        .sizes(GPT_IMAGE_2_RATIOS)
        .pixelSizes(GPT_IMAGE_2_PIXELS)
        .defaultSize("1:1")
        .tiers("1k", "2k", "4k")
        .defaultTier("1k")
        .countRange(1, 10)
        .maxReferenceImages(16)
        .referenceDataUris(true)
        .mask(false)
        .option("official_fallback")
        .option("nsfw_check")
        .alternatives(GPT_IMAGE_2_OFFICIAL, GEMINI_3_PRO_IMAGE_PREVIEW)
        .uncertain(true)
        .source(
            "gpt-image-2/generation (EN: n range 1, 13 ratios) and the newer CN page (n 1-10, 15"
                + " ratios, auto, pixels): the newer reading is kept")
        .build();
  }

  private static ModelCapabilities gptImage2Official() {
    return gptImage2Table(ModelCapabilities.builder(GPT_IMAGE_2_OFFICIAL), false)
        .description("OpenAI gpt-image-2 (official channel): quality, background, mask")
        .sizes(GPT_IMAGE_2_RATIOS)
        .pixelSizes(GPT_IMAGE_2_PIXELS)
        .defaultSize("1:1")
        .tiers("1k", "2k", "4k")
        .defaultTier("1k")
        .countRange(1, 4)
        .maxReferenceImages(16)
        .mask(true)
        .option("quality", "auto", "low", "medium", "high")
        .option("background", "auto", "opaque", "transparent")
        .option("moderation", "auto", "low")
        .option("output_format", "png", "jpeg", "webp")
        .option("output_compression")
        .alternatives(GPT_IMAGE_2, GPT_IMAGE_1_5_OFFICIAL)
        .uncertain(true)
        .source(
            "gpt-image-2/official (13 ratios, 4k for 6 of them) vs the newer CN page (15"
                + " ratios, 4k for all): the newer reading is kept")
        .build();
  }

  private static ModelCapabilities gptImage1Official(ImageModel model, String description) {
    return ModelCapabilities.builder(model)
        .description(description)
        .sizes("1:1", "3:2", "2:3")
        .defaultSize("1:1")
        .countRange(1, 4)
        .maxReferenceImages(15)
        .mask(true)
        .option("quality")
        .option("background")
        .option("moderation")
        .option("output_format")
        .option("output_compression")
        .alternatives(GPT_IMAGE_2_OFFICIAL)
        .source("gpt-image-1/generation (option values cut off on the page: not checked)")
        .build();
  }

  private static ModelCapabilities gpt4oImage() {
    return ModelCapabilities.builder(GPT_4O_IMAGE)
        .description("OpenAI gpt-4o image: 1, 2 or 4 images (charged up front)")
        .sizes("1:1", "2:3", "3:2")
        .defaultSize("1:1")
        .counts(1, 2, 4)
        .maxPromptCodePoints(1000)
        .alternatives(GPT_IMAGE_2)
        .uncertain(true)
        .source("gpt-4o/generation (reference image limit cut off: not checked)")
        .build();
  }

  private static ModelCapabilities geminiPro(ImageModel model, String description) {
    return ModelCapabilities.builder(model)
        .description(description)
        .sizes(GEMINI_RATIOS)
        .defaultSize("1:1")
        .tiers("1K", "2K", "4K")
        .defaultTier("1K")
        .countRange(1, 4)
        .maxReferenceImages(14)
        .referenceDataUris(true)
        .option("official_fallback")
        .alternatives(GEMINI_3_1_FLASH_IMAGE_PREVIEW, GPT_IMAGE_2)
        .uncertain(true)
        .source(
            "gemini-3-pro/generation: older page n fixed 1, 5 references, no auto; newer"
                + " mirror n 1-4, 14 references, auto: the newer reading is kept")
        .build();
  }

  private static ModelCapabilities geminiFlash(ImageModel model, String description) {
    return ModelCapabilities.builder(model)
        .description(description)
        .sizes(GEMINI_FLASH_RATIOS)
        .defaultSize("1:1")
        .tiers("0.5K", "1K", "2K", "4K")
        .defaultTier("1K")
        .countRange(1, 4)
        .maxReferenceImages(14)
        .referenceDataUris(true)
        .option("official_fallback")
        .option("google_search")
        .alternatives(GEMINI_3_PRO_IMAGE_PREVIEW, GEMINI_3_1_FLASH_LITE_IMAGE)
        .uncertain(true)
        .source("gemini-3.1-flash/generation (n and references from mirrors; google_search: R)")
        .build();
  }

  private static ModelCapabilities geminiFlashLite() {
    return ModelCapabilities.builder(GEMINI_3_1_FLASH_LITE_IMAGE)
        .description("Nano Banana 2 lite: 1K only, billed by tokens")
        .sizes(GEMINI_RATIOS)
        .defaultSize("1:1")
        .tiers("1K")
        .defaultTier("1K")
        .countRange(1, 4)
        .maxReferenceImages(14)
        .referenceDataUris(true)
        .noOptions()
        .alternatives(GEMINI_3_1_FLASH_IMAGE_PREVIEW)
        .source(
            "gemini-3.1-flash/generation-lite: n 1-4, 1K only (other tiers are silently"
                + " downgraded: refused), official_fallback not supported")
        .build();
  }

  private static ModelCapabilities gemini25(ImageModel model, String description) {
    return ModelCapabilities.builder(model)
        .description(description)
        .sizes(GEMINI_RATIOS)
        .defaultSize("1:1")
        .tiers("1K")
        .defaultTier("1K")
        .countRange(1, 4)
        .maxPromptCodePoints(1000)
        .referenceDataUris(true)
        .option("official_fallback")
        .alternatives(GEMINI_3_1_FLASH_IMAGE_PREVIEW)
        .uncertain(true)
        .source("gemini-2.5-flash/generation, read on a mirror")
        .build();
  }

  private static ModelCapabilities imagen4() {
    return ModelCapabilities.builder(IMAGEN_4_0_APIMART)
        .description("Google Imagen 4: text-to-image only, 16:9 or 9:16")
        .sizes("16:9", "9:16")
        .defaultSize("16:9")
        .singleImage()
        .maxReferenceImages(0)
        .mask(false)
        .alternatives(GEMINI_3_PRO_IMAGE_PREVIEW)
        .uncertain(true)
        .source("imagen-4.0-apimart/generation (a mirror lists more ratios)")
        .build();
  }

  private static ModelCapabilities seedream45() {
    return ModelCapabilities.builder(DOUBAO_SEEDREAM_4_5)
        .description("ByteDance Seedream 4.5: 2K/4K, up to 15 images with the references")
        .sizes("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "21:9", "9:21", "auto")
        .defaultSize("1:1")
        .tiers("2K", "4K")
        .defaultTier("2K")
        .countRange(1, 15)
        .maxReferenceImages(14)
        .maxReferencesPlusImages(15)
        .referenceDataUris(true)
        .autoSizeNeedsReferences(true)
        .pixelSize("1:1", "2K", 2048, 2048)
        .pixelSize("16:9", "2K", 2560, 1440)
        .pixelSize("1:1", "4K", 4096, 4096)
        .pixelSize("16:9", "4K", 5404, 3040)
        .alternatives(DOUBAO_SEEDREAM_5_0_LITE)
        .uncertain(true)
        .source("seedream-4.5/generation, read on a mirror")
        .build();
  }

  private static ModelCapabilities seedream5Lite() {
    return ModelCapabilities.builder(DOUBAO_SEEDREAM_5_0_LITE)
        .description("ByteDance Seedream 5.0 lite: 2K/3K, watermark, sequential images")
        .sizes("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "21:9", "auto")
        .defaultSize("1:1")
        .tiers("2K", "3K")
        .defaultTier("2K")
        .countRange(1, 4)
        .referenceDataUris(true)
        .autoSizeNeedsReferences(true)
        .option("output_format", "jpeg", "png")
        .option("watermark")
        .option("sequential_image_generation", "disabled", "auto")
        .pixelSize("1:1", "2K", 2048, 2048)
        .pixelSize("16:9", "2K", 2848, 1600)
        .pixelSize("1:1", "3K", 3072, 3072)
        .pixelSize("16:9", "3K", 4096, 2304)
        .alternatives(DOUBAO_SEEDREAM_4_5)
        .source("seedream-5-lite/generation (n range from a mirror)")
        .build();
  }

  private static ModelCapabilities flux2(ImageModel model, String description) {
    return ModelCapabilities.builder(model)
        .description(description)
        .sizes(SEED_RATIOS)
        .defaultSize("1:1")
        .tiers("1K", "2K")
        .defaultTier("1K")
        .maxReferenceImages(8)
        .alternatives(model.equals(FLUX_2_PRO) ? FLUX_2_FLEX : FLUX_2_PRO)
        .uncertain(true)
        .source("flux-2/generation (ratios after 9:16 and the reference limit partly unverified)")
        .build();
  }

  private static ModelCapabilities wan27(ImageModel model, String description, String... tiers) {
    return ModelCapabilities.builder(model)
        .description(description)
        .tiers(tiers)
        .countRange(1, 4)
        .maxPromptCodePoints(5000)
        .maxReferenceImages(9)
        .referenceDataUris(true)
        .maxTierWithReferences("2K")
        .alternatives(model.equals(WAN_2_7_IMAGE) ? WAN_2_7_IMAGE_PRO : WAN_2_7_IMAGE)
        .uncertain(true)
        .source("wan2.7-image/generation (sizes, negative_prompt, seed, watermark cut off)")
        .build();
  }

  private static ModelCapabilities grok(ImageModel model, String description, int maxImages) {
    ModelCapabilities.Builder b =
        ModelCapabilities.builder(model)
            .description(description)
            .sizes("1:1", "16:9", "9:16", "3:2", "2:3")
            .countRange(1, maxImages)
            .uncertain(true)
            .source("third-party notes and llms.txt (the Grok pages were not found)");
    if (model.equals(GROK_IMAGINE_2_0_EXT)) {
      b.maxReferenceImages(0);
    }
    return b.build();
  }
}
