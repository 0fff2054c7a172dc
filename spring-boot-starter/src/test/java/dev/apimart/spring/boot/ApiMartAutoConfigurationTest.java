package dev.apimart.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.Resolution;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.spring.boot.testing.Hermetic;
import dev.apimart.testkit.FakeApiMart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class ApiMartAutoConfigurationTest {

  private static FakeApiMart fake;

  private final ApplicationContextRunner runner =
      Hermetic.runner().withConfiguration(AutoConfigurations.of(ApiMartAutoConfiguration.class));

  @BeforeAll
  static void startFake() {
    fake = FakeApiMart.start();
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  private ApplicationContextRunner withFake() {
    return runner.withPropertyValues(
        "apimart.base-url=" + fake.baseUrl(), "apimart.api-key=" + fake.apiKey());
  }

  // ---------------------------------------------------------------- API key and failure analysis

  @Test
  void missingApiKeyFailsStartUpWithAnAnalysisNamingThePropertyAndTheVariable() {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          FailureAnalysis analysis =
              new ApiMartFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription()).contains("No ApiMart API key is configured");
          assertThat(analysis.getAction())
              .contains("'apimart.api-key'")
              .contains("APIMART_API_KEY")
              .contains("define your own ApiMartClient bean");
        });
  }

  @Test
  void anUnresolvedPlaceholderIsNeverSentAsTheKey() {
    runner
        .withPropertyValues(
            "apimart.api-key=${APIMART_KEY_THAT_NO_MACHINE_SETS_7f3a}",
            "apimart.base-url=" + fake.baseUrl())
        .run(
            context -> {
              assertThat(context).hasFailed();
              FailureAnalysis analysis =
                  new ApiMartFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis).isNotNull();
              assertThat(analysis.getDescription())
                  .contains("apimart.api-key")
                  .contains("placeholder ${APIMART_KEY_THAT_NO_MACHINE_SETS_7f3a}")
                  .contains("nothing resolved");
              assertThat(analysis.getAction()).contains("APIMART_KEY_THAT_NO_MACHINE_SETS_7f3a");
            });
    assertThat(fake.journal().requests())
        .noneMatch(
            r -> String.valueOf(r.header("Authorization")).contains("APIMART_KEY_THAT_NO_MACHINE"));
  }

  @Test
  void aPlaceholderWithADefaultThatResolvesIsAnOrdinaryKey() {
    runner
        .withPropertyValues(
            "apimart.api-key=${APIMART_KEY_THAT_NO_MACHINE_SETS_7f3a:" + fake.apiKey() + "}",
            "apimart.base-url=" + fake.baseUrl())
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void blankApiKeyCountsAsMissing() {
    runner
        .withPropertyValues("apimart.api-key=  ")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .hasRootCauseInstanceOf(MissingApiKeyException.class));
  }

  @Test
  void apiKeyIsTakenFromTheApimartApiKeyVariableWhenThePropertyIsUnset() {
    runner
        .withPropertyValues(
            "APIMART_API_KEY=" + fake.apiKey(), "apimart.base-url=" + fake.baseUrl())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(ApiMartClient.class).balance().used()).isNotNull();
            });
  }

  @Test
  void baseUrlIsTakenFromTheApimartBaseUrlVariableWhenThePropertyIsUnset() {
    runner
        .withPropertyValues("apimart.api-key=k", "APIMART_BASE_URL=" + fake.baseUrl())
        .run(
            context ->
                assertThat(context.getBean(ApiMartClient.class).baseUrl())
                    .isEqualTo(fake.baseUrl()));
    runner
        .withPropertyValues("apimart.api-key=k")
        .run(
            context ->
                assertThat(context.getBean(ApiMartClient.class).baseUrl())
                    .hasToString(ApiMartClient.DEFAULT_BASE_URL));
  }

  @Test
  void userClientBeanWinsAndNeedsNoKey() {
    runner
        .withUserConfiguration(UserClient.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(ApiMartClient.class);
              assertThat(context.getBean(ApiMartClient.class))
                  .isSameAs(context.getBean(UserClient.class).client);
            });
  }

  // ---------------------------------------------------------------- properties

  @Test
  void propertiesReachTheClient() {
    withFake()
        .withPropertyValues(
            "apimart.retry.max-attempts=5",
            "apimart.retry.initial-backoff=100ms",
            "apimart.retry.retry-ambiguous-submissions=true",
            "apimart.polling.initial-delay=0s",
            "apimart.polling.max-interval=3s",
            "apimart.polling.timeout=2m",
            "apimart.language=zh")
        .run(
            context -> {
              ApiMartClient client = context.getBean(ApiMartClient.class);
              assertThat(client.baseUrl()).isEqualTo(fake.baseUrl());
              assertThat(client.retryPolicy().maxAttempts()).isEqualTo(5);
              assertThat(client.retryPolicy().initialBackoff()).isEqualTo(Duration.ofMillis(100));
              assertThat(client.retryPolicy().retryAmbiguousSubmissions()).isTrue();
              assertThat(client.pollingOptions().initialDelay()).isZero();
              assertThat(client.pollingOptions().maxInterval()).isEqualTo(Duration.ofSeconds(3));
              assertThat(client.pollingOptions().timeout()).isEqualTo(Duration.ofMinutes(2));
              client.getTask(client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "x")));
              assertThat(
                      fake.journal()
                          .polls()
                          .get(fake.journal().polls().size() - 1)
                          .queryParameter("language"))
                  .isEqualTo("zh");
            });
  }

  @Test
  void defaultPropertiesGiveTheClientBuildersDefaults() {
    withFake()
        .run(
            context -> {
              ApiMartClient client = context.getBean(ApiMartClient.class);
              assertThat(client.retryPolicy()).isEqualTo(RetryPolicy.defaults());
              assertThat(client.pollingOptions())
                  .isEqualTo(dev.apimart.core.client.PollingOptions.defaults());
            });
  }

  @Test
  void valueTheClientRefusesFailsWithThePropertyName() {
    withFake()
        .withPropertyValues("apimart.retry.max-attempts=0")
        .run(
            context -> {
              FailureAnalysis analysis =
                  new ApiMartFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("'apimart.retry.max-attempts'")
                  .contains("at least 1");
            });
  }

  @Test
  void aMaxIntervalAloneLowersTheDefaultMinInsteadOfFailingStartUp() {
    withFake()
        .withPropertyValues("apimart.polling.initial-delay=0s", "apimart.polling.max-interval=10ms")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              PollingOptions polling = context.getBean(ApiMartClient.class).pollingOptions();
              assertThat(polling.maxInterval()).isEqualTo(Duration.ofMillis(10));
              assertThat(polling.minInterval()).isEqualTo(Duration.ofMillis(10));
            });
  }

  @Test
  void inconsistentPollingIntervalsNameBothProperties() {
    withFake()
        .withPropertyValues("apimart.polling.min-interval=20s", "apimart.polling.max-interval=5s")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("apimart.polling.min-interval and")
                    .hasMessageContaining("apimart.polling.max-interval"));
  }

  @Test
  void plainHttpToARemoteHostIsRefusedUnlessAllowedAndTheMessageNamesTheProperties() {
    runner
        .withPropertyValues("apimart.api-key=k", "apimart.base-url=http://api.example.com")
        .run(
            context -> {
              FailureAnalysis analysis =
                  new ApiMartFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("plain http")
                  .contains("apimart.allow-insecure-http");
              assertThat(analysis.getDescription()).doesNotContain("=k");
            });
    runner
        .withPropertyValues(
            "apimart.api-key=k",
            "apimart.base-url=http://api.example.com",
            "apimart.allow-insecure-http=true")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void defaultsBindWireValuesAndBuildRequests() {
    withFake()
        .withPropertyValues(
            "apimart.defaults.model=qwen-image-2.0-pro",
            "apimart.defaults.size=16:9",
            "apimart.defaults.resolution=2k")
        .run(
            context -> {
              GenerationRequest request =
                  context.getBean(GenerationRequestDefaults.class).request("a harbour");
              assertThat(request.model()).contains(ImageModel.QWEN_IMAGE_2_0_PRO);
              assertThat(request.size()).contains(ImageSize.RATIO_16_9);
              assertThat(request.resolution()).contains(Resolution.RES_2K);
              assertThat(request.prompt()).isEqualTo("a harbour");
            });
  }

  @Test
  void defaultsAlsoAcceptEnumConstantNames() {
    withFake()
        .withPropertyValues(
            "apimart.defaults.model=QWEN_IMAGE_2_0", "apimart.defaults.size=RATIO_3_2")
        .run(
            context -> {
              GenerationRequest request =
                  context.getBean(GenerationRequestDefaults.class).request("x");
              assertThat(request.model()).contains(ImageModel.QWEN_IMAGE_2_0);
              assertThat(request.size()).contains(ImageSize.RATIO_3_2);
            });
  }

  // Issue 12 changed this deliberately: 17:9 used to fail binding as "not a supported aspect
  // ratio"; any ratio now binds, and the catalog refuses it for a model that does not make it.
  @Test
  void aRatioTheDefaultModelDoesNotMakeFailsStartUpWithTheModelsSizes() {
    withFake()
        .withPropertyValues("apimart.defaults.size=17:9")
        .run(
            context -> {
              FailureAnalysis analysis =
                  new ApiMartFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("'17:9' for property 'apimart.defaults.size'")
                  .contains("z-image-turbo")
                  .contains("1:1, 4:3, 3:4, 16:9, 9:16, 3:2, 2:3");
            });
  }

  @Test
  void defaultsAcceptModelsRatiosAndTiersOutsideTheSeedModels() {
    withFake()
        .withPropertyValues(
            "apimart.defaults.model=gpt-image-2",
            "apimart.defaults.size=21:9",
            "apimart.defaults.resolution=4k")
        .run(
            context -> {
              GenerationRequest request =
                  context.getBean(GenerationRequestDefaults.class).request("x");
              assertThat(request.model()).contains(ImageModel.GPT_IMAGE_2);
              assertThat(request.size()).contains(ImageSize.RATIO_21_9);
              assertThat(request.resolution()).contains(Resolution.RES_4K);
            });
  }

  @Test
  void aModelOutsideTheCatalogTakesAnyDefaultsAndIsSentAsGiven() {
    withFake()
        .withPropertyValues(
            "apimart.defaults.model=acme-image-7",
            "apimart.defaults.size=17:9",
            "apimart.defaults.resolution=8K")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              GenerationRequest request =
                  context.getBean(GenerationRequestDefaults.class).request("x");
              assertThat(request.modelName()).isEqualTo("acme-image-7");
              assertThat(request.model().orElseThrow().isKnown()).isFalse();
              assertThat(request.sizeValue()).isEqualTo("17:9");
              assertThat(request.resolutionValue()).isEqualTo("8K");
            });
  }

  @Test
  void defaultParamsSetTypedOptionsAndExtraFields() {
    withFake()
        .withPropertyValues(
            "apimart.defaults.model=gpt-image-2-official",
            "apimart.defaults.params.quality=high",
            "apimart.defaults.params[output_format]=webp",
            "apimart.defaults.params.output-compression=80",
            "apimart.defaults.params.n=2",
            "apimart.defaults.params[style]=vivid",
            "apimart.defaults.params[options]={\"hdr\":true}")
        .run(
            context -> {
              GenerationRequest request =
                  context.getBean(GenerationRequestDefaults.class).request("x");
              assertThat(request.quality()).isEqualTo("high");
              assertThat(request.outputFormat()).isEqualTo("webp");
              assertThat(request.outputCompression()).isEqualTo(80);
              assertThat(request.n()).isEqualTo(2);
              assertThat(request.extraBody())
                  .containsExactly(
                      entry("style", "vivid"), entry("options", java.util.Map.of("hdr", true)));
            });
  }

  @Test
  void aDefaultParamTheDefaultModelDoesNotTakeFailsStartUpNamingTheProperty() {
    withFake()
        .withPropertyValues("apimart.defaults.params.quality=high")
        .run(
            context -> {
              FailureAnalysis analysis =
                  new ApiMartFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("'high' for property 'apimart.defaults.params[quality]'")
                  .contains("quality is not documented for z-image-turbo");
            });
  }

  @Test
  void theSizeIsNoDefaultParam() {
    withFake()
        .withPropertyValues("apimart.defaults.params.size=16:9")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("'size' cannot be a default param")
                    .hasMessageContaining("apimart.defaults.size"));
  }

  @Test
  void everyLanguageOfTheStatusPageBinds() {
    // The polls carry it (propertiesReachTheClient); here only the binding of the newer codes.
    withFake()
        .withPropertyValues("apimart.language=PT")
        .run(
            context ->
                assertThat(context.getBean(ApiMartProperties.class).getLanguage())
                    .isEqualTo(Language.PT));
  }

  @Test
  void emptyDefaultsCountAsUnset() {
    withFake()
        .withPropertyValues("apimart.defaults.model=", "apimart.defaults.size= ")
        .run(
            context -> {
              GenerationRequest request =
                  context.getBean(GenerationRequestDefaults.class).request("x");
              assertThat(request.model()).contains(ImageModel.Z_IMAGE_TURBO);
              assertThat(request.sizeValue()).isNull();
            });
  }

  @Test
  void defaultModelIsZImageTurboWithTheServicesRatioAndTier() {
    withFake()
        .run(
            context -> {
              GenerationRequest request =
                  context.getBean(GenerationRequestDefaults.class).request("x");
              assertThat(request.model()).contains(ImageModel.Z_IMAGE_TURBO);
              assertThat(request.sizeValue()).isNull();
              assertThat(request.resolutionValue()).isNull();
            });
  }

  // ---------------------------------------------------------------- transports

  @Test
  void jdkTransportIsTheDefault() {
    withFake()
        .run(
            context ->
                assertThat(context.getBean(ApiMartClient.class).transportName()).isEqualTo("jdk"));
  }

  @Test
  void feignTransportWhenAskedForAndItWorksAgainstTheService() {
    withFake()
        .withPropertyValues("apimart.transport=feign")
        .run(
            context -> {
              assertThat(context.getBean(HttpTransport.class))
                  .isInstanceOf(dev.apimart.transport.feign.FeignTransport.class);
              ApiMartClient client = context.getBean(ApiMartClient.class);
              assertThat(client.transportName()).isEqualTo("feign");
              assertThat(client.balance().unlimited()).isFalse();
            });
  }

  @Test
  void autoFallsBackToFeignWhenTheJdkTransportIsAbsent() {
    withFake()
        .withClassLoader(new FilteredClassLoader(TransportConfigurations.JDK_CLASS))
        .run(
            context ->
                assertThat(context.getBean(ApiMartClient.class).transportName())
                    .isEqualTo("feign"));
  }

  @Test
  void askingForJdkWhenOnlyFeignIsPresentFailsNamingTheArtifact() {
    withFake()
        .withPropertyValues("apimart.transport=jdk")
        .withClassLoader(new FilteredClassLoader(TransportConfigurations.JDK_CLASS))
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("apimart.transport is 'jdk'")
                    .hasMessageContaining("dev.apimart:apimart-transport-jdkhttp"));
  }

  @Test
  void transportIsPickedCaseInsensitively() {
    withFake()
        .withPropertyValues("apimart.transport=FEIGN")
        .run(
            context ->
                assertThat(context.getBean(ApiMartClient.class).transportName())
                    .isEqualTo("feign"));
  }

  @Test
  void connectTimeoutTheTransportRefusesNamesTheProperty() {
    withFake()
        .withPropertyValues("apimart.connect-timeout=0s")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("'apimart.connect-timeout'"));
  }

  @Test
  void askingForFeignWithoutItOnTheClassPathFailsNamingTheArtifact() {
    withFake()
        .withPropertyValues("apimart.transport=feign")
        .withClassLoader(new FilteredClassLoader(TransportConfigurations.FEIGN_CLASS))
        .run(
            context -> {
              FailureAnalysis analysis =
                  new ApiMartFailureAnalyzer().analyze(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("apimart.transport is 'feign'")
                  .contains("dev.apimart:apimart-transport-feign");
            });
  }

  @Test
  void noTransportOnTheClassPathFailsNamingBothArtifacts() {
    withFake()
        .withClassLoader(
            new FilteredClassLoader(
                TransportConfigurations.FEIGN_CLASS, TransportConfigurations.JDK_CLASS))
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("No HTTP transport")
                    .hasMessageContaining("apimart-transport-jdkhttp")
                    .hasMessageContaining("apimart-transport-feign"));
  }

  @Test
  void userTransportBeanWinsOverBothTransports() {
    withFake()
        .withPropertyValues("apimart.transport=feign")
        .withUserConfiguration(UserTransport.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(HttpTransport.class);
              assertThat(context.getBean(ApiMartClient.class).transportName()).isEqualTo("user");
            });
  }

  @Test
  void closingTheContextClosesClientAndTransport() {
    AtomicBoolean closed = new AtomicBoolean();
    List<ApiMartClient> clients = new ArrayList<>();
    withFake()
        .withBean(HttpTransport.class, () -> new RecordingTransport("user", closed))
        .run(context -> clients.add(context.getBean(ApiMartClient.class)));
    assertThat(closed).isTrue();
    assertThatThrownBy(() -> clients.get(0).balance())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  // ---------------------------------------------------------------- customizers and observer

  @Test
  void customizersAreAppliedInOrderAfterTheProperties() {
    withFake()
        .withPropertyValues("apimart.retry.max-attempts=7")
        .withUserConfiguration(OrderedCustomizers.class)
        .run(
            context -> {
              assertThat(context.getBean("applied", List.class)).containsExactly("first", "second");
              // "second" runs last and wins; the spies before and after see 7 then 2.
              assertThat(context.getBean(ApiMartClient.class).retryPolicy().maxAttempts())
                  .isEqualTo(2);
              assertThat(context.getBean("seenAttempts", List.class)).containsExactly(7, 2);
            });
  }

  @Test
  void aClientObserverBeanWatchesTheClient() {
    List<ClientObserver.Kind> seen = new ArrayList<>();
    withFake()
        .withBean(
            ClientObserver.class,
            () ->
                operation -> {
                  seen.add(operation.kind());
                  return ClientObserver.Handle.NONE;
                })
        .run(context -> context.getBean(ApiMartClient.class).balance());
    assertThat(seen).containsExactly(ClientObserver.Kind.BALANCE);
  }

  // ---------------------------------------------------------------- fixtures

  @Configuration(proxyBeanMethods = false)
  static class UserClient {
    final ApiMartClient client =
        ApiMartClient.builder()
            .apiKey("user-key")
            .transport(new RecordingTransport("user", new AtomicBoolean()))
            .build();

    @Bean
    ApiMartClient myClient() {
      return client;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserTransport {
    @Bean
    HttpTransport myTransport() {
      return new RecordingTransport("user", new AtomicBoolean());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OrderedCustomizers {
    final List<String> applied = new ArrayList<>();
    final List<Integer> seenAttempts = new ArrayList<>();

    @Bean
    List<String> applied() {
      return applied;
    }

    @Bean
    List<Integer> seenAttempts() {
      return seenAttempts;
    }

    // Declared in the opposite order to their @Order, so declaration order cannot pass the test.
    @Bean
    @Order(2)
    ApiMartClientCustomizer second() {
      return builder -> {
        applied.add("second");
        builder.retryPolicy(RetryPolicy.builder().maxAttempts(2).build());
      };
    }

    @Bean
    @Order(1)
    ApiMartClientCustomizer first() {
      return builder -> {
        applied.add("first");
        builder.retryPolicy(RetryPolicy.builder().maxAttempts(9).build());
      };
    }

    @Bean
    @Order(0)
    ApiMartClientCustomizer spy() {
      return builder -> seenAttempts.add(propertyAttempts(builder));
    }

    @Bean
    @Order(3)
    ApiMartClientCustomizer lateSpy() {
      return builder -> seenAttempts.add(propertyAttempts(builder));
    }

    private static int propertyAttempts(ApiMartClient.Builder builder) {
      // The builder has no getters; build a throwaway client to read what it holds.
      try (ApiMartClient probe = builder.build()) {
        return probe.retryPolicy().maxAttempts();
      }
    }
  }

  /** A transport that answers nothing and records whether it was closed. */
  static final class RecordingTransport implements HttpTransport {
    private final String name;
    private final AtomicBoolean closed;

    RecordingTransport(String name, AtomicBoolean closed) {
      this.name = name;
      this.closed = closed;
    }

    @Override
    public TransportResponse execute(TransportRequest request) {
      throw new AssertionError("not used: " + request);
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      throw new AssertionError("not used: " + request);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
