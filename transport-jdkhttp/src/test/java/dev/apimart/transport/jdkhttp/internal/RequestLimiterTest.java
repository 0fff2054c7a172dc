package dev.apimart.transport.jdkhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.TransportResponse;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {

  private final List<CompletableFuture<TransportResponse>> started = new ArrayList<>();

  private CompletableFuture<TransportResponse> startOne() {
    CompletableFuture<TransportResponse> exchange = new CompletableFuture<>();
    started.add(exchange);
    return exchange;
  }

  private static TransportResponse ok() {
    return TransportResponse.of(200, Map.of(), new byte[0]);
  }

  @Test
  void startsAtMostTheLimitAtOnceAndTheRestInOrderAsOthersFinish() {
    RequestLimiter limiter = new RequestLimiter(2);

    List<CompletableFuture<TransportResponse>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      results.add(limiter.submit(this::startOne));
    }

    assertThat(started).hasSize(2);
    assertThat(limiter.waiting()).isEqualTo(3);
    started.get(0).complete(ok());
    assertThat(results.get(0)).isCompleted();
    assertThat(started).hasSize(3);
    started.get(1).completeExceptionally(new IllegalStateException("boom"));
    assertThat(results.get(1)).isCompletedExceptionally();
    assertThat(started).hasSize(4);
    started.get(2).complete(ok());
    started.get(3).complete(ok());
    assertThat(started).hasSize(5);
    assertThat(limiter.waiting()).isZero();
  }

  @Test
  void aRequestCancelledWhileWaitingIsNeverStarted() {
    RequestLimiter limiter = new RequestLimiter(1);
    CompletableFuture<TransportResponse> first = limiter.submit(this::startOne);
    CompletableFuture<TransportResponse> second = limiter.submit(this::startOne);

    second.cancel(true);
    started.get(0).complete(ok());

    assertThat(first).isCompleted();
    assertThat(started).hasSize(1);
    // The permit came back: the next request starts at once.
    limiter.submit(this::startOne);
    assertThat(started).hasSize(2);
  }

  @Test
  void cancellingARunningRequestCancelsTheExchangeAndFreesItsPermit() {
    RequestLimiter limiter = new RequestLimiter(1);
    CompletableFuture<TransportResponse> running = limiter.submit(this::startOne);
    limiter.submit(this::startOne);

    running.cancel(true);

    assertThat(started.get(0)).isCancelled();
    assertThat(started).hasSize(2);
  }

  @Test
  void anAnswerArrivingAfterCancellationIsClosed() {
    RequestLimiter limiter = new RequestLimiter(1);
    AtomicBoolean closed = new AtomicBoolean();
    // An exchange that ignores cancellation and answers anyway.
    CompletableFuture<TransportResponse> exchange =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
          }
        };
    CompletableFuture<TransportResponse> result = limiter.submit(() -> exchange);
    result.cancel(true);

    exchange.complete(
        new TransportResponse(
            200,
            Map.of(),
            new ByteArrayInputStream(new byte[1]) {
              @Override
              public void close() {
                closed.set(true);
              }
            }));

    assertThat(result).isCancelled();
    assertThat(closed).isTrue();
  }

  @Test
  void aLongQueueOfRequestsThatFailAtOnceDrainsWithoutDeepRecursion() {
    RequestLimiter limiter = new RequestLimiter(1);
    CompletableFuture<TransportResponse> gate = limiter.submit(this::startOne);
    AtomicInteger attempts = new AtomicInteger();
    List<CompletableFuture<TransportResponse>> failing = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      failing.add(
          limiter.submit(
              () -> {
                attempts.incrementAndGet();
                return CompletableFuture.failedFuture(
                    new TransportException(TransportException.Kind.CANCELLED, "closed", null));
              }));
    }

    started.get(0).complete(ok());

    assertThat(gate).isCompleted();
    assertThat(attempts).hasValue(100_000);
    assertThat(failing).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
    assertThat(limiter.waiting()).isZero();
  }

  @Test
  void aStartThatThrowsFailsItsRequestAndFreesThePermit() {
    RequestLimiter limiter = new RequestLimiter(1);

    CompletableFuture<TransportResponse> broken =
        limiter.submit(
            () -> {
              throw new IllegalStateException("refused");
            });

    assertThatThrownBy(broken::join)
        .isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("refused");
    limiter.submit(this::startOne);
    assertThat(started).hasSize(1);
  }

  @Test
  void theLimitMustBePositive() {
    assertThatThrownBy(() -> new RequestLimiter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }
}
