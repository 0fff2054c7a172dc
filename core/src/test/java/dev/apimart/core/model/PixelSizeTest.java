package dev.apimart.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PixelSizeTest {

  /** Transcribed by hand from the "Resolution Reference Table" of ApiMart's model pages. */
  static Stream<Arguments> documentedTable() {
    return Stream.of(
        Arguments.of("1:1", "1K", 1024, 1024),
        Arguments.of("4:3", "1K", 1152, 864),
        Arguments.of("3:4", "1K", 864, 1152),
        Arguments.of("16:9", "1K", 1280, 720),
        Arguments.of("9:16", "1K", 720, 1280),
        Arguments.of("3:2", "1K", 1248, 832),
        Arguments.of("2:3", "1K", 832, 1248),
        Arguments.of("1:1", "2K", 2048, 2048),
        Arguments.of("4:3", "2K", 2048, 1536),
        Arguments.of("3:4", "2K", 1536, 2048),
        Arguments.of("16:9", "2K", 2048, 1152),
        Arguments.of("9:16", "2K", 1152, 2048),
        Arguments.of("3:2", "2K", 2048, 1360),
        Arguments.of("2:3", "2K", 1360, 2048));
  }

  @ParameterizedTest(name = "{0} at {1} is {2}x{3}")
  @MethodSource("documentedTable")
  void matchesTheDocumentedTable(String ratio, String tier, int width, int height) {
    for (ImageModel model :
        List.of(
            ImageModel.Z_IMAGE_TURBO, ImageModel.QWEN_IMAGE_2_0, ImageModel.QWEN_IMAGE_2_0_PRO)) {
      Optional<PixelSize> size =
          ModelCatalog.defaults()
              .require(model)
              .pixelSize(ImageSize.of(ratio), Resolution.of(tier));

      assertThat(size).as(model.id()).contains(new PixelSize(width, height));
    }
  }

  @ParameterizedTest(name = "only size {0} means the 1K tier")
  @MethodSource("documentedTable")
  void requestWithOnlyASizeExpectsTheOneKTier(String ratio, String tier, int width, int height) {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.QWEN_IMAGE_2_0)
            .prompt("x")
            .size(ratio)
            .resolution(tier.equals("1K") ? null : tier)
            .build();

    assertThat(request.expectedPixelSize()).contains(new PixelSize(width, height));
  }

  @org.junit.jupiter.api.Test
  void defaultsAreSquareOneK() {
    assertThat(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "x").expectedPixelSize())
        .contains(new PixelSize(1024, 1024));
  }

  @org.junit.jupiter.api.Test
  void unsupportedRatioHasNoExpectedSize() {
    GenerationRequest request =
        GenerationRequest.builder().model("z-image-turbo").prompt("x").size("5:4").build();

    assertThat(request.expectedPixelSize()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void rejectsNonPositiveSides() {
    assertThatThrownBy(() -> new PixelSize(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }
}
