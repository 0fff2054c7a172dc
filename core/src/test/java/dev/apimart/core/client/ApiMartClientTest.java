package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.core.testing.Bodies;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiMartClientTest {

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();

  @Test
  void submitSendsJsonWithBearerKeyAndUserAgent() {
    transport.on("POST", "/v1/images/generations", FakeTransport.json(200, Json.submitted("t1")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      TaskId id = client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat"));
      assertThat(id).isEqualTo(TaskId.of("t1"));
    }
    TransportRequest sent = transport.requests().get(0);
    assertThat(sent.uri().toString()).isEqualTo("https://api.apimart.ai/v1/images/generations");
    assertThat(sent.header("authorization")).isEqualTo("Bearer " + TestClients.API_KEY);
    assertThat(sent.header("content-type")).isEqualTo("application/json");
    assertThat(sent.header("accept")).isEqualTo("application/json");
    assertThat(sent.header("user-agent")).matches("apimart-java/\\d+\\.\\d+\\.\\d+.*");
    assertThat(Bodies.text(sent.body()))
        .contains("\"model\":\"z-image-turbo\"")
        .contains("\"prompt\":\"a cat\"");
    assertThat(sent.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void invalidRequestFailsWithEveryViolationBeforeAnyNetworkCall() {
    GenerationRequest bad =
        GenerationRequest.builder()
            .model(ImageModel.Z_IMAGE_TURBO)
            .prompt("")
            .n(4)
            .negativePrompt("blur")
            .build();
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThatThrownBy(() -> client.submit(bad))
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.violations()).hasSizeGreaterThanOrEqualTo(3));
      assertThatThrownBy(() -> client.generate(bad)).isInstanceOf(InvalidRequestException.class);
      CompletableFuture<GenerationResult> async = client.generateAsync(bad);
      assertThatThrownBy(async::get).hasCauseInstanceOf(InvalidRequestException.class);
    }
    assertThat(transport.requests()).isEmpty();
  }

  @Test
  void taskRequestCarriesTheLanguage() {
    transport.on("GET", "/v1/tasks/t1", FakeTransport.json(200, Json.task("t1", "pending", 0, 9)));
    try (ApiMartClient client =
        TestClients.builder(transport, time).language(Language.ZH).build()) {
      assertThat(client.getTask(TaskId.of("t1")).estimatedTime()).isEqualTo(Duration.ofSeconds(9));
    }
    TransportRequest sent = transport.requests().get(0);
    assertThat(sent.uri().getQuery()).isEqualTo("language=zh");
    assertThat(sent.body()).isNull();
    assertThat(sent.header("content-type")).isNull();
  }

  @Test
  void balanceIsReadSyncAndAsync() throws Exception {
    transport.on(
        "GET",
        "/v1/balance",
        FakeTransport.json(200, Json.balance("10.5", "2.3")),
        FakeTransport.json(200, Json.balance("9.5", "3.3")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThat(client.balance().remaining().orElseThrow())
          .isEqualByComparingTo(new BigDecimal("10.5"));
      Balance async = client.balanceAsync().get();
      assertThat(async.used()).isEqualByComparingTo(new BigDecimal("3.3"));
    }
  }

  @Test
  void baseUrlWithAPathPrefixAndTrailingSlashIsRespected() {
    transport.on("GET", "/proxy/v1/balance", FakeTransport.json(200, Json.balance("1", "0")));
    try (ApiMartClient client =
        TestClients.builder(transport, time).baseUrl("https://gw.example.com/proxy/").build()) {
      client.balance();
      assertThat(client.baseUrl().toString()).isEqualTo("https://gw.example.com/proxy");
    }
  }

  @Test
  void missingApiKeyIsAClearErrorAtBuild() {
    assertThatThrownBy(
            () ->
                ApiMartClient.builder()
                    .transport(transport)
                    .environment(Map.<String, String>of()::get)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("APIMART_API_KEY")
        .hasMessageContaining("apiKey(");
  }

  @Test
  void apiKeyAndBaseUrlComeFromTheEnvironment() {
    Map<String, String> env =
        Map.of("APIMART_API_KEY", "sk-env-key", "APIMART_BASE_URL", "http://localhost:8089");
    transport.on("GET", "/v1/balance", FakeTransport.json(200, Json.balance("1", "0")));
    try (ApiMartClient client =
        ApiMartClient.builder()
            .transport(transport)
            .scheduler(time)
            .clock(time.clock())
            .environment(env::get)
            .build()) {
      client.balance();
    }
    TransportRequest sent = transport.requests().get(0);
    assertThat(sent.header("authorization")).isEqualTo("Bearer sk-env-key");
    assertThat(sent.uri().toString()).isEqualTo("http://localhost:8089/v1/balance");
  }

  @Test
  void plainHttpToARemoteHostIsRefusedUnlessAllowed() {
    assertThatThrownBy(
            () -> TestClients.builder(transport, time).baseUrl("http://api.example.com").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("allowInsecureHttp(true)")
        .hasMessageNotContaining(TestClients.API_KEY);
    try (ApiMartClient client =
        TestClients.builder(transport, time)
            .baseUrl("http://api.example.com")
            .allowInsecureHttp(true)
            .build()) {
      assertThat(client.baseUrl().getScheme()).isEqualTo("http");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:1234", "http://127.0.0.1", "http://[::1]:80"})
  void plainHttpToLoopbackIsAllowed(String url) {
    try (ApiMartClient client = TestClients.builder(transport, time).baseUrl(url).build()) {
      assertThat(client.baseUrl().toString()).isEqualTo(url);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://api.example.com", "api.apimart.ai", "https://x.com/?a=b"})
  void invalidBaseUrlsAreRefused(String url) {
    assertThatThrownBy(() -> TestClients.builder(transport, time).baseUrl(url).build())
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void toStringShowsBaseUrlAndTransportButNeverTheKey() {
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThat(client.toString())
          .isEqualTo("ApiMartClient[baseUrl=https://api.apimart.ai, transport=fake]")
          .doesNotContain(TestClients.API_KEY);
    }
  }

  @Test
  void aGivenTransportIsNotClosedButADiscoveredOneIs() {
    TestClients.builder(transport, time).build().close();
    assertThat(transport.isClosed()).isFalse();

    List<FakeTransport> created = new ArrayList<>();
    TransportProvider provider =
        new TransportProvider() {
          @Override
          public String name() {
            return "memory";
          }

          @Override
          public int priority() {
            return 1;
          }

          @Override
          public String artifact() {
            return "test:memory";
          }

          @Override
          public HttpTransport create(TransportSettings settings) {
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            FakeTransport t = new FakeTransport("memory");
            created.add(t);
            return t;
          }
        };
    ApiMartClient client =
        ApiMartClient.builder()
            .apiKey("k")
            .connectTimeout(Duration.ofSeconds(3))
            .environment(Map.<String, String>of()::get)
            .systemProperties(Map.<String, String>of()::get)
            .transportProviders(() -> List.of(provider))
            .build();
    assertThat(client.transportName()).isEqualTo("memory");
    client.close();
    assertThat(created).singleElement().satisfies(t -> assertThat(t.isClosed()).isTrue());
  }

  @Test
  void transportIsFoundByTheNameInTheSystemProperty() {
    Map<String, String> props = new HashMap<>();
    props.put("apimart.transport", "second");
    ApiMartClient client =
        ApiMartClient.builder()
            .apiKey("k")
            .environment(Map.<String, String>of()::get)
            .systemProperties(props::get)
            .transportProviders(() -> List.of(named("first", 100), named("second", 1)))
            .build();
    try (client) {
      assertThat(client.transportName()).isEqualTo("second");
    }
  }

  @Test
  void withoutAnyTransportTheBuildFailsNamingTheArtifacts() {
    assertThatThrownBy(
            () ->
                ApiMartClient.builder()
                    .apiKey("k")
                    .environment(Map.<String, String>of()::get)
                    .systemProperties(Map.<String, String>of()::get)
                    .transportProviders(List::of)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("apimart-transport-jdkhttp")
        .hasMessageContaining("apimart-transport-feign");
  }

  @Test
  void theClientsOwnSchedulerRunsRealAsyncWaitsAndStopsOnClose() throws Exception {
    transport.on(
        "GET",
        "/v1/tasks/t1",
        FakeTransport.json(200, Json.completed("t1", "https://c.example/a.png")));
    ApiMartClient client =
        ApiMartClient.builder()
            .apiKey("k")
            .transport(transport)
            .environment(Map.<String, String>of()::get)
            .build();
    try (client) {
      // Resuming polls at once, so this needs no real waiting.
      GenerationResult result =
          client.waitForAsync(TaskId.of("t1")).get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(result.images()).hasSize(1);
    }
    assertThatThrownBy(() -> client.getTask(TaskId.of("t1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void asyncFailuresReachTheCallerUnwrapped() {
    transport.on("GET", "/v1/balance", FakeTransport.json(401, Json.error(401, "bad key")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      CompletableFuture<Balance> f = client.balanceAsync();
      assertThatThrownBy(f::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(dev.apimart.core.error.AuthenticationException.class);
    }
  }

  private static TransportProvider named(String name, int priority) {
    return new TransportProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public String artifact() {
        return "test:" + name;
      }

      @Override
      public HttpTransport create(TransportSettings settings) {
        return new FakeTransport(name);
      }
    };
  }
}
