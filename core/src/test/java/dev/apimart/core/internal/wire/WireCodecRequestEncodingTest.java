package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Resolution;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WireCodecRequestEncodingTest {

  /** A plain mapper of the test's own, so expectations do not depend on the codec's settings. */
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WireCodec codec = Fixtures.codec();

  static Stream<Arguments> documentedExamples() {
    return Stream.of(
        Arguments.of(
            "z-image-turbo-minimal.json",
            GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "Ink painting style landscape scenery")),
        Arguments.of(
            "z-image-turbo-ratio-resolution.json",
            GenerationRequest.builder()
                .model(ImageModel.Z_IMAGE_TURBO)
                .prompt("Minimalist style cafe interior design")
                .size(ImageSize.RATIO_16_9)
                .resolution(Resolution.RES_2K)
                .build()),
        Arguments.of(
            "z-image-turbo-prompt-extend.json",
            GenerationRequest.builder()
                .model(ImageModel.Z_IMAGE_TURBO)
                .prompt("A cat")
                .promptExtend(true)
                .build()),
        Arguments.of(
            "qwen-minimal.json",
            GenerationRequest.of(
                ImageModel.QWEN_IMAGE_2_0, "A cute orange cat napping in the sunshine")),
        Arguments.of(
            "qwen-pro-ratio-count.json",
            GenerationRequest.builder()
                .model(ImageModel.QWEN_IMAGE_2_0_PRO)
                .prompt("Cyberpunk-style futuristic city nightscape with flickering neon lights")
                .size("16:9")
                .n(4)
                .build()),
        Arguments.of(
            "qwen-pro-2k.json",
            GenerationRequest.builder()
                .model(ImageModel.QWEN_IMAGE_2_0_PRO)
                .prompt("Exquisite food photography, sushi platter")
                .size(ImageSize.RATIO_4_3)
                .resolution("2K")
                .n(2)
                .build()),
        Arguments.of(
            "qwen-image-to-image.json",
            GenerationRequest.builder()
                .model(ImageModel.QWEN_IMAGE_2_0)
                .prompt("Change the background to a seaside sunset")
                .addImageUrl("https://example.com/my-photo.jpg")
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedExamples")
  void encodesTheDocumentedExamplesExactly(String fixture, GenerationRequest request) {
    JsonNode expected = JSON.readTree(Fixtures.bytes("requests/" + fixture));

    JsonNode actual = JSON.readTree(codec.encodeRequest(request));

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void omitsPromptExtendWhenFalseAndEmptyImageUrls() {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.Z_IMAGE_TURBO)
            .prompt("A cat")
            .promptExtend(false)
            .imageUrls(List.of())
            .build();

    JsonNode actual = JSON.readTree(codec.encodeRequest(request));

    assertThat(actual.has("prompt_extend")).isFalse();
    assertThat(actual.has("image_urls")).isFalse();
    assertThat(actual.propertyNames()).containsExactlyInAnyOrder("model", "prompt");
  }

  @Test
  void writesEveryFieldInSnakeCase() {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.QWEN_IMAGE_2_0)
            .prompt("p")
            .size("3:2")
            .resolution("1K")
            .n(6)
            .negativePrompt("blurry, low quality")
            .addImageUrl("https://example.com/a.png")
            .addImageUrl("https://example.com/b.png?x=1&y=2")
            .promptExtend(true)
            .build();

    JsonNode expected =
        JSON.readTree(
            """
            {"model":"qwen-image-2.0","prompt":"p","size":"3:2","resolution":"1K","n":6,
             "negative_prompt":"blurry, low quality",
             "image_urls":["https://example.com/a.png","https://example.com/b.png?x=1&y=2"],
             "prompt_extend":true}
            """);

    assertThat(JSON.readTree(codec.encodeRequest(request))).isEqualTo(expected);
  }

  @Test
  void normalizesAKnownModelNameToItsId() {
    GenerationRequest request =
        GenerationRequest.builder().model("  QWEN-Image-2.0-PRO ").prompt("p").build();

    JsonNode actual = JSON.readTree(codec.encodeRequest(request));

    assertThat(actual.get("model").stringValue()).isEqualTo("qwen-image-2.0-pro");
  }

  @Test
  void sendsAnUnknownModelNameAsGiven() {
    GenerationRequest request =
        GenerationRequest.builder().model("future-model").prompt("p").build();

    assertThat(JSON.readTree(codec.encodeRequest(request)).get("model").stringValue())
        .isEqualTo("future-model");
  }

  @Test
  void keepsUnicodeAndSpecialCharactersIntactAsUtf8() {
    String prompt = "水墨画风格的山水 \"quoted\" \\ back\nslash 🐱 \u0001";
    GenerationRequest request = GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, prompt);

    byte[] body = codec.encodeRequest(request);

    assertThat(JSON.readTree(body).get("prompt").stringValue()).isEqualTo(prompt);
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("水墨画风格的山水");
  }

  @Test
  void refusesToEncodeARequestWithoutModelOrPrompt() {
    GenerationRequest request = GenerationRequest.builder().build();

    assertThatThrownBy(() -> codec.encodeRequest(request))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field())
                    .containsExactly("model", "prompt"));
  }
}
