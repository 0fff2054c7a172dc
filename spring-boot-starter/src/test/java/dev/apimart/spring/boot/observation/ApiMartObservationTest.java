package dev.apimart.spring.boot.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelSize;
import dev.apimart.spring.boot.ApiMartAutoConfiguration;
import dev.apimart.spring.boot.ApiMartClientCustomizer;
import dev.apimart.spring.boot.testing.BootLine;
import dev.apimart.spring.boot.testing.Hermetic;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Outcome;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ApiMartObservationTest {

  private static final String NAME = "apimart.client.operation";
  private static final GenerationRequest REQUEST =
      GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a lighthouse at dawn");

  private final FakeApiMart fake = FakeApiMart.builder().finishAfterPolls(3).start();
  private final TestObservationRegistry registry = TestObservationRegistry.create();
  private final Collector collector = new Collector();

  private final ApplicationContextRunner runner =
      Hermetic.runner()
          .withConfiguration(
              AutoConfigurations.of(
                  ApiMartAutoConfiguration.class, ApiMartObservationAutoConfiguration.class))
          .withBean(ObservationRegistry.class, () -> registry)
          .withPropertyValues(
              "apimart.base-url=" + fake.baseUrl(),
              "apimart.api-key=" + fake.apiKey(),
              "apimart.polling.initial-delay=0s",
              "apimart.polling.min-interval=1ms",
              "apimart.polling.max-interval=5ms");

  ApiMartObservationTest() {
    registry.observationConfig().observationHandler(collector);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void generateIsObservedWithItsSubmissionAndPollsAsChildren() {
    runner.run(context -> context.getBean(ApiMartClient.class).generate(REQUEST));

    TestObservationRegistryAssert.assertThat(registry)
        .hasNumberOfObservationsWithNameEqualTo(NAME, 5)
        .hasObservationWithNameEqualTo(NAME)
        .that()
        .hasContextualNameEqualTo("generate z-image-turbo")
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "generate")
        .hasLowCardinalityKeyValue("gen_ai.system", "apimart")
        .hasLowCardinalityKeyValue("gen_ai.request.model", "z-image-turbo")
        .hasLowCardinalityKeyValue("apimart.outcome", "success")
        .hasLowCardinalityKeyValue("apimart.task.status", "completed")
        .hasHighCardinalityKeyValue("apimart.task.id", fake.lastTask().id())
        .hasHighCardinalityKeyValue("gen_ai.request.image.size", "1024x1024");

    ApiMartObservationContext generate = collector.only("generate");
    ApiMartObservationContext submit = collector.only("submit");
    List<ApiMartObservationContext> polls = collector.all("poll");
    assertThat(generate.getParentObservation()).isNull();
    assertThat(submit.getParentObservation().getContextView()).isSameAs(generate);
    assertThat(lowCardinality(submit, "apimart.task.status")).isEqualTo("submitted");
    assertThat(polls)
        .extracting(p -> lowCardinality(p, "apimart.task.status"))
        .containsExactly("pending", "processing", "completed");
    assertThat(polls)
        .allSatisfy(
            p -> {
              assertThat(p.getParentObservation().getContextView()).isSameAs(generate);
              assertThat(lowCardinality(p, "gen_ai.request.model")).isEqualTo("z-image-turbo");
            });
  }

  @Test
  void aTopLevelOperationBecomesAChildOfTheCallersObservation() {
    runner.run(
        context -> {
          Observation request = Observation.start("http.server.requests", registry);
          try (Observation.Scope scope = request.openScope()) {
            context.getBean(ApiMartClient.class).balance();
          } finally {
            request.stop();
          }
          assertThat(collector.only("balance").getParentObservation()).isSameAs(request);
        });
  }

  @Test
  void everyObservationHasTheSameLowCardinalityKeys() {
    runner.run(
        context -> {
          ApiMartClient client = context.getBean(ApiMartClient.class);
          client.generate(REQUEST);
          client.balance();
        });
    assertThat(collector.stopped)
        .allSatisfy(
            c ->
                assertThat(c.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
                    .containsExactlyInAnyOrder(
                        "gen_ai.operation.name",
                        "gen_ai.system",
                        "gen_ai.request.model",
                        "apimart.outcome",
                        "apimart.task.status"));
    assertThat(lowCardinality(collector.only("balance"), "gen_ai.request.model")).isEqualTo("none");
  }

  @Test
  void theImageSizeIsReadFromTheClientsCatalog() {
    // A corrected pixel table for z-image-turbo: only the client's catalog knows it.
    runner
        .withBean(
            ApiMartClientCustomizer.class,
            () ->
                builder ->
                    builder.model(
                        ModelCatalog.defaults().require(ImageModel.Z_IMAGE_TURBO).toBuilder()
                            .pixelSize("1:1", "1K", 1000, 1000)
                            .build()))
        .run(context -> context.getBean(ApiMartClient.class).generate(REQUEST));

    assertThat(
            collector
                .only("generate")
                .getHighCardinalityKeyValue("gen_ai.request.image.size")
                .getValue())
        .isEqualTo("1000x1000");
    assertThat(collector.only("generate").catalog().require(ImageModel.Z_IMAGE_TURBO).pixelTable())
        .containsEntry("1:1@1K", new PixelSize(1000, 1000));
  }

  @Test
  void aModelOutsideTheCatalogHasNoImageSizeAndIsTaggedOther() {
    runner.run(
        context ->
            assertThatThrownBy(
                    () ->
                        context
                            .getBean(ApiMartClient.class)
                            .submit(GenerationRequest.of(ImageModel.of("acme-image-7"), "x")))
                .isNotNull());
    ApiMartObservationContext submit = collector.only("submit");
    assertThat(submit.getHighCardinalityKeyValue("gen_ai.request.image.size")).isNull();
    assertThat(lowCardinality(submit, "gen_ai.request.model")).isEqualTo("other");
    assertThat(submit.getContextualName()).isEqualTo("submit");
  }

  @Test
  void promptIsNotRecordedByDefault() {
    runner.run(context -> context.getBean(ApiMartClient.class).generate(REQUEST));
    assertThat(collector.stopped)
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.getHighCardinalityKeyValue("gen_ai.prompt")).isNull();
              assertThat(c.getAllKeyValues().toString()).doesNotContain("lighthouse");
            });
  }

  @Test
  void promptIsRecordedOnlyWhenAskedFor() {
    runner
        .withPropertyValues("apimart.observations.include-prompt=true")
        .run(context -> context.getBean(ApiMartClient.class).generate(REQUEST));
    assertThat(collector.only("generate").getHighCardinalityKeyValue("gen_ai.prompt").getValue())
        .isEqualTo("a lighthouse at dawn");
  }

  @Test
  void failedTaskIsRecordedWithItsOutcomeAndStatus() {
    fake.onNextTask(Outcome.fails("content_policy_violation", "refused"));
    runner.run(
        context ->
            assertThatThrownBy(() -> context.getBean(ApiMartClient.class).generate(REQUEST))
                .isInstanceOf(TaskFailedException.class));
    ApiMartObservationContext generate = collector.only("generate");
    assertThat(generate.getError()).isInstanceOf(TaskFailedException.class);
    assertThat(lowCardinality(generate, "apimart.outcome")).isEqualTo("task_failed");
    assertThat(lowCardinality(generate, "apimart.task.status")).isEqualTo("failed");
    assertThat(generate.getHighCardinalityKeyValue("error.type").getValue())
        .isEqualTo(TaskFailedException.class.getName());
  }

  @Test
  void rejectedKeyIsRecordedAsAuthenticationOutcome() {
    runner
        .withPropertyValues("apimart.api-key=sk-wrong-0000000000000000")
        .run(
            context -> {
              ApiMartClient client = context.getBean(ApiMartClient.class);
              assertThatThrownBy(client::balance).isNotNull();
            });
    assertThat(lowCardinality(collector.only("balance"), "apimart.outcome"))
        .isEqualTo("authentication");
  }

  @Test
  void customConventionBeanReplacesTheDefault() {
    runner
        .withBean(
            ApiMartObservationConvention.class,
            () ->
                new DefaultApiMartObservationConvention() {
                  @Override
                  public String getName() {
                    return "images.client";
                  }
                })
        .run(context -> context.getBean(ApiMartClient.class).balance());
    TestObservationRegistryAssert.assertThat(registry)
        .hasObservationWithNameEqualTo("images.client")
        .that()
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "balance");
  }

  @Test
  void noObserverWithoutAnObservationRegistryBean() {
    Hermetic.runner()
        .withConfiguration(
            AutoConfigurations.of(
                ApiMartAutoConfiguration.class, ApiMartObservationAutoConfiguration.class))
        .withPropertyValues("apimart.api-key=k")
        .run(
            context -> {
              assertThat(context).hasSingleBean(ApiMartClient.class);
              assertThat(context).doesNotHaveBean(ClientObserver.class);
            });
  }

  @Test
  void noObserverWithoutMicrometerOnTheClassPath() {
    Hermetic.runner()
        .withConfiguration(
            AutoConfigurations.of(
                ApiMartAutoConfiguration.class, ApiMartObservationAutoConfiguration.class))
        .withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
        .withPropertyValues("apimart.api-key=k")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ClientObserver.class);
            });
  }

  @Test
  void springBootsObservationRegistryGetsTheObservationsAndItsSwitchTurnsThemOff() {
    ApplicationContextRunner boot =
        Hermetic.runner()
            .withConfiguration(
                AutoConfigurations.of(
                    BootLine.OBSERVATION_AUTO_CONFIGURATION,
                    ApiMartAutoConfiguration.class,
                    ApiMartObservationAutoConfiguration.class))
            .withBean("collector", Collector.class, () -> collector)
            .withPropertyValues(
                "apimart.base-url=" + fake.baseUrl(), "apimart.api-key=" + fake.apiKey());
    boot.run(
        context -> {
          assertThat(context).hasSingleBean(ObservationClientObserver.class);
          context.getBean(ApiMartClient.class).balance();
        });
    assertThat(collector.all("balance")).hasSize(1);

    boot.withPropertyValues("management.observations.enable.apimart=false")
        .run(context -> context.getBean(ApiMartClient.class).balance());
    assertThat(collector.all("balance")).hasSize(1);
  }

  private static String lowCardinality(Observation.Context context, String key) {
    return context.getLowCardinalityKeyValue(key).getValue();
  }

  /** Collects the contexts of stopped ApiMart observations. */
  static final class Collector implements ObservationHandler<ApiMartObservationContext> {
    final List<ApiMartObservationContext> stopped = new CopyOnWriteArrayList<>();

    @Override
    public void onStop(ApiMartObservationContext context) {
      stopped.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return context instanceof ApiMartObservationContext;
    }

    List<ApiMartObservationContext> all(String operation) {
      return stopped.stream()
          .filter(c -> lowCardinality(c, "gen_ai.operation.name").equals(operation))
          .toList();
    }

    ApiMartObservationContext only(String operation) {
      List<ApiMartObservationContext> found = all(operation);
      assertThat(found).as(operation).hasSize(1);
      return found.get(0);
    }
  }
}
