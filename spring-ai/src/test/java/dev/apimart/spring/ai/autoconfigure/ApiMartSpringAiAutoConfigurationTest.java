package dev.apimart.spring.ai.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.spring.ai.ApiMartImageModel;
import dev.apimart.spring.ai.ApiMartImageOptions;
import dev.apimart.spring.boot.ApiMartAutoConfiguration;
import dev.apimart.testkit.FakeApiMart;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** When the ImageModel bean is made, and from what. */
class ApiMartSpringAiAutoConfigurationTest {

  private FakeApiMart fake;
  private ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    fake = FakeApiMart.start();
    runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    ApiMartAutoConfiguration.class, ApiMartSpringAiAutoConfiguration.class))
            .withPropertyValues(
                "apimart.api-key=" + fake.apiKey(),
                "apimart.base-url=" + fake.baseUrl(),
                "apimart.polling.initial-delay=0s",
                "apimart.polling.min-interval=1ms",
                "apimart.polling.max-interval=5ms");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void anImageModelOnTheStartersClientWithTheConfiguredDefaults() {
    runner
        .withPropertyValues(
            "apimart.defaults.model=flux-2-pro",
            "apimart.defaults.size=16:9",
            "apimart.defaults.resolution=2K",
            "apimart.defaults.params.seed=42",
            "apimart.defaults.params.negative_prompt=blurry")
        .run(
            context -> {
              assertThat(context).hasSingleBean(ImageModel.class);
              ApiMartImageModel model = context.getBean(ApiMartImageModel.class);
              ApiMartImageOptions defaults = model.getDefaultOptions();
              assertThat(defaults.getModel()).isEqualTo("flux-2-pro");
              assertThat(defaults.getSize()).hasToString("16:9");
              assertThat(defaults.getResolution()).hasToString("2K");
              assertThat(defaults.getNegativePrompt()).isEqualTo("blurry");
              assertThat(defaults.getParams()).containsEntry("seed", 42L);

              ImageResponse response = model.call(new ImagePrompt("a harbour at night"));

              assertThat(response.getResults()).hasSize(1);
              assertThat(fake.journal().submissions().get(0).jsonBody())
                  .containsEntry("model", "flux-2-pro")
                  .containsEntry("size", "16:9")
                  .containsEntry("resolution", "2K")
                  .containsEntry("seed", 42)
                  .containsEntry("negative_prompt", "blurry");
            });
  }

  @Test
  void theApplicationsOwnImageModelWins() {
    ImageModel own = prompt -> new ImageResponse(java.util.List.of());
    runner
        .withBean(ImageModel.class, () -> own)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ImageModel.class);
              assertThat(context.getBean(ImageModel.class)).isSameAs(own);
              assertThat(context).doesNotHaveBean(ApiMartImageModel.class);
            });
  }

  @Test
  void nothingWithoutSpringAiOnTheClassPath() {
    runner
        .withClassLoader(new FilteredClassLoader(ImageModel.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(ApiMartClient.class);
              assertThat(context).doesNotHaveBean(ApiMartImageModel.class);
            });
  }

  @Test
  void nothingWhenThereIsNoApiMartClient() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ApiMartSpringAiAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(ImageModel.class));
  }

  @Test
  void observedThroughTheApplicationsRegistry() {
    TestObservationRegistry registry = TestObservationRegistry.create();
    runner
        .withBean(TestObservationRegistry.class, () -> registry)
        .withPropertyValues("apimart.defaults.model=z-image-turbo")
        .run(
            context -> {
              context.getBean(ImageModel.class).call(new ImagePrompt("a cat"));
              TestObservationRegistryAssert.assertThat(registry)
                  .hasObservationWithNameEqualTo("gen_ai.client.operation")
                  .that()
                  .hasLowCardinalityKeyValue("gen_ai.request.model", "z-image-turbo");
            });
  }
}
