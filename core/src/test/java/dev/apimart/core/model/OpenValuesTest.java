package dev.apimart.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenValuesTest {

  @Test
  void aKnownModelNameInAnyCaseIsTheConstant() {
    assertThat(ImageModel.of(" GPT-Image-2 ")).isSameAs(ImageModel.GPT_IMAGE_2);
    assertThat(ImageModel.of("wan2.7-image-pro")).isSameAs(ImageModel.WAN_2_7_IMAGE_PRO);
    assertThat(ImageModel.GPT_IMAGE_2.isKnown()).isTrue();
  }

  @Test
  void anUnknownModelNameIsKeptAsGivenButStripped() {
    ImageModel model = ImageModel.of("  Seedream-9.0-Ultra ");

    assertThat(model.id()).isEqualTo("Seedream-9.0-Ultra");
    assertThat(model.isKnown()).isFalse();
    assertThat(model).isEqualTo(ImageModel.of("Seedream-9.0-Ultra"));
    assertThat(ImageModel.known()).doesNotContain(model);
    assertThat(ImageModel.fromId("Seedream-9.0-Ultra")).isEmpty();
  }

  @Test
  void theSdkKnowsEveryDocumentedModelName() {
    assertThat(ImageModel.known())
        .extracting(ImageModel::id)
        .contains(
            "z-image-turbo",
            "qwen-image-2.0",
            "qwen-image-2.0-pro",
            "gpt-image-2",
            "gpt-4o-image",
            "gemini-3-pro-image-preview",
            "gemini-3.1-flash-image-preview",
            "imagen-4.0-apimart",
            "doubao-seedream-4-5",
            "doubao-seedream-5-0-lite",
            "flux-2-pro",
            "wan2.7-image",
            "grok-imagine-2.0-ext")
        .doesNotHaveDuplicates()
        .hasSizeGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankNamesAreRefusedByTheFactories(String blank) {
    assertThatThrownBy(() -> ImageModel.of(blank)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageSize.of(blank)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resolution.of(blank)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Language.of(blank)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "16:9, 16:9, true, false, false",
    "' 21 : 9 ', 21:9, true, false, false",
    "5:3, 5:3, true, false, false",
    "AUTO, auto, false, true, false",
    "1881x836, 1881x836, false, false, true",
    "1536 X 1024, 1536x1024, false, false, true",
    "square, square, false, false, false",
    "0:1, 0:1, false, false, false"
  })
  void sizesAreReadAsRatioAutoPixelsOrText(
      String text, String canonical, boolean ratio, boolean auto, boolean pixels) {
    ImageSize size = ImageSize.of(text);

    assertThat(size.value()).isEqualTo(canonical);
    assertThat(size.isRatio()).isEqualTo(ratio);
    assertThat(size.isAuto()).isEqualTo(auto);
    assertThat(size.isPixels()).isEqualTo(pixels);
  }

  @Test
  void ratioConstantsAreReturnedForTheirText() {
    assertThat(ImageSize.of("16:9")).isSameAs(ImageSize.RATIO_16_9);
    assertThat(ImageSize.of("9:21")).isSameAs(ImageSize.RATIO_9_21);
    assertThat(ImageSize.of("1881x836").pixelSize()).contains(new PixelSize(1881, 836));
    assertThat(ImageSize.RATIO_21_9.width()).isEqualTo(21);
    assertThatThrownBy(ImageSize.AUTO::width).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @CsvSource({"2k, 2K", "' 4K ', 4K", "0.5k, 0.5K", "1.5K, 1.5K", "3k, 3K"})
  void tiersAreUpperCasedToTheirConstant(String text, String canonical) {
    Resolution tier = Resolution.of(text);

    assertThat(tier.value()).isEqualTo(canonical);
    assertThat(tier.isKnown()).isTrue();
    assertThat(Resolution.known()).contains(tier);
  }

  @Test
  void anUnknownTierIsKept() {
    assertThat(Resolution.of("8k").value()).isEqualTo("8K");
    assertThat(Resolution.of("8k").isKnown()).isFalse();
    assertThat(Resolution.of("hd").value()).isEqualTo("hd");
    assertThat(Resolution.RES_0_5K.kilo()).isEqualByComparingTo("0.5");
  }

  @Test
  void theStatusPageListsTenLanguages() {
    assertThat(Language.known())
        .extracting(Language::wireValue)
        .containsExactly("en", "zh", "ja", "ko", "ru", "fr", "de", "id", "pt", "es");
    assertThat(Language.of(" ZH ")).isSameAs(Language.ZH);
    assertThat(Language.of("vi").isKnown()).isFalse();
  }
}
