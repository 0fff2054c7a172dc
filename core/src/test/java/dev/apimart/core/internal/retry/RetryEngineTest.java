package dev.apimart.core.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.internal.time.Timer;
import dev.apimart.core.testing.VirtualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RetryEngineTest {

  private final VirtualScheduler time = new VirtualScheduler();
  private final Timer timer =
      new Timer() {
        @Override
        public Clock clock() {
          return time.clock();
        }

        @Override
        public Runnable schedule(Duration delay, Runnable task) {
          return time.schedule(delay, task)::cancel;
        }

        @Override
        public void sleep(Duration duration) {
          time.sleep(duration);
        }
      };

  private static RetrySettings settings(int attempts, double jitter, boolean ambiguous) {
    return new RetrySettings(
        attempts,
        Duration.ofMillis(500),
        Duration.ofSeconds(4),
        jitter,
        Duration.ofSeconds(30),
        ambiguous,
        0.2,
        100);
  }

  private RetryEngine engine(RetrySettings settings, DoubleSupplier random) {
    return new RetryEngine(settings, new RetryBudget(0.2, 100), timer, random);
  }

  private static ServerException unavailable(Duration retryAfter) {
    return new ServerException("busy", ErrorDetails.ofStatus(503), retryAfter);
  }

  @Test
  void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
    RetryEngine engine = engine(settings(10, 0, false), () -> 0.7);
    assertThat(engine.delayBefore(2, Optional.empty())).isEqualTo(Duration.ofMillis(500));
    assertThat(engine.delayBefore(3, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(engine.delayBefore(4, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(engine.delayBefore(5, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
    assertThat(engine.delayBefore(40, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void fullJitterSpreadsTheWaitBetweenZeroAndTheBackoff() {
    assertThat(engine(settings(3, 1, false), () -> 0.0).delayBefore(3, Optional.empty()))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(engine(settings(3, 1, false), () -> 0.75).delayBefore(3, Optional.empty()))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(engine(settings(3, 0.5, false), () -> 1.0).delayBefore(3, Optional.empty()))
        .isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void retryAfterIsHonouredWhenLongerAndClampedToTheMaximum() {
    RetryEngine engine = engine(settings(3, 0, false), () -> 0.0);
    assertThat(engine.delayBefore(2, Optional.of(Duration.ofSeconds(3))))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(engine.delayBefore(2, Optional.of(Duration.ofMillis(100))))
        .isEqualTo(Duration.ofMillis(500));
    assertThat(engine.delayBefore(2, Optional.of(Duration.ofHours(2))))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void retryAfterFromTheFailureDecidesTheSleep() {
    RetryEngine engine = engine(settings(3, 0, false), () -> 0.0);
    AtomicInteger calls = new AtomicInteger();
    String value =
        engine.call(
            OperationKind.GET_TASK,
            "GET /x",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new RateLimitedException(
                    "slow", ErrorDetails.ofStatus(429), Duration.ofSeconds(12));
              }
              return "ok";
            },
            null);
    assertThat(value).isEqualTo("ok");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
  }

  @Test
  void anEmptyBudgetStopsRetriesUntilRequestsRefillIt() {
    RetryBudget budget = new RetryBudget(0.5, 2);
    RetryEngine engine = new RetryEngine(settings(3, 0, false), budget, timer, () -> 0.0);
    AtomicInteger calls = new AtomicInteger();
    // 2 retries possible at first: the first call uses both (3 attempts).
    assertThatThrownBy(
            () ->
                engine.call(
                    OperationKind.BALANCE,
                    "GET /b",
                    () -> {
                      calls.incrementAndGet();
                      throw unavailable(null);
                    },
                    null))
        .isInstanceOf(ServerException.class);
    assertThat(calls.get()).isEqualTo(3);
    // Budget nearly empty (0.5 deposited by the second call): no retry at all.
    calls.set(0);
    assertThatThrownBy(
            () ->
                engine.call(
                    OperationKind.BALANCE,
                    "GET /b",
                    () -> {
                      calls.incrementAndGet();
                      throw unavailable(null);
                    },
                    null))
        .isInstanceOf(ServerException.class);
    assertThat(calls.get()).isEqualTo(1);
    // One more request brings the bucket to a full token: one retry again.
    calls.set(0);
    assertThatThrownBy(
            () ->
                engine.call(
                    OperationKind.BALANCE,
                    "GET /b",
                    () -> {
                      calls.incrementAndGet();
                      throw unavailable(null);
                    },
                    null))
        .isInstanceOf(ServerException.class);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void budgetKeepsRetriesBelowTheRatioDuringAnOutage() {
    RetryBudget budget = new RetryBudget(0.2, 10);
    RetryEngine engine = new RetryEngine(settings(3, 0, false), budget, timer, () -> 0.0);
    AtomicInteger attempts = new AtomicInteger();
    int calls = 1000;
    for (int i = 0; i < calls; i++) {
      try {
        engine.call(
            OperationKind.GET_TASK,
            "GET /t",
            () -> {
              attempts.incrementAndGet();
              throw new TransportException(TransportException.Kind.CONNECT_FAILED, "down", null);
            },
            null);
      } catch (TransportException expected) {
        // the outage
      }
    }
    int retries = attempts.get() - calls;
    assertThat(retries).isLessThanOrEqualTo((int) (0.2 * calls) + 10);
    assertThat(retries).isGreaterThanOrEqualTo((int) (0.2 * calls) - 1);
  }

  @Test
  void noRetryIsScheduledPastTheDeadline() {
    RetryEngine engine = engine(settings(3, 0, false), () -> 0.0);
    Instant deadline = time.now().plusMillis(300);
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                engine.call(
                    OperationKind.GET_TASK,
                    "GET /t",
                    () -> {
                      calls.incrementAndGet();
                      throw unavailable(null);
                    },
                    deadline))
        .isInstanceOf(ServerException.class);
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void anAmbiguousSubmissionStaysUnknownEvenIfALaterAttemptNeverLeft() {
    RetryEngine engine = engine(settings(2, 0, true), () -> 0.0);
    Deque<RuntimeException> failures = new ArrayDeque<>();
    failures.add(new TransportException(TransportException.Kind.TIMEOUT, "read timeout", null));
    failures.add(new TransportException(TransportException.Kind.CONNECT_FAILED, "refused", null));
    assertThatThrownBy(
            () ->
                engine.call(
                    OperationKind.SUBMIT,
                    "POST /g",
                    () -> {
                      throw failures.pop();
                    },
                    null))
        .isInstanceOfSatisfying(
            SubmissionOutcomeUnknownException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(2);
              assertThat(e.getMessage())
                  .contains("sent 2 times")
                  .contains("check your recent tasks and balance")
                  .contains("retryAmbiguousSubmissions");
            });
  }

  @Test
  void submissionNeverSentIsRethrownAsTheTransportFailureWhenExhausted() {
    RetryEngine engine = engine(settings(3, 0, false), () -> 0.0);
    assertThatThrownBy(
            () ->
                engine.call(
                    OperationKind.SUBMIT,
                    "POST /g",
                    () -> {
                      throw new TransportException(
                          TransportException.Kind.CONNECT_FAILED, "refused", null);
                    },
                    null))
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECT_FAILED));
  }

  @Test
  void anEnvelopeServerErrorInsideA200CountsByItsCode() {
    RetryEngine engine = engine(settings(3, 0, false), () -> 0.0);
    ServerException in200 =
        new ServerException(
            "x",
            ErrorDetails.builder().status(200).serverMessage("busy").serverCode("503").build(),
            null);
    RetryEngine.Decision decision =
        engine.decide(OperationKind.SUBMIT, "POST /g", 1, in200, false, null);
    assertThat(decision.retry()).isTrue();
    ServerException generic =
        new ServerException(
            "x", ErrorDetails.builder().status(200).serverMessage("boom").build(), null);
    assertThat(engine.decide(OperationKind.SUBMIT, "POST /g", 1, generic, false, null).failure())
        .isInstanceOf(SubmissionOutcomeUnknownException.class);
  }

  @Test
  void cancellationIsNeverRetried() {
    RetryEngine engine = engine(settings(3, 0, false), () -> 0.0);
    RetryEngine.Decision decision =
        engine.decide(
            OperationKind.GET_TASK,
            "GET /t",
            1,
            new java.util.concurrent.CancellationException(),
            false,
            null);
    assertThat(decision.retry()).isFalse();
    assertThat(decision.failure()).isInstanceOf(TransportException.class);
  }

  @Test
  void asyncRetriesAreScheduledAndCancellingStopsThem() {
    RetryEngine engine = engine(settings(5, 0, false), () -> 0.0);
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<String> result =
        engine.callAsync(
            OperationKind.GET_TASK,
            "GET /t",
            () -> {
              calls.incrementAndGet();
              return CompletableFuture.failedFuture(unavailable(null));
            },
            null);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(result).isNotDone();
    time.advance(Duration.ofMillis(500));
    assertThat(calls.get()).isEqualTo(2);
    result.cancel(true);
    time.advance(Duration.ofMinutes(1));
    assertThat(calls.get()).isEqualTo(2);
    assertThat(time.pending()).isZero();
  }

  @Test
  void asyncRetrySucceedsAfterTheBackoff() {
    RetryEngine engine = engine(settings(3, 0, false), () -> 0.0);
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<String> result =
        engine.callAsync(
            OperationKind.BALANCE,
            "GET /b",
            () ->
                calls.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(
                        new java.util.concurrent.CompletionException(unavailable(null)))
                    : CompletableFuture.completedFuture("ok"),
            null);
    time.runUntilDone(result);
    assertThat(result).isCompletedWithValue("ok");
    assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(500));
  }
}
