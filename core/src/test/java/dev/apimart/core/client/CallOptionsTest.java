package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.ClientClosedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Views with per-call options, the request hook, and observed (async) downloads. */
class CallOptionsTest {

  private static final String SUBMIT = "/v1/images/generations";
  private static final String TASK = "/v1/tasks/task_1";
  private static final String BALANCE = "/v1/balance";
  private static final GenerationRequest REQUEST =
      GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a lighthouse at dawn");

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();

  private static FakeTransport.Reply processing() {
    return FakeTransport.json(200, Json.task("task_1", "processing", 10, 600));
  }

  @Nested
  class Overrides {

    @Test
    void aViewsRequestTimeoutGoesOnItsRequestsAndTheClientKeepsItsOwn() {
      transport.handler(r -> FakeTransport.json(200, Json.balance("10.00", "1.00")).respond(r));
      try (ApiMartClient client =
          TestClients.builder(transport, time).requestTimeout(Duration.ofSeconds(30)).build()) {
        ApiMartClient view =
            client.withOptions(
                CallOptions.builder().requestTimeout(Duration.ofSeconds(90)).build());
        view.balance();
        client.balance();

        assertThat(transport.requests())
            .extracting(TransportRequest::timeout)
            .containsExactly(Duration.ofSeconds(90), Duration.ofSeconds(30));
        assertThat(view.requestTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(client.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
      }
    }

    @Test
    void aViewsRetryPolicyDecidesItsRetries() {
      transport.handler(r -> FakeTransport.json(503, Json.error(503, "busy")).respond(r));
      try (ApiMartClient client = TestClients.builder(transport, time).build()) {
        ApiMartClient once =
            client.withOptions(
                CallOptions.builder()
                    .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
                    .build());

        assertThatThrownBy(once::balance).isInstanceOf(ServerException.class);
        assertThat(transport.count("GET", BALANCE)).isEqualTo(1);

        assertThatThrownBy(client::balance).isInstanceOf(ServerException.class);
        assertThat(transport.count("GET", BALANCE))
            .isEqualTo(1 + client.retryPolicy().maxAttempts());
        assertThat(client.retryPolicy().maxAttempts()).isGreaterThan(1);
      }
    }

    @Test
    void aViewsWaitTimeoutEndsItsWaitsAndTheClientWaitsLonger() {
      transport.handler(r -> processing().respond(r));
      try (ApiMartClient client =
          TestClients.builder(transport, time)
              .pollingOptions(PollingOptions.builder().timeout(Duration.ofMinutes(10)).build())
              .build()) {
        ApiMartClient impatient =
            client.withOptions(CallOptions.builder().waitTimeout(Duration.ofSeconds(45)).build());

        assertThatThrownBy(() -> impatient.waitFor(TaskId.of("task_1")))
            .isInstanceOf(WaitTimeoutException.class);
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(45));
        assertThat(impatient.pollingOptions().timeout()).isEqualTo(Duration.ofSeconds(45));

        Duration before = time.elapsed();
        assertThatThrownBy(() -> client.waitFor(TaskId.of("task_1")))
            .isInstanceOf(WaitTimeoutException.class);
        assertThat(time.elapsed().minus(before)).isEqualTo(Duration.ofMinutes(10));
      }
    }

    @Test
    void aCallsOwnPollingOptionsWinOverTheViewsWaitTimeout() {
      transport.handler(r -> processing().respond(r));
      try (ApiMartClient client = TestClients.builder(transport, time).build()) {
        ApiMartClient impatient =
            client.withOptions(CallOptions.builder().waitTimeout(Duration.ofSeconds(45)).build());
        WaitOptions ownTimeout =
            WaitOptions.builder()
                .polling(PollingOptions.builder().timeout(Duration.ofMinutes(3)).build())
                .build();

        assertThatThrownBy(() -> impatient.waitFor(TaskId.of("task_1"), ownTimeout))
            .isInstanceOf(WaitTimeoutException.class);
        assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(3));
      }
    }

    @Test
    void optionsAreValuesWithABuilderRoundTrip() {
      RequestHook hook = headers -> headers.add("X-Proxy-Token", "t");
      CallOptions options =
          CallOptions.builder()
              .requestTimeout(Duration.ofSeconds(5))
              .waitTimeout(Duration.ofMinutes(2))
              .requestHook(hook)
              .build();
      assertThat(options.toBuilder().build()).isEqualTo(options);
      assertThat(options.retryPolicy()).isEmpty();
      assertThat(options.toString()).contains("requestHook=set").doesNotContain("X-Proxy-Token");
      assertThatThrownBy(() -> CallOptions.builder().requestTimeout(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Hook {

    private final RequestHook proxyAuth =
        headers -> headers.add("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0");

    @Test
    void addsItsHeadersToEveryRequestToApiMartButNotToTheImageHost(@TempDir Path dir) {
      transport
          .on("POST", SUBMIT, FakeTransport.json(200, Json.submitted("task_1")))
          .on(
              "GET",
              TASK,
              FakeTransport.json(200, Json.completed("task_1", "https://cdn.example.com/a.png")))
          .on("GET", "/a.png", FakeTransport.bytes(200, PNG_HEADERS, PNG));
      try (ApiMartClient client = TestClients.builder(transport, time).build()) {
        ApiMartClient view =
            client.withOptions(CallOptions.builder().requestHook(proxyAuth).build());
        GenerationResult result = view.generate(REQUEST);
        view.download(result.images().get(0), dir.resolve("a.png"));
      }

      List<TransportRequest> sent = transport.requests();
      assertThat(sent).hasSize(3);
      assertThat(sent.get(0).header("proxy-authorization")).isEqualTo("Basic cHJveHk6c2VjcmV0");
      assertThat(sent.get(1).header("proxy-authorization")).isEqualTo("Basic cHJveHk6c2VjcmV0");
      assertThat(sent.get(2).uri().getHost()).isEqualTo("cdn.example.com");
      assertThat(sent.get(2).header("proxy-authorization")).isNull();
      assertThat(sent.get(0).header("authorization")).isEqualTo("Bearer " + TestClients.API_KEY);
    }

    @Test
    void theClientWithoutTheHookSendsNoExtraHeader() {
      transport.handler(r -> FakeTransport.json(200, Json.balance("1.00", "0.00")).respond(r));
      try (ApiMartClient client = TestClients.builder(transport, time).build()) {
        client.withOptions(CallOptions.builder().requestHook(proxyAuth).build());
        client.balance();
      }
      assertThat(transport.requests().get(0).header("proxy-authorization")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "Authorization",
          "AUTHORIZATION",
          "authorization",
          "Idempotency-Key",
          "Content-Length",
          "Content-Type",
          "Host",
          "Transfer-Encoding",
          "User-Agent",
          "Connection"
        })
    void refusesTheSdksOwnAndFramingHeadersBeforeAnythingIsSent(String name) {
      try (ApiMartClient client = TestClients.builder(transport, time).build()) {
        ApiMartClient view =
            client.withOptions(
                CallOptions.builder().requestHook(h -> h.add(name, "Bearer other")).build());

        assertThatThrownBy(() -> view.submit(REQUEST))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("may not add the header " + name);
        assertThatThrownBy(view::balance).isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(transport.requests()).isEmpty();
    }

    @Test
    void refusesALineBreakInAValueAndAnInvalidName() {
      try (ApiMartClient client = TestClients.builder(transport, time).build()) {
        ApiMartClient injected =
            client.withOptions(
                CallOptions.builder()
                    .requestHook(h -> h.add("X-Token", "a\r\nAuthorization: Bearer stolen"))
                    .build());
        ApiMartClient badName =
            client.withOptions(
                CallOptions.builder().requestHook(h -> h.add("X Token", "a")).build());

        assertThatThrownBy(injected::balance)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("line break");
        assertThatThrownBy(badName::balance)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a valid HTTP header name");
        CompletableFuture<TaskId> async = injected.submitAsync(REQUEST);
        assertThatThrownBy(async::get).hasCauseInstanceOf(IllegalArgumentException.class);
      }
      assertThat(transport.requests()).isEmpty();
    }

    @Test
    void theHookSeesNoHeaderItDidNotAdd() {
      List<String> seen = new ArrayList<>();
      transport.handler(r -> FakeTransport.json(200, Json.balance("1.00", "0.00")).respond(r));
      try (ApiMartClient client = TestClients.builder(transport, time).build()) {
        client
            .withOptions(
                CallOptions.builder()
                    .requestHook(
                        h -> {
                          seen.add(h.toString());
                          h.add("X-Trace", "1");
                        })
                    .build())
            .balance();
      }
      assertThat(seen).singleElement().asString().doesNotContain(TestClients.API_KEY);
      assertThat(RequestHook.Headers.class.getMethods())
          .extracting(java.lang.reflect.Method::getName)
          .containsOnly("add");
    }
  }

  @Nested
  class Closing {

    @Test
    void closingAViewEndsItsCallsButNeitherTheClientsNorTheSharedTransport() throws Exception {
      List<FakeTransport> created = new CopyOnWriteArrayList<>();
      FakeTransport.Reply busy = processing();
      // A discovered transport is owned by the client that built it.
      ApiMartClient owner =
          ApiMartClient.builder()
              .apiKey(TestClients.API_KEY)
              .scheduler(time)
              .clock(time.clock())
              .environment(Map.<String, String>of()::get)
              .systemProperties(Map.<String, String>of()::get)
              .transportProviders(() -> List.of(provider(created, busy)))
              .build();
      ApiMartClient view = owner.withOptions(CallOptions.builder().build());
      CompletableFuture<GenerationResult> viaView = view.waitForAsync(TaskId.of("task_1"));
      CompletableFuture<GenerationResult> viaOwner = owner.waitForAsync(TaskId.of("task_1"));
      time.advance(Duration.ofSeconds(1));

      view.close();

      ExecutionException ended =
          org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, viaView::get);
      assertThat(ended.getCause()).isInstanceOf(ClientClosedException.class);
      assertThat(viaOwner).isNotDone();
      assertThat(created).singleElement().satisfies(t -> assertThat(t.isClosed()).isFalse());
      assertThatThrownBy(view::balance).isInstanceOf(IllegalStateException.class);

      ApiMartClient second = owner.withOptions(CallOptions.builder().build());
      CompletableFuture<GenerationResult> viaSecond = second.waitForAsync(TaskId.of("task_1"));
      owner.close();

      assertThatThrownBy(viaOwner::get).hasCauseInstanceOf(ClientClosedException.class);
      assertThatThrownBy(viaSecond::get).hasCauseInstanceOf(ClientClosedException.class);
      assertThat(created.get(0).isClosed()).isTrue();
      assertThatThrownBy(() -> second.withOptions(CallOptions.builder().build()))
          .isInstanceOf(IllegalStateException.class);
    }

    private TransportProvider provider(List<FakeTransport> created, FakeTransport.Reply reply) {
      return new TransportProvider() {
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
          FakeTransport t = new FakeTransport("memory");
          t.handler(reply::respond);
          created.add(t);
          return t;
        }
      };
    }
  }

  @Nested
  class Downloads {

    @TempDir Path dir;

    @Test
    void aDownloadIsObservedLikeOtherOperations() {
      transport.on("GET", "/a.png", FakeTransport.bytes(200, PNG_HEADERS, PNG));
      List<ClientObserver.Kind> started = new CopyOnWriteArrayList<>();
      List<String> ended = new CopyOnWriteArrayList<>();
      ClientObserver observer =
          operation -> {
            started.add(operation.kind());
            return new ClientObserver.Handle() {
              @Override
              public void succeeded(TaskId taskId, dev.apimart.core.model.Task task) {
                ended.add("ok");
              }

              @Override
              public void failed(Throwable error) {
                ended.add("failed");
              }
            };
          };
      try (ApiMartClient client = TestClients.builder(transport, time).observer(observer).build()) {
        client.download(IMAGE, dir.resolve("a.png"));
        assertThatThrownBy(() -> client.download(IMAGE, dir.resolve("b.png")));
      }
      assertThat(started)
          .containsExactly(ClientObserver.Kind.DOWNLOAD, ClientObserver.Kind.DOWNLOAD);
      assertThat(ended).containsExactly("ok", "failed");
    }

    @Test
    void downloadAsyncWritesTheFileAndCompletesWithItsSize() throws Exception {
      transport.on("GET", "/a.png", FakeTransport.bytes(200, PNG_HEADERS, PNG));
      Path target = dir.resolve("a.png");
      List<ClientObserver.Kind> started = new CopyOnWriteArrayList<>();
      try (ApiMartClient client =
          TestClients.builder(transport, time)
              .observer(
                  op -> {
                    started.add(op.kind());
                    return ClientObserver.Handle.NONE;
                  })
              .build()) {
        long bytes = client.downloadAsync(IMAGE, target).get(30, TimeUnit.SECONDS);

        assertThat(bytes).isEqualTo(PNG.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(PNG);
      }
      assertThat(started).containsExactly(ClientObserver.Kind.DOWNLOAD);
    }
  }

  private static final byte[] PNG = png(600);
  private static final Map<String, List<String>> PNG_HEADERS =
      Map.of("content-type", List.of("image/png"));
  private static final GeneratedImage IMAGE =
      new GeneratedImage(URI.create("https://cdn.example.com/a.png"), null, null);

  private static byte[] png(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 7);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(signature, 0, bytes, 0, signature.length);
    return bytes;
  }
}
