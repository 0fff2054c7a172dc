package dev.apimart.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Resolution;
import dev.apimart.spring.boot.testing.Hermetic;
import dev.apimart.testkit.FakeApiMart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;

/** {@code apimart.models.<model-id>.*}: catalog entries added or corrected from properties. */
class ModelCatalogPropertiesTest {

  private static final ImageModel NEW_MODEL = ImageModel.of("my-new-model");

  private static FakeApiMart fake;

  private final ApplicationContextRunner runner =
      Hermetic.runner()
          .withConfiguration(AutoConfigurations.of(ApiMartAutoConfiguration.class))
          .withPropertyValues(
              "apimart.polling.initial-delay=0s",
              "apimart.polling.min-interval=1ms",
              "apimart.polling.max-interval=5ms");

  @BeforeAll
  static void startFake() {
    fake = FakeApiMart.builder().finishAfterPolls(1).start();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @BeforeEach
  void resetFake() {
    fake.reset();
  }

  private ApplicationContextRunner withFake(String... properties) {
    return runner
        .withPropertyValues(
            "apimart.base-url=" + fake.baseUrl(), "apimart.api-key=" + fake.apiKey())
        .withPropertyValues(properties);
  }

  private static ModelCapabilities catalogEntry(
      AssertableApplicationContext context, ImageModel model) {
    assertThat(context).hasNotFailed();
    return context.getBean(ApiMartClient.class).modelCatalog().require(model);
  }

  private static String failure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    FailureAnalysis analysis = new ApiMartFailureAnalyzer().analyze(context.getStartupFailure());
    assertThat(analysis).as("failure analysis").isNotNull();
    return analysis.getDescription();
  }

  // ---------------------------------------------------------------- a new model

  @Test
  void aModelAddedThroughPropertiesJoinsTheClientsCatalogWithWhatIsSet() {
    withFake(
            "apimart.models.my-new-model.description=Acme's new model",
            "apimart.models.my-new-model.sizes=1:1,16:9",
            "apimart.models.my-new-model.default-size=1:1",
            "apimart.models.my-new-model.tiers=1k,2k",
            "apimart.models.my-new-model.default-tier=1k",
            "apimart.models.my-new-model.max-images=4",
            "apimart.models.my-new-model.max-reference-images=4",
            "apimart.models.my-new-model.reference-data-uris=true",
            "apimart.models.my-new-model.max-prompt-length=300",
            "apimart.models.my-new-model.max-negative-prompt-length=100",
            "apimart.models.my-new-model.prompt-extend=false",
            "apimart.models.my-new-model.mask=false")
        .run(
            context -> {
              ModelCapabilities entry = catalogEntry(context, NEW_MODEL);
              assertThat(entry.description()).isEqualTo("Acme's new model");
              assertThat(entry.sizes())
                  .contains(List.of(ImageSize.RATIO_1_1, ImageSize.RATIO_16_9));
              assertThat(entry.defaultSize()).contains(ImageSize.RATIO_1_1);
              assertThat(entry.tiers()).contains(List.of(Resolution.RES_1K, Resolution.RES_2K));
              assertThat(entry.wireTier(Resolution.RES_2K)).isEqualTo("2k");
              assertThat(entry.defaultTier()).contains(Resolution.RES_1K);
              assertThat(entry.counts()).contains(Set.of(1, 2, 3, 4));
              assertThat(entry.maxReferenceImages()).contains(4);
              assertThat(entry.referenceDataUris()).isTrue();
              assertThat(entry.maxPromptCodePoints()).contains(300);
              assertThat(entry.negativePrompt()).isTrue();
              assertThat(entry.maxNegativePromptCodePoints()).contains(100);
              assertThat(entry.promptExtend()).isFalse();
              assertThat(entry.mask()).isFalse();
              assertThat(entry.options()).isEmpty();
              assertThat(context.getBean(ApiMartClient.class).modelCatalog().size())
                  .isEqualTo(ModelCatalog.defaults().size() + 1);
            });
  }

  @Test
  void aRequestForTheAddedModelIsRefusedByItsRulesBeforeTheNetwork() {
    withFake(
            "apimart.models.my-new-model.sizes=1:1,16:9",
            "apimart.models.my-new-model.max-images=4",
            "apimart.models.my-new-model.max-reference-images=1")
        .run(
            context -> {
              ApiMartClient client = context.getBean(ApiMartClient.class);
              GenerationRequest tooMuch =
                  GenerationRequest.builder()
                      .model(NEW_MODEL)
                      .prompt("a lighthouse")
                      .size("21:9")
                      .n(5)
                      .addImageUrl("https://example.com/a.png")
                      .addImageUrl("https://example.com/b.png")
                      .build();

              assertThatThrownBy(() -> client.generate(tooMuch))
                  .isInstanceOfSatisfying(
                      InvalidRequestException.class,
                      e ->
                          assertThat(e.violations())
                              .extracting(Violation::field)
                              .containsExactly("size", "n", "image_urls"));
              assertThat(fake.journal().submissions()).isEmpty();
            });
  }

  @Test
  void anEntryLeavesUncheckedWhatItDoesNotSet() {
    withFake("apimart.models.my-new-model.max-images=2")
        .run(
            context -> {
              ModelCapabilities entry = catalogEntry(context, NEW_MODEL);
              assertThat(entry.sizes()).isEmpty();
              assertThat(entry.tiers()).isEmpty();
              assertThat(entry.maxReferenceImages()).isEmpty();
              assertThat(entry.acceptsSize(ImageSize.of("17:9"))).isTrue();
            });
  }

  @Test
  void optionsListTheTypedOptionsAndTheirValues() {
    withFake(
            "apimart.models.my-new-model.options.quality=low, high",
            "apimart.models.my-new-model.options[output_format]=",
            "apimart.models.my-new-model.options.nsfw-check=")
        .run(
            context -> {
              ModelCapabilities entry = catalogEntry(context, NEW_MODEL);
              assertThat(entry.options().orElseThrow())
                  .containsExactly(
                      entry("quality", List.of("low", "high")),
                      entry("output_format", List.of()),
                      entry("nsfw_check", List.of()));
              ApiMartClient client = context.getBean(ApiMartClient.class);
              GenerationRequest request =
                  GenerationRequest.builder()
                      .model(NEW_MODEL)
                      .prompt("x")
                      .quality("medium")
                      .background("transparent")
                      .build();
              assertThatThrownBy(() -> client.submit(request))
                  .isInstanceOfSatisfying(
                      InvalidRequestException.class,
                      e ->
                          assertThat(e.violations())
                              .extracting(Violation::field)
                              .containsExactly("quality", "background"));
            });
  }

  @Test
  void sizesAndTiersCanBeMadeUncheckedWithAny() {
    withFake("apimart.models.flux-2-pro.sizes=any", "apimart.models.flux-2-pro.tiers=ANY")
        .run(
            context -> {
              ModelCapabilities entry = catalogEntry(context, ImageModel.FLUX_2_PRO);
              assertThat(entry.sizes()).isEmpty();
              assertThat(entry.tiers()).isEmpty();
              assertThat(entry.acceptsSize(ImageSize.RATIO_21_9)).isTrue();
              assertThat(
                      ModelCatalog.defaults()
                          .require(ImageModel.FLUX_2_PRO)
                          .acceptsSize(ImageSize.RATIO_21_9))
                  .isFalse();
            });
  }

  // ---------------------------------------------------------------- a documented model corrected

  @Test
  void aCorrectionOfADocumentedModelChangesOnlyWhatIsSet() {
    withFake("apimart.models.gpt-image-2.max-images=12")
        .run(
            context -> {
              ModelCapabilities documented =
                  ModelCatalog.defaults().require(ImageModel.GPT_IMAGE_2);
              ModelCapabilities corrected = catalogEntry(context, ImageModel.GPT_IMAGE_2);
              assertThat(corrected.maxImages()).isEqualTo(12);
              assertThat(corrected.minImages()).isEqualTo(1);
              assertThat(documented.maxImages()).isLessThan(12);
              assertThat(corrected.toBuilder().countRange(1, documented.maxImages()).build())
                  .isEqualTo(documented);
            });
  }

  @Test
  void aCorrectionAppliesToRequestsSentToTheService() {
    withFake("apimart.models[qwen-image-2.0].max-images=2")
        .run(
            context -> {
              ApiMartClient client = context.getBean(ApiMartClient.class);
              GenerationRequest.Builder request =
                  GenerationRequest.builder().model(ImageModel.QWEN_IMAGE_2_0).prompt("a harbour");

              assertThatThrownBy(() -> client.generate(request.n(3).build()))
                  .isInstanceOfSatisfying(
                      InvalidRequestException.class,
                      e ->
                          assertThat(e.violations())
                              .extracting(Violation::field)
                              .containsExactly("n"));
              assertThat(fake.journal().submissions()).isEmpty();

              GenerationResult result = client.generate(request.n(2).build());
              assertThat(result.images()).hasSize(2);
              assertThat(fake.journal().submissions()).hasSize(1);
            });
  }

  @Test
  void aSingleImageModelCanBeGivenARange() {
    withFake("apimart.models.z-image-turbo.max-images=3")
        .run(
            context -> {
              ModelCapabilities entry = catalogEntry(context, ImageModel.Z_IMAGE_TURBO);
              assertThat(entry.counts()).contains(Set.of(1, 2, 3));
              assertThat(entry.acceptsCount()).isTrue();
            });
  }

  @Test
  void aSetOfCountsReplacesTheRange() {
    withFake("apimart.models.gpt-image-2.counts=1,2,4")
        .run(
            context ->
                assertThat(catalogEntry(context, ImageModel.GPT_IMAGE_2).counts())
                    .contains(Set.of(1, 2, 4)));
  }

  // ---------------------------------------------------------------- ids with dots

  @Test
  void idsWithDotsAreWrittenInBrackets() {
    withFake(
            "apimart.models[qwen-image-2.0].max-images=8",
            "apimart.models[wan2.7-image].max-reference-images=3",
            "apimart.models[acme-image-1.5].sizes=1:1")
        .run(
            context -> {
              assertThat(catalogEntry(context, ImageModel.QWEN_IMAGE_2_0).maxImages()).isEqualTo(8);
              assertThat(catalogEntry(context, ImageModel.QWEN_IMAGE_2_0).sizes())
                  .isEqualTo(ModelCatalog.defaults().require(ImageModel.QWEN_IMAGE_2_0).sizes());
              assertThat(catalogEntry(context, ImageModel.WAN_2_7_IMAGE).maxReferenceImages())
                  .contains(3);
              assertThat(catalogEntry(context, ImageModel.of("acme-image-1.5")).sizes())
                  .contains(List.of(ImageSize.RATIO_1_1));
            });
  }

  @Test
  void anIdWithADotWrittenWithoutBracketsFailsStartUpShowingTheBracketForm() {
    withFake("apimart.models.qwen-image-2.0.max-images=8")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.qwen-image-2.0.max-images' is not applied")
                    .contains("apimart.models[qwen-image-2.0].max-images"));
  }

  @Test
  void anUnknownEntryPropertyFailsStartUpListingTheProperties() {
    withFake("apimart.models.gpt-image-2.max-image=8")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.gpt-image-2.max-image' is not applied")
                    .contains("max-images")
                    .contains("max-reference-images"));
  }

  // ---------------------------------------------------------------- invalid entries

  @Test
  void aMaximumBelowTheMinimumFailsStartUpNamingBothProperties() {
    withFake("apimart.models.my-new-model.min-images=3", "apimart.models.my-new-model.max-images=2")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.my-new-model.min-images'")
                    .contains("'apimart.models.my-new-model.max-images'")
                    .contains("3..2"));
  }

  @Test
  void aMaximumBelowTheDocumentedMinimumNamesTheProperty() {
    withFake("apimart.models[qwen-image-2.0].max-images=0")
        .run(
            context ->
                assertThat(failure(context))
                    .contains(
                        "Invalid value '0' for property 'apimart.models[qwen-image-2.0].max-images'"));
  }

  @Test
  void negativeCountsFailStartUpNamingTheProperty() {
    withFake("apimart.models.my-new-model.max-reference-images=-1")
        .run(
            context ->
                assertThat(failure(context))
                    .contains(
                        "Invalid value '-1' for property"
                            + " 'apimart.models.my-new-model.max-reference-images'")
                    .contains("must not be negative"));
    withFake("apimart.models.my-new-model.counts=2,-4")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.my-new-model.counts'")
                    .contains("counts must be positive"));
    withFake("apimart.models.my-new-model.max-prompt-length=0")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.my-new-model.max-prompt-length'"));
  }

  @Test
  void countsAndARangeTogetherFailStartUp() {
    withFake("apimart.models.my-new-model.counts=1,2,4", "apimart.models.my-new-model.max-images=4")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.my-new-model.counts'")
                    .contains("'apimart.models.my-new-model.max-images'"));
  }

  @Test
  void aDefaultSizeOutsideTheSizesFailsStartUp() {
    withFake(
            "apimart.models.my-new-model.sizes=1:1,4:3",
            "apimart.models.my-new-model.default-size=16:9")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'16:9' for property 'apimart.models.my-new-model.default-size'")
                    .contains("1:1, 4:3"));
  }

  @Test
  void aBlankDefaultTierFailsStartUpNamingTheProperty() {
    withFake("apimart.models.my-new-model.default-tier= ")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.my-new-model.default-tier'")
                    .contains("must not be blank"));
  }

  @Test
  void aNegativePromptLimitForAModelWithoutNegativePromptFails() {
    withFake(
            "apimart.models.my-new-model.negative-prompt=false",
            "apimart.models.my-new-model.max-negative-prompt-length=100")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.my-new-model.negative-prompt'")
                    .contains("'apimart.models.my-new-model.max-negative-prompt-length'"));
  }

  @Test
  void twoKeysForOneModelFailStartUp() {
    withFake("apimart.models.gpt-image-2.max-images=8", "apimart.models.GPT-Image-2.max-images=9")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.gpt-image-2'")
                    .contains("'apimart.models.GPT-Image-2'")
                    .contains("same model gpt-image-2"));
  }

  // ---------------------------------------------------------------- defaults and the entries

  @Test
  void theDefaultModelMayBeAModelAddedThroughProperties() {
    withFake(
            "apimart.models.my-new-model.sizes=1:1,16:9",
            "apimart.defaults.model=my-new-model",
            "apimart.defaults.size=16:9")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              GenerationRequest request =
                  context.getBean(GenerationRequestDefaults.class).request("x");
              assertThat(request.model()).contains(NEW_MODEL);
              assertThat(request.size()).contains(ImageSize.RATIO_16_9);
            });
  }

  @Test
  void defaultsAreCheckedAgainstTheEntryFromProperties() {
    withFake(
            "apimart.models.my-new-model.sizes=1:1,16:9",
            "apimart.defaults.model=my-new-model",
            "apimart.defaults.size=21:9")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'21:9' for property 'apimart.defaults.size'")
                    .contains("my-new-model"));
  }

  // ---------------------------------------------------------------- YAML

  private ApplicationContextRunner withFakeAndYaml(String yaml) {
    return withFake()
        .withInitializer(
            context -> {
              try {
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new YamlPropertySourceLoader()
                            .load(
                                "application.yml",
                                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
                            .get(0));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @Test
  void inYamlAQuotedBracketKeyAndQuotedRatiosWork() {
    withFakeAndYaml(
            """
            apimart:
              defaults:
                model: qwen-image-2.0
                size: "16:9"
              models:
                "[qwen-image-2.0]":
                  max-images: 8
                my-new-model:
                  sizes: "1:1,16:9"
                  default-size: "16:9"
            """)
        .run(
            context -> {
              assertThat(catalogEntry(context, ImageModel.QWEN_IMAGE_2_0).maxImages()).isEqualTo(8);
              assertThat(catalogEntry(context, NEW_MODEL).defaultSize())
                  .contains(ImageSize.RATIO_16_9);
              assertThat(context.getBean(GenerationRequestDefaults.class).size())
                  .contains(ImageSize.RATIO_16_9);
            });
  }

  @Test
  void anUnquotedRatioInYamlFailsStartUpSayingToQuoteIt() {
    // YAML 1.1 reads 16:9 as the base-60 number 969 and 4:3 as 243.
    withFakeAndYaml("apimart:\n  defaults:\n    size: 16:9\n")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("'969' is not a size")
                    .hasMessageContaining("quote it"));
    withFakeAndYaml("apimart:\n  models:\n    my-new-model:\n      default-size: 4:3\n")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("'apimart.models.my-new-model.default-size'")
                    .contains("'243' is not a size")
                    .contains("quote it"));
  }
}
