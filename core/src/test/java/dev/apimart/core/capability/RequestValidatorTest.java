package dev.apimart.core.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {

  private final RequestValidator validator = RequestValidator.instance();

  private static GenerationRequest.Builder qwen() {
    return GenerationRequest.builder().model(ImageModel.QWEN_IMAGE_2_0).prompt("A cat");
  }

  private static GenerationRequest.Builder turbo() {
    return GenerationRequest.builder().model(ImageModel.Z_IMAGE_TURBO).prompt("A cat");
  }

  private List<String> fields(GenerationRequest request) {
    return validator.validate(request).stream().map(Violation::field).toList();
  }

  private Violation only(GenerationRequest request) {
    List<Violation> violations = validator.validate(request);
    assertThat(violations).hasSize(1);
    return violations.get(0);
  }

  @Test
  void documentedExamplesAreValid() {
    assertThat(validator.validate(turbo().prompt("Ink painting style landscape scenery").build()))
        .isEmpty();
    assertThat(validator.validate(turbo().size("16:9").resolution("2K").build())).isEmpty();
    assertThat(validator.validate(turbo().prompt("A cat").promptExtend(true).build())).isEmpty();
    assertThat(
            validator.validate(
                GenerationRequest.builder()
                    .model("qwen-image-2.0-pro")
                    .prompt(
                        "Cyberpunk-style futuristic city nightscape with flickering neon lights")
                    .size("16:9")
                    .n(4)
                    .build()))
        .isEmpty();
    assertThat(
            validator.validate(
                qwen()
                    .prompt("Change the background to a seaside sunset")
                    .addImageUrl("https://example.com/my-photo.jpg")
                    .build()))
        .isEmpty();
  }

  @Nested
  class Prompt {
    @Test
    void missingPromptIsReported() {
      Violation v = only(qwen().prompt(null).build());
      assertThat(v.field()).isEqualTo("prompt");
      assertThat(v.message()).contains("missing or blank", "describe the image");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void blankPromptIsReported(String prompt) {
      assertThat(only(qwen().prompt(prompt).build()).field()).isEqualTo("prompt");
    }

    @Test
    void eightHundredChineseCharactersPass() {
      assertThat(validator.validate(qwen().prompt("山".repeat(800)).build())).isEmpty();
    }

    @Test
    void eightHundredCharactersOutsideTheBasicPlaneCountOnceEach() {
      String emoji = "\uD83D\uDE00";
      assertThat(emoji.repeat(800).length()).isEqualTo(1600);
      assertThat(validator.validate(qwen().prompt(emoji.repeat(800)).build())).isEmpty();
    }

    @Test
    void eightHundredAndOneCharactersAreTooMany() {
      Violation v = only(turbo().prompt("a".repeat(801)).build());
      assertThat(v.field()).isEqualTo("prompt");
      assertThat(v.message()).contains("at most 800 characters");
      assertThat(v.rejectedValue().toString()).contains("(801 characters)").hasSizeLessThan(90);
    }
  }

  @Nested
  class NegativePrompt {
    @Test
    void fiveHundredCharactersPassOnQwen() {
      assertThat(validator.validate(qwen().negativePrompt("模".repeat(500)).build())).isEmpty();
    }

    @Test
    void fiveHundredAndOneAreTooMany() {
      Violation v = only(qwen().negativePrompt("b".repeat(501)).build());
      assertThat(v.field()).isEqualTo("negative_prompt");
      assertThat(v.message()).contains("at most 500");
    }

    @Test
    void zImageTurboTakesNoNegativePromptAndTheMessageNamesModelsThatDo() {
      Violation v = only(turbo().negativePrompt("blur").build());
      assertThat(v.field()).isEqualTo("negative_prompt");
      assertThat(v.message())
          .contains("z-image-turbo does not take a negative prompt")
          .contains("qwen-image-2.0 or qwen-image-2.0-pro");
    }
  }

  @Nested
  class Count {
    @ParameterizedTest
    @ValueSource(ints = {0, -1, 7, 100})
    void outsideOneToSixIsReportedOnce(int n) {
      Violation v = only(qwen().n(n).build());
      assertThat(v.field()).isEqualTo("n");
      assertThat(v.message()).contains("between 1 and 6");
      assertThat(v.rejectedValue()).isEqualTo(n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void qwenTakesOneToSix(int n) {
      assertThat(validator.validate(qwen().n(n).build())).isEmpty();
    }

    @Test
    void zImageTurboAcceptsAnExplicitOne() {
      assertThat(validator.validate(turbo().n(1).build())).isEmpty();
    }

    @Test
    void zImageTurboRefusesMoreThanOneAndSuggestsQwen() {
      Violation v = only(turbo().n(4).build());
      assertThat(v.message())
          .isEqualTo(
              "z-image-turbo always makes exactly 1 image; n=4 is not supported — use"
                  + " qwen-image-2.0 or qwen-image-2.0-pro for up to 6");
    }
  }

  @Nested
  class PromptExtend {
    @Test
    void qwenRefusesPromptExtendBecauseItIsUndocumentedThere() {
      Violation v = only(qwen().promptExtend(true).build());
      assertThat(v.field()).isEqualTo("prompt_extend");
      assertThat(v.message()).contains("documented only for z-image-turbo");
    }

    @Test
    void explicitFalseIsHarmlessOnEveryModel() {
      assertThat(validator.validate(qwen().promptExtend(false).build())).isEmpty();
      assertThat(validator.validate(turbo().promptExtend(false).build())).isEmpty();
    }
  }

  @Nested
  class ModelName {
    @Test
    void missingModelListsTheChoices() {
      Violation v = only(GenerationRequest.builder().prompt("x").build());
      assertThat(v.field()).isEqualTo("model");
      assertThat(v.message())
          .contains("model is required")
          .contains("z-image-turbo, qwen-image-2.0, qwen-image-2.0-pro");
    }

    @Test
    void modelOutsideTheCatalogGetsOnlyTheSharedRules() {
      GenerationRequest request =
          GenerationRequest.builder()
              .model("qwen-image-3")
              .prompt("x".repeat(5000))
              .size("5:3")
              .resolution("8K")
              .n(40)
              .negativePrompt("blur")
              .build();

      assertThat(validator.validate(request)).isEmpty();
    }

    @Test
    void modelOutsideTheCatalogStillReportsSharedProblems() {
      assertThat(
              fields(
                  GenerationRequest.builder()
                      .model("nope")
                      .prompt(" ")
                      .size("5:4")
                      .n(0)
                      .addImageUrl("http://localhost/a.png")
                      .addImageUrl("data:image/png;base64,iVBORw0KGgo=")
                      .build()))
          .containsExactly("prompt", "n", "image_urls[0]", "image_urls[1]");
    }
  }

  @Nested
  class RatioAndTier {
    @Test
    void unsupportedRatioListsTheSupportedOnes() {
      Violation v = only(turbo().size("5:4").build());
      assertThat(v.message()).contains("'5:4'", "1:1, 4:3, 3:4, 16:9, 9:16, 3:2, 2:3");
    }

    @Test
    void unsupportedTierListsTheSupportedOnes() {
      Violation v = only(turbo().resolution("4K").build());
      assertThat(v.message()).contains("'4K'", "1K, 2K");
    }

    @Test
    void lowerCaseTierIsAccepted() {
      assertThat(validator.validate(turbo().resolution("2k").build())).isEmpty();
    }
  }

  @Nested
  class ImageUrls {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://example.com/a.jpg",
          "http://images.example.org:8080/p/q.png?sig=1",
          "https://8.8.8.8/a.png",
          "https://[2001:4860:4860::8888]/a.png"
        })
    void publicHttpUrlsPass(String url) {
      assertThat(validator.validate(qwen().addImageUrl(url).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "data:image/png;base64,iVBORw0KGgo=",
          "DATA:image/jpeg;base64,/9j/",
          "iVBORw0KGgo;base64,AAAA"
        })
    void dataAndBase64AreRefusedWithAnExplanation(String url) {
      Violation v = only(qwen().addImageUrl(url).build());
      assertThat(v.field()).isEqualTo("image_urls[0]");
      assertThat(v.message()).contains("base64 images are not accepted", "http(s) URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/a.png", "file:///etc/passwd", "example.com/a.png"})
    void nonHttpSchemesAreRefused(String url) {
      assertThat(only(qwen().addImageUrl(url).build()).message())
          .contains("only public http:// or https:// URLs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://exa mple.com/a.png", "https://", "http://[::1/a.png"})
    void malformedUrlsAreRefused(String url) {
      assertThat(only(qwen().addImageUrl(url).build()).field()).isEqualTo("image_urls[0]");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://localhost/a.png",
          "http://api.localhost/a.png",
          "http://127.0.0.1:8080/a.png",
          "http://10.1.2.3/a.png",
          "http://172.16.0.1/a.png",
          "http://192.168.1.10/a.png",
          "http://169.254.169.254/latest/meta-data",
          "http://100.64.0.1/a.png",
          "http://0.0.0.0/a.png",
          "http://[::1]/a.png",
          "http://[fd00::1]/a.png",
          "http://[fe80::1]/a.png",
          "http://printer.local/a.png",
          "http://intranet/a.png"
        })
    void hostsTheServiceCannotReachAreRefused(String url) {
      assertThat(only(qwen().addImageUrl(url).build()).message()).contains("use a publicly");
    }

    @Test
    void invalidIpLiteralIsRefusedWithoutAnyLookup() {
      assertThat(only(qwen().addImageUrl("http://999.1.1.1/a.png").build()).message())
          .contains("not a valid host name or IP address");
    }

    @Test
    void moreThanThreeReferenceImagesAreTooMany() {
      GenerationRequest.Builder b = qwen();
      for (int i = 0; i < 4; i++) {
        b.addImageUrl("https://example.com/" + i + ".png");
      }
      Violation v = only(b.build());
      assertThat(v.field()).isEqualTo("image_urls");
      assertThat(v.message()).contains("at most 3 reference images, got 4");
    }

    @Test
    void everyBadUrlIsReportedWithItsIndex() {
      assertThat(
              fields(
                  qwen()
                      .addImageUrl("https://example.com/ok.png")
                      .addImageUrl("data:image/png;base64,AA")
                      .addImageUrl("http://localhost/x.png")
                      .build()))
          .containsExactly("image_urls[1]", "image_urls[2]");
    }

    @Test
    void zImageTurboTakesNoReferenceImages() {
      Violation v = only(turbo().addImageUrl("https://example.com/a.png").build());
      assertThat(v.field()).isEqualTo("image_urls");
      assertThat(v.message()).contains("does not take reference images", "qwen-image-2.0");
    }
  }

  @Test
  void reportsEveryViolationAtOnceInFieldOrder() {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.Z_IMAGE_TURBO)
            .prompt("")
            .size("7:5")
            .resolution("8K")
            .n(3)
            .negativePrompt("x")
            .addImageUrl("https://example.com/a.png")
            .build();

    assertThat(fields(request))
        .containsExactly("prompt", "size", "resolution", "n", "negative_prompt", "image_urls");
  }

  @Test
  void requireValidThrowsWithAllViolationsAndAReadableMessage() {
    GenerationRequest request = turbo().prompt(" ").n(2).build();

    assertThatThrownBy(() -> validator.requireValid(request))
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(Violation::field)
                  .containsExactly("prompt", "n");
              assertThat(e.getMessage())
                  .startsWith("Invalid image generation request (2 problems), nothing was sent:")
                  .contains("\n - prompt: ", "\n - n: ");
              assertThat(e.httpStatus()).isEmpty();
            });
  }

  /**
   * The model x field matrix, written down independently of {@link ImageModel}'s capability data:
   * which optional field each model accepts.
   */
  static Stream<Arguments> modelFieldMatrix() {
    record Field(String name, UnaryOperator<GenerationRequest.Builder> set) {}
    List<Field> fields =
        List.of(
            new Field("size", b -> b.size("3:2")),
            new Field("resolution", b -> b.resolution("2K")),
            new Field("n", b -> b.n(2)),
            new Field("negative_prompt", b -> b.negativePrompt("no text")),
            new Field("image_urls", b -> b.addImageUrl("https://example.com/ref.png")),
            new Field("prompt_extend", b -> b.promptExtend(true)));
    List<String> turboAccepts = List.of("size", "resolution", "prompt_extend");
    List<String> qwenAccepts = List.of("size", "resolution", "n", "negative_prompt", "image_urls");
    return Stream.of(
            ImageModel.Z_IMAGE_TURBO, ImageModel.QWEN_IMAGE_2_0, ImageModel.QWEN_IMAGE_2_0_PRO)
        .flatMap(
            model ->
                fields.stream()
                    .map(
                        f ->
                            Arguments.of(
                                model.id(),
                                f.name(),
                                f.set(),
                                (model == ImageModel.Z_IMAGE_TURBO ? turboAccepts : qwenAccepts)
                                    .contains(f.name()))));
  }

  @ParameterizedTest(name = "{0} with {1}: accepted={3}")
  @MethodSource("modelFieldMatrix")
  void modelFieldMatrix(
      String model, String field, UnaryOperator<GenerationRequest.Builder> set, boolean accepted) {
    GenerationRequest request =
        set.apply(GenerationRequest.builder().model(model).prompt("A lighthouse")).build();

    List<Violation> violations = validator.validate(request);

    if (accepted) {
      assertThat(violations).isEmpty();
    } else {
      assertThat(violations).singleElement().extracting(Violation::field).isEqualTo(field);
      assertThat(violations.get(0).message()).contains(model);
    }
  }
}
