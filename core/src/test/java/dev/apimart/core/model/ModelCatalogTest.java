package dev.apimart.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The default catalog against facts read on ApiMart's pages (api-contract.md §5), written here
 * independently of the catalog's own data.
 */
class ModelCatalogTest {

  private final ModelCatalog catalog = ModelCatalog.defaults();

  private ModelCapabilities entry(String id) {
    return catalog.find(id).orElseThrow(() -> new AssertionError("no entry for " + id));
  }

  @Test
  void holdsEveryDocumentedModelWithTheSeedModelsFirst() {
    assertThat(catalog.size()).isGreaterThanOrEqualTo(20);
    assertThat(catalog.models().subList(0, 3))
        .containsExactly(
            ImageModel.Z_IMAGE_TURBO, ImageModel.QWEN_IMAGE_2_0, ImageModel.QWEN_IMAGE_2_0_PRO);
    assertThat(catalog.models()).containsAll(ImageModel.known());
    assertThat(catalog.entries()).allSatisfy(e -> assertThat(e.source()).isNotBlank());
  }

  @Test
  void seedModelsAreDocumentedNotUncertain() {
    assertThat(entry("z-image-turbo").uncertain()).isFalse();
    assertThat(entry("qwen-image-2.0").uncertain()).isFalse();
    assertThat(entry("qwen-image-2.0-pro").uncertain()).isFalse();
  }

  @Test
  void gptImage2SpellsItsTiersInLowerCaseAndTakesPixelsAndSixteenReferences() {
    ModelCapabilities gpt = entry("gpt-image-2");

    assertThat(gpt.wireTier(Resolution.RES_4K)).isEqualTo("4k");
    assertThat(gpt.acceptsTier(Resolution.RES_0_5K)).isFalse();
    assertThat(gpt.acceptsSize(ImageSize.of("21:9"))).isTrue();
    assertThat(gpt.acceptsSize(ImageSize.AUTO)).isTrue();
    assertThat(gpt.acceptsSize(ImageSize.of("1881x836"))).isTrue();
    assertThat(gpt.acceptsSize(ImageSize.of("7000x7000"))).isFalse();
    assertThat(gpt.maxReferenceImages()).contains(16);
    assertThat(gpt.referenceDataUris()).isTrue();
    assertThat(gpt.acceptsOption("official_fallback")).isTrue();
    assertThat(gpt.pixelSize(ImageSize.RATIO_16_9, Resolution.RES_4K))
        .contains(new PixelSize(3840, 2160));
    assertThat(gpt.pixelSize(ImageSize.RATIO_21_9, Resolution.RES_2K))
        .contains(new PixelSize(2688, 1152));
  }

  @Test
  void gpt4oImageMakesOneTwoOrFourImages() {
    ModelCapabilities gpt4o = entry("gpt-4o-image");

    assertThat(gpt4o.counts()).contains(Set.of(1, 2, 4));
    assertThat(gpt4o.acceptsCount(3)).isFalse();
    assertThat(gpt4o.maxPromptCodePoints()).contains(1000);
    assertThat(gpt4o.sizes())
        .contains(List.of(ImageSize.RATIO_1_1, ImageSize.RATIO_2_3, ImageSize.RATIO_3_2));
  }

  @Test
  void officialGptImage2TakesTheOpenAiOptionsWithTheirValues() {
    ModelCapabilities official = entry("gpt-image-2-official");

    assertThat(official.optionValues("quality")).containsExactly("auto", "low", "medium", "high");
    assertThat(official.optionValues("output_format")).containsExactly("png", "jpeg", "webp");
    assertThat(official.documentsMask()).isTrue();
    assertThat(official.counts()).contains(Set.of(1, 2, 3, 4));
  }

  @Test
  void geminiFlashHasTheHalfKTierAndExtremeRatios() {
    ModelCapabilities flash = entry("gemini-3.1-flash-image-preview");

    assertThat(flash.tiers())
        .contains(
            List.of(Resolution.RES_0_5K, Resolution.RES_1K, Resolution.RES_2K, Resolution.RES_4K));
    assertThat(flash.acceptsSize(ImageSize.RATIO_1_8)).isTrue();
    assertThat(entry("gemini-3-pro-image-preview").acceptsSize(ImageSize.RATIO_1_8)).isFalse();
    assertThat(entry("gemini-3.1-flash-lite-image").tiers()).contains(List.of(Resolution.RES_1K));
  }

  @Test
  void seedreamHasNoOneKTierAndCountsReferencesWithOutputs() {
    ModelCapabilities seedream = entry("doubao-seedream-4-5");

    assertThat(seedream.acceptsTier(Resolution.RES_1K)).isFalse();
    assertThat(seedream.defaultTier()).contains(Resolution.RES_2K);
    assertThat(seedream.maxReferencesPlusImages()).contains(15);
    assertThat(entry("doubao-seedream-5-0-lite").tiers())
        .contains(List.of(Resolution.RES_2K, Resolution.RES_3K));
    assertThat(entry("doubao-seedream-5-0-lite").pixelSize(ImageSize.RATIO_16_9, null))
        .contains(new PixelSize(2848, 1600));
  }

  @Test
  void imagenIsTextOnlyAndLandscapeByDefault() {
    ModelCapabilities imagen = entry("imagen-4.0-apimart");

    assertThat(imagen.imageToImage()).isFalse();
    assertThat(imagen.defaultSize()).contains(ImageSize.RATIO_16_9);
    assertThat(imagen.acceptsCount(2)).isFalse();
  }

  @Test
  void anEntryChecksOnlyWhatItStates() {
    ModelCapabilities bare = ModelCapabilities.builder(ImageModel.of("brand-new")).build();

    assertThat(bare.acceptsSize(ImageSize.of("13:7"))).isTrue();
    assertThat(bare.acceptsTier(Resolution.of("8K"))).isTrue();
    assertThat(bare.acceptsCount(50)).isTrue();
    assertThat(bare.acceptsOption("quality")).isTrue();
    assertThat(bare.maxPromptCodePoints()).isEmpty();
    assertThat(bare.imageToImage()).isTrue();
    assertThat(bare.referenceDataUris()).isFalse();
  }

  @Test
  void usersAddAndCorrectEntriesWithoutTouchingTheDefaults() {
    ModelCatalog mine =
        catalog.toBuilder()
            .update(ImageModel.GPT_IMAGE_2, b -> b.countRange(1, 8))
            .put(
                ModelCapabilities.builder(ImageModel.of("acme-image-1"))
                    .sizes("1:1")
                    .singleImage()
                    .build())
            .build();

    assertThat(mine.require(ImageModel.GPT_IMAGE_2).maxImages()).isEqualTo(8);
    assertThat(mine.require(ImageModel.GPT_IMAGE_2).maxReferenceImages()).contains(16);
    assertThat(mine.find("acme-image-1")).isPresent();
    assertThat(mine.size()).isEqualTo(catalog.size() + 1);
    assertThat(catalog.require(ImageModel.GPT_IMAGE_2).maxImages()).isEqualTo(10);
    assertThat(catalog.find("acme-image-1")).isEmpty();
  }

  @Test
  void inconsistentFactsAreRefusedWhenTheEntryIsBuilt() {
    ModelCapabilities.Builder b = ModelCapabilities.builder(ImageModel.of("x"));

    assertThatThrownBy(() -> b.countRange(3, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.counts()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxReferenceImages(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PixelRange.of(10, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> catalog.require(ImageModel.of("absent")))
        .hasMessageContaining("absent");
  }
}
