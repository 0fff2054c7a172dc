package dev.apimart.core.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.IdempotencyConflictException;
import dev.apimart.core.error.IdempotencyUnavailableException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.internal.time.Timer;
import dev.apimart.core.testing.VirtualScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision table's idempotency rows (issue 15): what is repeated, what ends the call. */
class IdempotencyDecisionTest {

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

  private final RetryEngine engine =
      new RetryEngine(
          new RetrySettings(
              3,
              Duration.ofMillis(500),
              Duration.ofSeconds(4),
              0,
              Duration.ofSeconds(30),
              false,
              0.2,
              100),
          new RetryBudget(0.2, 100),
          timer,
          () -> 0);

  private static final TransportException TIMEOUT =
      new TransportException(TransportException.Kind.TIMEOUT, "read timed out", null);

  private static IdempotencyConflictException conflict(
      IdempotencyConflictException.Reason reason, Duration retryAfter) {
    return new IdempotencyConflictException(
        "conflict", ErrorDetails.ofStatus(409), reason, retryAfter);
  }

  @Test
  void anAmbiguousSubmissionWithAnHonouredKeyIsRepeated() {
    RetryEngine.Decision decision =
        engine.decide(
            OperationKind.SUBMIT_WITH_HONOURED_KEY, "POST /g", 1, TIMEOUT, false, null, "k-1");

    assertThat(decision.retry()).isTrue();
    assertThat(decision.ambiguous()).isTrue();
  }

  @Test
  void anAmbiguousSubmissionWithoutAnHonouredKeyEndsAsOutcomeUnknownNamingTheKey() {
    RetryEngine.Decision decision =
        engine.decide(OperationKind.SUBMIT, "POST /g", 1, TIMEOUT, false, null, "k-1");

    assertThat(decision.retry()).isFalse();
    assertThat(decision.failure()).isInstanceOf(SubmissionOutcomeUnknownException.class);
    SubmissionOutcomeUnknownException unknown =
        (SubmissionOutcomeUnknownException) decision.failure();
    assertThat(unknown.idempotencyKey()).hasValue("k-1");
    assertThat(unknown.getMessage()).contains("not known to honour keys");
  }

  @Test
  void anHonouredKeyThatRunsOutOfAttemptsEndsAsOutcomeUnknownSayingTheKeyIsSafe() {
    RetryEngine.Decision decision =
        engine.decide(
            OperationKind.SUBMIT_WITH_HONOURED_KEY, "POST /g", 3, TIMEOUT, true, null, "k-1");

    assertThat(decision.retry()).isFalse();
    SubmissionOutcomeUnknownException unknown =
        (SubmissionOutcomeUnknownException) decision.failure();
    assertThat(unknown.attempts()).isEqualTo(3);
    assertThat(unknown.idempotencyKey()).hasValue("k-1");
    assertThat(unknown.getMessage()).contains("idempotencyKey(\"k-1\")");
  }

  @Test
  void inProgressWaitsItsRetryAfter() {
    RetryEngine.Decision decision =
        engine.decide(
            OperationKind.SUBMIT,
            "POST /g",
            1,
            conflict(IdempotencyConflictException.Reason.IN_PROGRESS, Duration.ofSeconds(7)),
            false,
            null,
            "k");

    assertThat(decision.retry()).isTrue();
    assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aReusedKeyIsFinal() {
    RetryEngine.Decision decision =
        engine.decide(
            OperationKind.SUBMIT_WITH_HONOURED_KEY,
            "POST /g",
            1,
            conflict(IdempotencyConflictException.Reason.KEY_REUSED, null),
            false,
            null,
            "k");

    assertThat(decision.retry()).isFalse();
    assertThat(decision.failure()).isInstanceOf(IdempotencyConflictException.class);
  }

  @Test
  void anIndeterminateResultIsNeverRepeatedAndIsAnUnknownOutcome() {
    RetryEngine.Decision decision =
        engine.decide(
            OperationKind.SUBMIT_WITH_HONOURED_KEY,
            "POST /g",
            1,
            conflict(IdempotencyConflictException.Reason.RESULT_INDETERMINATE, null),
            false,
            null,
            "k");

    assertThat(decision.retry()).isFalse();
    assertThat(decision.failure()).isInstanceOf(SubmissionOutcomeUnknownException.class);
    assertThat(decision.failure().getCause()).isInstanceOf(IdempotencyConflictException.class);
  }

  @Test
  void unavailableIsRepeatedWithItsRetryAfter() {
    RetryEngine.Decision decision =
        engine.decide(
            OperationKind.SUBMIT,
            "POST /g",
            1,
            new IdempotencyUnavailableException(
                "not executed", ErrorDetails.ofStatus(503), Duration.ofSeconds(2)),
            false,
            null,
            "k");

    assertThat(decision.retry()).isTrue();
    assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aPlain500StaysAmbiguousForAnUnmarkedModel() {
    RetryEngine.Decision decision =
        engine.decide(
            OperationKind.SUBMIT,
            "POST /g",
            1,
            new ServerException("boom", ErrorDetails.ofStatus(500), null),
            false,
            null,
            "k");

    assertThat(decision.retry()).isFalse();
    assertThat(decision.failure()).isInstanceOf(SubmissionOutcomeUnknownException.class);
    assertThat(RetryEngine.retryAfter(decision.failure())).isEqualTo(Optional.empty());
  }
}
