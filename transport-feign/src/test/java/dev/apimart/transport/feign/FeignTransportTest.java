package dev.apimart.transport.feign;

import static dev.apimart.transport.feign.LoopbackServer.answer;
import static dev.apimart.transport.feign.LoopbackServer.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import feign.Client;
import feign.hc5.ApacheHttp5Client;
import feign.http2client.Http2Client;
import feign.okhttp.OkHttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Feign transport over Feign's default client and three of its client modules. */
class FeignTransportTest {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration SHORT = Duration.ofMillis(300);

  LoopbackServer server;
  FeignTransport transport;

  @Nested
  class DefaultClient extends Cases {
    @Override
    Client newClient() {
      return new Client.Default(null, null);
    }
  }

  @Nested
  class OkHttp extends Cases {
    @Override
    Client newClient() {
      return new OkHttpClient();
    }
  }

  @Nested
  class ApacheHc5 extends Cases {
    CloseableHttpClient hc5;

    @Override
    Client newClient() {
      hc5 = HttpClients.custom().disableAutomaticRetries().build();
      return new ApacheHttp5Client(hc5);
    }

    @AfterEach
    void closeHc5() throws Exception {
      hc5.close();
    }
  }

  @Nested
  class Java11 extends Cases {
    @Override
    Client newClient() {
      return new Http2Client();
    }

    @Test
    void cancellingAbortsTheExchangeBecauseTheJdkClientHonoursInterrupts() throws Exception {
      try (RawServer raw = RawServer.start(RawServer.waitForClientToGiveUp())) {
        CompletableFuture<TransportResponse> future =
            transport.executeAsync(get(raw.uri("/v1/tasks/t1"), TIMEOUT, false));
        raw.awaitRequest();

        assertThat(future.cancel(true)).isTrue();

        assertThat(raw.awaitClientClose()).as("the client closed the connection").isTrue();
      }
    }
  }

  @BeforeEach
  void start() {
    server = LoopbackServer.start();
  }

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
    server.close();
  }

  static TransportRequest get(URI uri, Duration timeout, boolean streaming) {
    return new TransportRequest("GET", uri, Map.of(), null, timeout, streaming);
  }

  static TransportRequest post(URI uri, String body) {
    return post(uri, TIMEOUT, body);
  }

  static TransportRequest post(URI uri, Duration timeout, String body) {
    return new TransportRequest(
        "POST", uri, Map.of(), body.getBytes(StandardCharsets.UTF_8), timeout, false);
  }

  /** The cases, run by each nested subclass with its client. */
  abstract class Cases {

    abstract Client newClient();

    @BeforeEach
    void createTransport() {
      transport = FeignTransport.builder().client(newClient()).build();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirectIsReturnedNotFollowed(int status) {
      server.handler(answer(status, "moved", "Location", "/elsewhere"));

      try (TransportResponse response =
          transport.execute(get(server.uri("/v1/tasks/t1"), TIMEOUT, false))) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("location")).isEqualTo("/elsewhere");
        assertThat(response.bodyBytes()).asString(StandardCharsets.UTF_8).isEqualTo("moved");
      }
      assertThat(server.takeRequest().path()).isEqualTo("/v1/tasks/t1");
      assertThat(server.pendingRequests()).as("no second request to the Location").isZero();
    }

    @Test
    void skipsHeadersTheClientSetsItself() {
      transport.execute(
          new TransportRequest(
              "POST",
              server.uri("/h"),
              headers(
                  "Host", "evil.example",
                  "Content-Length", "999",
                  "Connection", "close",
                  "Expect", "100-continue",
                  "Upgrade", "websocket",
                  "X-Kept", "yes"),
              new byte[] {1, 2, 3},
              TIMEOUT,
              false));

      LoopbackServer.Recorded seen = server.takeRequest();
      assertThat(seen.headers().getFirst("Host")).isNotEqualTo("evil.example");
      assertThat(seen.headers().getFirst("Content-Length")).isEqualTo("3");
      assertThat(seen.headers().getFirst("X-Kept")).isEqualTo("yes");
      assertThat(seen.body()).containsExactly(1, 2, 3);
    }

    @Test
    void bodyThatStallsAfterTheHeadersIsATimeoutForABufferedRequest() {
      // java.net.http (feign-java11) has no read timeout after the headers: the backstop ends it.
      server.handler(server.twoParts(new byte[10], new byte[10]));

      CompletableFuture<TransportResponse> future =
          transport.executeAsync(get(server.uri("/stall"), SHORT, false));

      assertThatThrownBy(future::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"closeWithoutAnswer", "halfAnAnswer", "reset"})
    void connectionBrokenAfterSendingIsConnectionLost(String script) throws Exception {
      RawServer.Script s =
          switch (script) {
            case "closeWithoutAnswer" -> RawServer.closeWithoutAnswer();
            case "halfAnAnswer" -> RawServer.halfAnAnswer();
            default -> RawServer.reset();
          };
      try (RawServer raw = RawServer.start(s)) {
        TransportException e =
            catchThrowableOfType(
                TransportException.class,
                () -> transport.execute(post(raw.uri("/v1/images/generations"), "{}")));

        assertThat(e.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(e.kind().maybeSent()).isTrue();
      }
    }

    @Test
    void truncatedDownloadFailsInsteadOfEndingEarly() throws Exception {
      try (RawServer raw = RawServer.start(RawServer.halfAnAnswer());
          TransportResponse response = transport.execute(get(raw.uri("/a.png"), TIMEOUT, true))) {
        assertThatThrownBy(() -> response.body().readAllBytes())
            .isInstanceOf(java.io.IOException.class);
      }
    }

    @Test
    void alreadyInterruptedCallerSendsNothing() {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> transport.execute(get(server.uri("/x"), TIMEOUT, false)))
            .isInstanceOfSatisfying(
                TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(server.pendingRequests()).isZero();
    }

    @Test
    void invalidHeaderValueIsRefusedWithoutShowingIt() {
      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () ->
                  transport.execute(
                      new TransportRequest(
                          "GET",
                          server.uri("/x"),
                          headers("Authorization", "Bearer sk-secret\r\nX-Evil: 1"),
                          null,
                          TIMEOUT,
                          false)));

      assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED);
      assertThat(e.getMessage()).contains("authorization").doesNotContain("sk-secret");
      assertThat(e.getCause()).isNull();
      assertThat(server.pendingRequests()).isZero();
    }

    @Test
    void closedTransportRefusesNewRequests() {
      transport.close();
      transport.close();

      assertThatThrownBy(() -> transport.execute(get(server.uri("/x"), TIMEOUT, false)))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
      assertThat(transport.executeAsync(get(server.uri("/x"), TIMEOUT, false)))
          .isCompletedExceptionally();
    }
  }

  @Test
  void closingFailsRequestsStillQueuedForItsOwnExecutor() throws Exception {
    transport = FeignTransport.builder().threads(1).build();
    server.handler(server.hang());
    CompletableFuture<TransportResponse> running =
        transport.executeAsync(get(server.uri("/running"), TIMEOUT, false));
    CompletableFuture<TransportResponse> queued =
        transport.executeAsync(get(server.uri("/queued"), TIMEOUT, false));
    server.awaitRequest();
    assertThat(queued).isNotDone();

    transport.close();

    assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
    assertThat(server.takeRequest().path()).isEqualTo("/running");
    assertThat(server.pendingRequests()).isZero();
    server.release();
    assertThat(running).failsWithin(Duration.ofSeconds(5));
  }

  @Test
  void requestThatFindsNoFreeThreadInTimeFailsAsNotSent() throws Exception {
    transport = FeignTransport.builder().threads(1).build();
    server.handler(server.hang());
    CompletableFuture<TransportResponse> holdsTheThread =
        transport.executeAsync(get(server.uri("/slow"), TIMEOUT, false));
    server.awaitRequest();

    TransportException e =
        catchThrowableOfType(
            TransportException.class,
            () -> transport.execute(post(server.uri("/v1/images/generations"), SHORT, "{}")));

    assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED);
    assertThat(e.getMessage()).contains("was not sent");
    server.release();
    assertThat(holdsTheThread.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(server.takeRequest().path()).isEqualTo("/slow");
    assertThat(server.pendingRequests()).isZero();
  }

  @Test
  void runsAsyncCallsOnTheExecutorPassedInAndLeavesItRunning() {
    ExecutorService mine = Executors.newSingleThreadExecutor();
    AtomicInteger used = new AtomicInteger();
    try {
      transport =
          FeignTransport.builder()
              .executor(
                  task -> {
                    used.incrementAndGet();
                    mine.execute(task);
                  })
              .build();
      server.handler(answer(200, "ok"));

      assertThat(transport.executeAsync(get(server.uri("/a"), TIMEOUT, false)).join().status())
          .isEqualTo(200);
      transport.close();

      assertThat(used).hasValue(1);
      assertThat(mine.isShutdown()).isFalse();
      assertThat(transport.toString()).contains("passed in").contains("closed");
    } finally {
      mine.shutdownNow();
    }
  }

  @Test
  void rejectedByTheExecutorIsCancelledNotSent() {
    transport =
        FeignTransport.builder()
            .executor(
                task -> {
                  throw new java.util.concurrent.RejectedExecutionException("full");
                })
            .build();

    CompletableFuture<TransportResponse> future =
        transport.executeAsync(get(server.uri("/a"), TIMEOUT, false));

    assertThatThrownBy(future::join)
        .cause()
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
    assertThat(server.pendingRequests()).isZero();
  }

  @Test
  void builderChecksItsArguments() {
    assertThatThrownBy(() -> FeignTransport.builder().connectTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> FeignTransport.builder().client(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("client");
    assertThatThrownBy(() -> FeignTransport.builder().executor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("executor");
    assertThatThrownBy(() -> FeignTransport.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
    assertThatThrownBy(() -> FeignTransport.builder().threads(2).executor(Runnable::run).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("threads");
  }
}
