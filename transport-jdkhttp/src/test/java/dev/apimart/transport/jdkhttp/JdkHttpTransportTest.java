package dev.apimart.transport.jdkhttp;

import static dev.apimart.transport.jdkhttp.LoopbackServer.answer;
import static dev.apimart.transport.jdkhttp.LoopbackServer.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDK transport against real sockets on loopback, once per HTTP version setting. */
class JdkHttpTransportTest {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration SHORT = Duration.ofMillis(300);

  LoopbackServer server;
  JdkHttpTransport transport;

  @Nested
  class Http11 extends Cases {
    @Override
    JdkHttpTransport newTransport() {
      return JdkHttpTransport.builder().version(HttpClient.Version.HTTP_1_1).build();
    }
  }

  @Nested
  class Http2WithFallback extends Cases {
    @Override
    JdkHttpTransport newTransport() {
      return JdkHttpTransport.create();
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

  /** The cases, run by each nested subclass with its transport. */
  abstract class Cases {

    abstract JdkHttpTransport newTransport();

    @BeforeEach
    void createTransport() {
      transport = newTransport();
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
    void skipsHeadersTheJdkSetsItselfInsteadOfFailing() throws Exception {
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
      server.handler(server.twoParts(new byte[10], new byte[10]));

      CompletableFuture<TransportResponse> future =
          transport.executeAsync(get(server.uri("/stall"), SHORT, false));

      assertThatThrownBy(future::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void bodyThatStallsAfterTheHeadersIsATimeoutForABufferedBlockingCallToo() {
      server.handler(server.twoParts(new byte[10], new byte[10]));

      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () -> transport.execute(get(server.uri("/stall"), SHORT, false)));

      assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(e.getMessage()).contains("within PT0.3S");
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
                () ->
                    transport.execute(
                        new TransportRequest(
                            "POST",
                            raw.uri("/v1/images/generations"),
                            Map.of(),
                            "{}".getBytes(StandardCharsets.UTF_8),
                            TIMEOUT,
                            false)));

        assertThat(e.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(e.kind().maybeSent()).isTrue();
      }
    }

    @Test
    void cancellingTheFutureAbandonsTheExchange() throws Exception {
      try (RawServer raw = RawServer.start(RawServer.waitForClientToGiveUp())) {
        CompletableFuture<TransportResponse> future =
            transport.executeAsync(get(raw.uri("/v1/tasks/t1"), TIMEOUT, false));
        raw.awaitRequest();

        assertThat(future.cancel(true)).isTrue();

        assertThat(raw.awaitClientClose()).as("the client closed the connection").isTrue();
      }
    }

    @Test
    void interruptingTheCallerAbandonsTheExchange() throws Exception {
      try (RawServer raw = RawServer.start(RawServer.waitForClientToGiveUp())) {
        Thread caller =
            new Thread(
                () -> {
                  try {
                    transport.execute(get(raw.uri("/v1/tasks/t1"), TIMEOUT, false));
                  } catch (TransportException expected) {
                    // CANCELLED; the testkit's contract checks the kind and the flag.
                  }
                });
        caller.start();
        raw.awaitRequest();

        caller.interrupt();

        assertThat(raw.awaitClientClose()).as("the client closed the connection").isTrue();
        caller.join(5_000);
      }
    }

    @Test
    void alreadyInterruptedCallerSendsNothing() throws Exception {
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
    }

    @Test
    void closeDoesNotWaitForAnUnreadDownload() throws Exception {
      server.handler(server.twoParts(new byte[10], new byte[10]));
      TransportResponse unread = transport.execute(get(server.uri("/png"), TIMEOUT, true));

      CompletableFuture<Void> closing = CompletableFuture.runAsync(transport::close);

      closing.get(5, TimeUnit.SECONDS);
      unread.close();
    }
  }

  @Test
  void passedInClientStaysOpenAfterClose() {
    HttpClient mine = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    transport = JdkHttpTransport.builder().httpClient(mine).build();
    server.handler(answer(204, ""));

    transport.execute(get(server.uri("/a"), TIMEOUT, false));
    transport.close();

    JdkHttpTransport again = JdkHttpTransport.builder().httpClient(mine).build();
    assertThat(again.execute(get(server.uri("/b"), TIMEOUT, false)).status()).isEqualTo(204);
    assertThat(again.name()).isEqualTo("jdk");
    assertThat(again.toString()).contains("passed in");
  }

  @Test
  void connectTimeoutBelongsOnTheClientThatWasPassedIn() {
    JdkHttpTransport.Builder builder =
        JdkHttpTransport.builder()
            .httpClient(HttpClient.newHttpClient())
            .connectTimeout(Duration.ofSeconds(1));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connectTimeout");
  }

  @Test
  void builderChecksItsArguments() {
    assertThatThrownBy(() -> JdkHttpTransport.builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> JdkHttpTransport.builder().httpClient(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("httpClient");
  }
}
