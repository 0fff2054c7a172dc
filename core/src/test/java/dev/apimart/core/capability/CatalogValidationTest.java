package dev.apimart.core.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The validation policy of ADR 0012 on models beyond the three seed models. */
class CatalogValidationTest {

  private final RequestValidator validator = RequestValidator.instance();

  private static GenerationRequest.Builder on(ImageModel model) {
    return GenerationRequest.builder().model(model).prompt("A lighthouse at dawn");
  }

  private Violation only(GenerationRequest request) {
    List<Violation> violations = validator.validate(request);
    assertThat(violations).hasSize(1);
    return violations.get(0);
  }

  @Nested
  class DocumentedRules {
    @Test
    void gptImage2TakesWideRatiosFourKAndPixelSizes() {
      assertThat(
              validator.validate(
                  on(ImageModel.GPT_IMAGE_2).size("21:9").resolution("4K").n(2).build()))
          .isEmpty();
      assertThat(validator.validate(on(ImageModel.GPT_IMAGE_2).size("1881x836").build())).isEmpty();
    }

    @Test
    void aPixelSizeBeyondTheModelsCapNamesTheRange() {
      Violation v = only(on(ImageModel.GPT_IMAGE_2).size("4000x4000").build());

      assertThat(v.field()).isEqualTo("size");
      assertThat(v.message()).contains("'4000x4000'", "gpt-image-2", "3840");
    }

    @Test
    void aRatioTheModelDoesNotListIsRefusedWithItsList() {
      Violation v = only(on(ImageModel.GPT_4O_IMAGE).size("16:9").build());

      assertThat(v.message()).contains("'16:9'", "gpt-4o-image", "1:1, 2:3, 3:2");
    }

    @Test
    void gpt4oImageRefusesThreeImagesAndListsTheCountsItMakes() {
      Violation v = only(on(ImageModel.GPT_4O_IMAGE).n(3).build());

      assertThat(v.field()).isEqualTo("n");
      assertThat(v.message())
          .isEqualTo("gpt-4o-image makes 1, 2 or 4 images; n=3 is not supported");
    }

    @Test
    void aTierTheModelLacksListsItsTiersInTheirSpelling() {
      Violation gpt = only(on(ImageModel.GPT_IMAGE_2).resolution("0.5K").build());
      Violation seedream = only(on(ImageModel.DOUBAO_SEEDREAM_4_5).resolution("1K").build());

      assertThat(gpt.message()).contains("1k, 2k, 4k", "(default 1k)");
      assertThat(seedream.message()).contains("2K, 4K");
    }

    @Test
    void textOnlyModelsRefuseReferences() {
      Violation v =
          only(on(ImageModel.IMAGEN_4_0_APIMART).addImageUrl("https://example.com/a.png").build());

      assertThat(v.field()).isEqualTo("image_urls");
      assertThat(v.message()).contains("imagen-4.0-apimart does not take reference images");
    }

    @Test
    void dataUrisPassWhereTheModelDocumentsThemAndNowhereElse() {
      String dataUri = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==";

      assertThat(
              validator.validate(
                  on(ImageModel.GEMINI_3_PRO_IMAGE_PREVIEW).addImageUrl(dataUri).build()))
          .isEmpty();
      assertThat(only(on(ImageModel.QWEN_IMAGE_2_0).addImageUrl(dataUri).build()).message())
          .contains("base64 images are not accepted");
      assertThat(
              only(on(ImageModel.GEMINI_3_PRO_IMAGE_PREVIEW)
                      .addImageUrl("data:text/html;base64,PHNjcmlwdD4=")
                      .build())
                  .field())
          .isEqualTo("image_urls[0]");
    }

    @Test
    void sixteenReferencesPassOnGptImage2AndSeventeenDoNot() {
      GenerationRequest.Builder b = on(ImageModel.GPT_IMAGE_2);
      for (int i = 0; i < 16; i++) {
        b.addImageUrl("https://example.com/ref-" + i + ".png");
      }
      assertThat(validator.validate(b.build())).isEmpty();

      b.addImageUrl("https://example.com/ref-16.png");
      assertThat(only(b.build()).message()).contains("at most 16 reference images, got 17");
    }

    @Test
    void seedreamCountsReferencesTogetherWithOutputs() {
      GenerationRequest.Builder b = on(ImageModel.DOUBAO_SEEDREAM_4_5).n(5);
      for (int i = 0; i < 11; i++) {
        b.addImageUrl("https://example.com/ref-" + i + ".png");
      }

      assertThat(only(b.build()).message()).contains("11 references + n=5");
    }

    @Test
    void theLongPromptOfWanIsAllowedAndTheSeedLimitStays() {
      assertThat(validator.validate(on(ImageModel.WAN_2_7_IMAGE).prompt("a".repeat(5000)).build()))
          .isEmpty();
      assertThat(only(on(ImageModel.WAN_2_7_IMAGE).prompt("a".repeat(5001)).build()).message())
          .contains("at most 5000");
    }
  }

  @Nested
  class TypedOptions {
    @Test
    void documentedOptionsAndValuesPass() {
      GenerationRequest request =
          on(ImageModel.GPT_IMAGE_2_OFFICIAL)
              .quality("HIGH")
              .background("transparent")
              .outputFormat("webp")
              .outputCompression(80)
              .maskUrl("https://example.com/mask.png")
              .addImageUrl("https://example.com/photo.png")
              .build();

      assertThat(validator.validate(request)).isEmpty();
    }

    @Test
    void anOptionTheModelDoesNotDocumentIsRefusedNamingModelsThatTakeIt() {
      Violation v = only(on(ImageModel.QWEN_IMAGE_2_0).quality("high").build());

      assertThat(v.field()).isEqualTo("quality");
      assertThat(v.message()).contains("not documented for qwen-image-2.0", "gpt-image-2-official");
    }

    @Test
    void aValueOutsideTheDocumentedOnesListsThem() {
      Violation v = only(on(ImageModel.GPT_IMAGE_2_OFFICIAL).quality("ultra").build());

      assertThat(v.message()).contains("auto, low, medium, high", "'ultra'");
    }

    @Test
    void compressionOutsideZeroToHundredIsRefusedForEveryModel() {
      assertThat(
              only(GenerationRequest.builder()
                      .model("anything")
                      .prompt("x")
                      .outputCompression(101)
                      .build())
                  .field())
          .isEqualTo("output_compression");
    }

    @Test
    void aMaskOnAModelWithoutMasksIsRefused() {
      Violation v = only(on(ImageModel.Z_IMAGE_TURBO).maskUrl("https://example.com/m.png").build());

      assertThat(v.field()).isEqualTo("mask_url");
      assertThat(v.message()).contains("z-image-turbo does not take a mask");
    }
  }

  @Nested
  class ExtraBody {
    @Test
    void anyJsonShapedValuePasses() {
      GenerationRequest request =
          on(ImageModel.DOUBAO_SEEDREAM_5_0_LITE)
              .extraBody("sequential_image_generation_options", Map.of("max_images", 3))
              .extraBody("tags", List.of("a", 1, true))
              .extraBody("note", null)
              .build();

      assertThat(validator.validate(request)).isEmpty();
    }

    @Test
    void anExtraNamedLikeATypedFieldIsAViolationNotAnOverride() {
      Violation v = only(on(ImageModel.QWEN_IMAGE_2_0).extraBody("n", 3).build());

      assertThat(v.field()).isEqualTo("extra_body.n");
      assertThat(v.message()).contains("'n' is a typed field", "whole number", "never overrides");
    }

    @Test
    void paramWithTheWrongTypeForATypedFieldSaysWhatItExpects() {
      Violation v = only(on(ImageModel.GPT_IMAGE_2).param("seed", "abc").build());

      assertThat(v.field()).isEqualTo("extra_body.seed");
      assertThat(v.message()).contains("whole number");
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
      List<Violation> violations =
          validator.validate(
              on(ImageModel.GPT_IMAGE_2)
                  .extraBody("when", new Object())
                  .extraBody("ratio", Double.NaN)
                  .extraBody("map", Map.of(1, "x"))
                  .build());

      assertThat(violations)
          .extracting(Violation::field)
          .containsExactly("extra_body.when", "extra_body.ratio", "extra_body.map");
    }
  }

  @Nested
  class Normalisation {
    @Test
    void tiersAreSentAsTheModelSpellsThem() {
      assertThat(
              validator
                  .prepare(on(ImageModel.QWEN_IMAGE_2_0).resolution(" 2k ").build())
                  .resolutionValue())
          .isEqualTo("2K");
      assertThat(
              validator
                  .prepare(on(ImageModel.GPT_IMAGE_2).resolution("2K").build())
                  .resolutionValue())
          .isEqualTo("2k");
    }

    @Test
    void modelSizeAndOptionValuesTakeTheirDocumentedSpelling() {
      GenerationRequest prepared =
          validator.prepare(
              GenerationRequest.builder()
                  .model(" GPT-Image-2-Official ")
                  .prompt("x")
                  .size(" 16 : 9 ")
                  .quality("High")
                  .build());

      assertThat(prepared.modelName()).isEqualTo("gpt-image-2-official");
      assertThat(prepared.sizeValue()).isEqualTo("16:9");
      assertThat(prepared.quality()).isEqualTo("high");
    }

    @Test
    void aModelOutsideTheCatalogIsOnlyStripped() {
      GenerationRequest prepared =
          validator.prepare(
              GenerationRequest.builder()
                  .model(" Acme-Image-X ")
                  .prompt("x")
                  .size(" Square ")
                  .resolution(" 2k ")
                  .param("style", "vivid")
                  .build());

      assertThat(prepared.modelName()).isEqualTo("Acme-Image-X");
      assertThat(prepared.sizeValue()).isEqualTo("Square");
      assertThat(prepared.resolutionValue()).isEqualTo("2k");
      assertThat(prepared.extraBody()).containsEntry("style", "vivid");
    }
  }

  @Test
  void aCatalogEntryAddedAtRunTimeIsEnforced() {
    ModelCatalog catalog =
        ModelCatalog.defaults().toBuilder()
            .put(
                ModelCapabilities.builder(ImageModel.of("acme-image-1"))
                    .sizes("1:1", "16:9")
                    .countRange(1, 2)
                    .build())
            .build();
    RequestValidator custom = RequestValidator.forCatalog(catalog);
    GenerationRequest request =
        GenerationRequest.builder().model("acme-image-1").prompt("x").size("4:3").n(3).build();

    assertThat(custom.validate(request)).extracting(Violation::field).containsExactly("size", "n");
    assertThat(validator.validate(request)).isEmpty();
  }

  @Test
  void aModelOutsideTheCatalogIsWarnedAboutOncePerName() throws IOException {
    String name = "warn-once-model-" + System.nanoTime();
    GenerationRequest request = GenerationRequest.builder().model(name).prompt("x").build();

    for (int i = 0; i < 3; i++) {
      validator.validate(request);
    }

    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
    long lines = Files.readAllLines(log).stream().filter(l -> l.contains(name)).count();
    assertThat(lines).isEqualTo(1);
  }

  @Nested
  class ReviewFindings {
    @Test
    void aSizeTheEntryDoesNotListIsOnlyStripped() {
      GenerationRequest prepared =
          validator.prepare(on(ImageModel.WAN_2_7_IMAGE).size(" 1024*1024 ").build());

      assertThat(prepared.sizeValue()).isEqualTo("1024*1024");
    }

    @Test
    void autoOnSeedreamNeedsReferenceImages() {
      Violation v = only(on(ImageModel.DOUBAO_SEEDREAM_5_0_LITE).size("auto").build());

      assertThat(v.field()).isEqualTo("size");
      assertThat(v.message()).contains("size auto needs image_urls");
      assertThat(
              validator.validate(
                  on(ImageModel.DOUBAO_SEEDREAM_5_0_LITE)
                      .size("auto")
                      .addImageUrl("https://example.com/a.png")
                      .build()))
          .isEmpty();
    }

    @Test
    void wanProEditsAtTwoKAtMost() {
      assertThat(validator.validate(on(ImageModel.WAN_2_7_IMAGE_PRO).resolution("4K").build()))
          .isEmpty();
      Violation v =
          only(
              on(ImageModel.WAN_2_7_IMAGE_PRO)
                  .resolution("4K")
                  .addImageUrl("https://example.com/a.png")
                  .build());

      assertThat(v.message()).contains("at most 2K when editing");
    }

    @Test
    void anExtraTheEntryListsWithValuesIsCheckedToo() {
      Violation v =
          only(
              on(ImageModel.DOUBAO_SEEDREAM_5_0_LITE)
                  .extraBody("sequential_image_generation", "sometimes")
                  .build());

      assertThat(v.field()).isEqualTo("extra_body.sequential_image_generation");
      assertThat(v.message()).contains("disabled, auto");
    }

    @Test
    void aListThatContainsItselfIsAViolationNotACrash() {
      List<Object> cycle = new java.util.ArrayList<>();
      cycle.add(cycle);
      GenerationRequest request = on(ImageModel.GPT_IMAGE_2).extraBody("x", cycle).build();

      Violation v = only(request);

      assertThat(v.field()).isEqualTo("extra_body.x");
      assertThat(v.message()).contains("nested more than 32 levels");
      assertThat(request.hashCode()).isEqualTo(request.toBuilder().build().hashCode());
    }

    @Test
    void invisibleTextIsNotAPromptOrAModelName() {
      assertThat(only(on(ImageModel.QWEN_IMAGE_2_0).prompt("\u200b\u200b").build()).field())
          .isEqualTo("prompt");
      assertThat(only(GenerationRequest.builder().model("\u00a0").prompt("x").build()).field())
          .isEqualTo("model");
    }

    @Test
    void paramTakesWholeDoublesAndNullClearsATypedField() {
      GenerationRequest request =
          on(ImageModel.GPT_IMAGE_2_OFFICIAL)
              .quality("high")
              .param("seed", 42.0)
              .param("quality", null)
              .build();

      assertThat(request.seed()).isEqualTo(42L);
      assertThat(request.quality()).isNull();
      assertThat(request.extraBody()).isEmpty();
    }

    @Test
    void aUserEntryIsFoundInAnyCase() {
      ModelCatalog catalog =
          ModelCatalog.defaults().toBuilder()
              .put(ModelCapabilities.builder(ImageModel.of("My-Model")).countRange(1, 2).build())
              .build();
      RequestValidator custom = RequestValidator.forCatalog(catalog);
      GenerationRequest request =
          GenerationRequest.builder().model("my-model").prompt("x").n(3).build();

      assertThat(custom.validate(request)).extracting(Violation::field).containsExactly("n");
    }
  }

  /**
   * Every size and tier an entry lists is accepted for its model (no entry refuses its own data).
   */
  @Test
  void everyDocumentedSizeAndTierOfEveryModelIsAccepted() {
    for (ModelCapabilities c : ModelCatalog.defaults().entries()) {
      List<dev.apimart.core.model.ImageSize> sizes = c.sizes().orElse(List.of());
      List<dev.apimart.core.model.Resolution> tiers = c.tiers().orElse(List.of());
      for (dev.apimart.core.model.ImageSize size : sizes) {
        GenerationRequest.Builder b = on(c.model()).size(size);
        if (size.isAuto() && c.autoSizeNeedsReferences()) {
          b.addImageUrl("https://example.com/ref.png");
        }
        assertThat(validator.validate(b.build())).as("%s %s", c.model(), size).isEmpty();
      }
      for (dev.apimart.core.model.Resolution tier : tiers) {
        assertThat(validator.validate(on(c.model()).resolution(tier).build()))
            .as("%s %s", c.model(), tier)
            .isEmpty();
      }
    }
  }
}
