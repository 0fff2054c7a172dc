package dev.apimart.spring.ai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Resolution;
import dev.apimart.spring.ai.internal.PixelSizeMapping.Mapped;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Expected sizes come from ApiMart's pages (api-contract.md §1 for the seed models' table, the
 * gpt-image-2 page for its rows and pixel range), not from the catalog code.
 */
class PixelSizeMappingTest {

  private static final ModelCatalog CATALOG = ModelCatalog.defaults();

  private static ModelCapabilities caps(ImageModel model) {
    return CATALOG.require(model);
  }

  private static @Nullable Mapped mapped(ImageModel model, int width, int height) {
    return PixelSizeMapping.map(caps(model), model.id(), width, height).mapped();
  }

  @Test
  void aDocumentedQwenSizeMapsToItsRatioAndTier() {
    assertThat(mapped(ImageModel.QWEN_IMAGE_2_0, 1280, 720))
        .isEqualTo(new Mapped(ImageSize.RATIO_16_9, Resolution.RES_1K, new PixelSize(1280, 720)));
    assertThat(mapped(ImageModel.QWEN_IMAGE_2_0, 2048, 1152))
        .isEqualTo(new Mapped(ImageSize.RATIO_16_9, Resolution.RES_2K, new PixelSize(2048, 1152)));
    assertThat(mapped(ImageModel.Z_IMAGE_TURBO, 1248, 832))
        .isEqualTo(new Mapped(ImageSize.RATIO_3_2, Resolution.RES_1K, new PixelSize(1248, 832)));
    assertThat(mapped(ImageModel.QWEN_IMAGE_2_0_PRO, 1360, 2048))
        .isEqualTo(new Mapped(ImageSize.RATIO_2_3, Resolution.RES_2K, new PixelSize(1360, 2048)));
  }

  @Test
  void anUndocumentedSizeIsRefusedWithTheSizesTheModelMakes() {
    PixelSizeMapping.Result result =
        PixelSizeMapping.map(caps(ImageModel.QWEN_IMAGE_2_0), "qwen-image-2.0", 1000, 1000);

    assertThat(result.mapped()).isNull();
    assertThat(result.violation()).isNotNull();
    assertThat(result.violation().field()).isEqualTo("size");
    assertThat(result.violation().rejectedValue()).isEqualTo("1000x1000");
    assertThat(result.violation().message())
        .contains("qwen-image-2.0 makes no 1000x1000 image")
        .contains("1024x1024 (1:1, 1K)")
        .contains("1280x720 (16:9, 1K)")
        .contains("2048x1360 (3:2, 2K)")
        .doesNotContain("any WxH");
  }

  @Test
  void aNearSizeIsNotRoundedToADocumentedOne() {
    assertThat(mapped(ImageModel.QWEN_IMAGE_2_0, 1280, 721)).isNull();
    assertThat(mapped(ImageModel.QWEN_IMAGE_2_0, 720, 1281)).isNull();
  }

  @Test
  void gptImage2TakesItsTableRowsAsRatioAndTierAndOtherSizesAsPixels() {
    assertThat(mapped(ImageModel.GPT_IMAGE_2, 1536, 864))
        .isEqualTo(new Mapped(ImageSize.RATIO_16_9, Resolution.RES_1K, new PixelSize(1536, 864)));
    assertThat(mapped(ImageModel.GPT_IMAGE_2, 1881, 836))
        .isEqualTo(new Mapped(ImageSize.pixels(1881, 836), null, new PixelSize(1881, 836)));
  }

  @Test
  void gptImage2RefusesPixelsBeyondItsDocumentedCap() {
    // 3840 px a side at most, 8,294,400 px in all (the official page's 4K limit).
    assertThat(mapped(ImageModel.GPT_IMAGE_2, 3841, 1000)).isNull();
    assertThat(mapped(ImageModel.GPT_IMAGE_2, 3840, 2400)).isNull();
    PixelSizeMapping.Result result =
        PixelSizeMapping.map(caps(ImageModel.GPT_IMAGE_2), "gpt-image-2", 3840, 2400);
    assertThat(result.violation().message()).contains("any WxH of 1..3840 px per side");
  }

  @Test
  void aModelWithoutPixelTableIsRefusedWithItsRatiosAndTiers() {
    PixelSizeMapping.Result result =
        PixelSizeMapping.map(caps(ImageModel.FLUX_2_PRO), "flux-2-pro", 1024, 1024);

    assertThat(result.mapped()).isNull();
    assertThat(result.violation().message())
        .contains("documents no pixel sizes")
        .contains("16:9")
        .contains("2K");
  }

  @Test
  void aModelOutsideTheCatalogIsRefused() {
    PixelSizeMapping.Result result = PixelSizeMapping.map(null, "acme-image-9", 1024, 1024);

    assertThat(result.mapped()).isNull();
    assertThat(result.violation().message()).contains("no entry for acme-image-9");
  }

  @Test
  void aRowWhoseTierTheCatalogNoLongerAcceptsIsNotOffered() {
    ModelCapabilities corrected = caps(ImageModel.QWEN_IMAGE_2_0).toBuilder().tiers("1K").build();

    assertThat(PixelSizeMapping.map(corrected, "qwen-image-2.0", 2048, 1152).mapped()).isNull();
    assertThat(PixelSizeMapping.map(corrected, "qwen-image-2.0", 1280, 720).mapped()).isNotNull();
  }

  @Test
  void nonPositiveSidesAreRefused() {
    assertThat(mapped(ImageModel.QWEN_IMAGE_2_0, 0, 720)).isNull();
    assertThat(mapped(ImageModel.QWEN_IMAGE_2_0, 1280, -720)).isNull();
  }

  @Test
  void everyDocumentedRowOfEveryCatalogModelMapsBackToItsOwnRatioAndTier() {
    for (ModelCapabilities entry : CATALOG.entries()) {
      for (Map.Entry<String, PixelSize> row : entry.pixelTable().entrySet()) {
        PixelSize pixels = row.getValue();
        Mapped result =
            PixelSizeMapping.map(entry, entry.model().id(), pixels.width(), pixels.height())
                .mapped();
        assertThat(result).as(entry.model() + " " + row.getKey()).isNotNull();
        String[] key = row.getKey().split("@");
        assertThat(result.size())
            .as(entry.model() + " " + row.getKey())
            .isEqualTo(ImageSize.of(key[0]));
        assertThat(result.tier())
            .as(entry.model() + " " + row.getKey())
            .isEqualTo(Resolution.of(key[1]));
      }
    }
  }
}
