package dev.apimart.transport.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import dev.apimart.core.port.RequestBody;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.testkit.contract.RawHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only the Feign transport has: the executor its blocking clients run on, and its builder. How
 * it moves bytes and fails is the testkit's {@code HttpTransportContract}, run over Feign's default
 * client and three of its modules in {@code FeignTransportContractTest}.
 */
class FeignTransportTest {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration SHORT = Duration.ofMillis(300);

  FeignTransport transport;

  @AfterEach
  void stop() {
    if (transport != null) {
      transport.close();
    }
  }

  static TransportRequest get(URI uri) {
    return TransportRequest.builder().method("GET").uri(uri).timeout(TIMEOUT).build();
  }

  static TransportRequest post(URI uri, Duration timeout, String body) {
    return TransportRequest.builder()
        .method("POST")
        .uri(uri)
        .body(RequestBody.ofBytes(body.getBytes(StandardCharsets.UTF_8), "application/json"))
        .timeout(timeout)
        .build();
  }

  /** Answers 200 once the test releases the server. */
  static RawHttpServer heldServer() {
    return RawHttpServer.start(RawHttpServer.afterRelease(RawHttpServer.answer(200, "")));
  }

  @Test
  void closingFailsRequestsStillQueuedForItsOwnExecutor() throws Exception {
    try (RawHttpServer server = heldServer()) {
      transport = FeignTransport.builder().threads(1).build();
      CompletableFuture<TransportResponse> running =
          transport.executeAsync(get(server.uri("/running")));
      CompletableFuture<TransportResponse> queued =
          transport.executeAsync(get(server.uri("/queued")));
      server.awaitRequest();
      assertThat(queued).isNotDone();

      transport.close();

      assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
      assertThat(server.requests())
          .extracting(RawHttpServer.Request::path)
          .containsExactly("/running");
      server.release();
      assertThat(running).failsWithin(Duration.ofSeconds(5));
    }
  }

  @Test
  void requestThatFindsNoFreeThreadInTimeFailsAsNotSent() throws Exception {
    try (RawHttpServer server = heldServer()) {
      transport = FeignTransport.builder().threads(1).build();
      CompletableFuture<TransportResponse> holdsTheThread =
          transport.executeAsync(get(server.uri("/slow")));
      server.awaitRequest();

      TransportException e =
          catchThrowableOfType(
              TransportException.class,
              () -> transport.execute(post(server.uri("/v1/images/generations"), SHORT, "{}")));

      assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED);
      assertThat(e.getMessage()).contains("was not sent");
      server.release();
      assertThat(holdsTheThread.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
      assertThat(server.requests())
          .extracting(RawHttpServer.Request::path)
          .containsExactly("/slow");
    }
  }

  @Test
  void runsAsyncCallsOnTheExecutorPassedInAndLeavesItRunning() {
    ExecutorService mine = Executors.newSingleThreadExecutor();
    AtomicInteger used = new AtomicInteger();
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.answer(200, "ok"))) {
      transport =
          FeignTransport.builder()
              .executor(
                  task -> {
                    used.incrementAndGet();
                    mine.execute(task);
                  })
              .build();

      assertThat(transport.executeAsync(get(server.uri("/a"))).join().status()).isEqualTo(200);
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
    try (RawHttpServer server = RawHttpServer.start(RawHttpServer.answer(200, "ok"))) {
      transport =
          FeignTransport.builder()
              .executor(
                  task -> {
                    throw new RejectedExecutionException("full");
                  })
              .build();

      CompletableFuture<TransportResponse> future = transport.executeAsync(get(server.uri("/a")));

      assertThatThrownBy(future::join)
          .cause()
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
      assertThat(server.requests()).isEmpty();
    }
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
