package dev.apimart.core.internal.retry;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.IdempotencyConflictException;
import dev.apimart.core.error.IdempotencyUnavailableException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.internal.time.Timer;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call with retries, synchronously or asynchronously. The decision table:
 *
 * <ul>
 *   <li>Idempotent calls (task, balance, download) are repeated after a connection failure, a
 *       timeout, a broken connection, HTTP 429 and HTTP 500/502/503/504.
 *   <li>A submission is repeated only when it certainly never left ({@code CONNECT_FAILED}) or was
 *       refused before any work (429, 503). An ambiguous failure (timeout, broken connection, other
 *       I/O after sending, 500/502/504, or a 2xx answer that cannot be read) becomes a {@link
 *       SubmissionOutcomeUnknownException} unless ambiguous submissions may be retried.
 *   <li>A submission with an {@code Idempotency-Key} the service honours for its model ({@link
 *       OperationKind#SUBMIT_WITH_HONOURED_KEY}) is also repeated — with the same key — after an
 *       ambiguous failure: the service answers a repeat with the first task.
 *   <li>Idempotency answers: 409 {@code idempotency_in_progress} is asked again after its {@code
 *       Retry-After}; 503 {@code idempotency_unavailable} ("not executed") is repeated; 409 {@code
 *       idempotency_result_indeterminate} ends the submission as outcome unknown; 409 {@code
 *       idempotency_key_reused} is final.
 *   <li>Anything else (400, 401, 402, 403, 404, unreadable answers, cancellation) is never
 *       repeated.
 * </ul>
 *
 * <p>Waits grow exponentially with jitter; a {@code Retry-After} is honoured up to a maximum; every
 * retry takes a token from the client's {@link RetryBudget}; no retry is scheduled past a deadline.
 * When retries end, the last typed exception is thrown. Thread-safe.
 */
public final class RetryEngine {

  private static final Logger LOG = LoggerFactory.getLogger(RetryEngine.class);

  private final RetrySettings settings;
  private final RetryBudget budget;
  private final Timer timer;
  private final DoubleSupplier random;

  /**
   * @param settings what to retry and how often
   * @param budget the client's shared budget
   * @param timer time source and scheduler
   * @param random uniform values in [0, 1) for jitter
   */
  public RetryEngine(
      RetrySettings settings, RetryBudget budget, Timer timer, DoubleSupplier random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The settings in force. */
  public RetrySettings settings() {
    return settings;
  }

  /**
   * Runs {@code attempt} on the calling thread until it succeeds or the decision table says stop.
   *
   * @param kind what the call does
   * @param what a loggable description (method and path, never a query string or header)
   * @param attempt one attempt; throws on failure
   * @param deadline no retry is scheduled to start after this, or {@code null}
   */
  public <T> T call(
      OperationKind kind, String what, Supplier<T> attempt, @Nullable Instant deadline) {
    return call(kind, what, attempt, deadline, null);
  }

  /**
   * Like {@link #call(OperationKind, String, Supplier, Instant)} for a submission carrying {@code
   * idempotencyKey} on every attempt, which an outcome-unknown failure then names.
   */
  public <T> T call(
      OperationKind kind,
      String what,
      Supplier<T> attempt,
      @Nullable Instant deadline,
      @Nullable String idempotencyKey) {
    budget.recordRequest();
    boolean ambiguousSeen = false;
    for (int attempts = 1; ; attempts++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        Decision decision =
            decide(kind, what, attempts, e, ambiguousSeen, deadline, idempotencyKey);
        ambiguousSeen |= decision.ambiguous();
        if (!decision.retry()) {
          throw decision.failure();
        }
        try {
          timer.sleep(decision.delay());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new TransportException(
              TransportException.Kind.CANCELLED,
              "Interrupted while waiting to retry " + what,
              interrupted);
        }
      }
    }
  }

  /**
   * Runs {@code attempt} without blocking: retries are scheduled on the timer. Cancelling the
   * returned future cancels the pending retry and the attempt in flight.
   */
  public <T> CompletableFuture<T> callAsync(
      OperationKind kind,
      String what,
      Supplier<CompletableFuture<T>> attempt,
      @Nullable Instant deadline) {
    return callAsync(kind, what, attempt, deadline, null);
  }

  /** Like {@link #callAsync(OperationKind, String, Supplier, Instant)} with an idempotency key. */
  public <T> CompletableFuture<T> callAsync(
      OperationKind kind,
      String what,
      Supplier<CompletableFuture<T>> attempt,
      @Nullable Instant deadline,
      @Nullable String idempotencyKey) {
    budget.recordRequest();
    AsyncCall<T> call = new AsyncCall<>(kind, what, attempt, deadline, idempotencyKey);
    call.run();
    return call.result;
  }

  private final class AsyncCall<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final OperationKind kind;
    final String what;
    final Supplier<CompletableFuture<T>> attempt;
    final @Nullable Instant deadline;
    final @Nullable String idempotencyKey;
    // Guarded by the sequential chain of attempts: one attempt at a time, handed over through
    // the timer and the futures, which publish these fields.
    int attempts;
    boolean ambiguousSeen;
    volatile @Nullable CompletableFuture<T> inFlight;
    volatile @Nullable Runnable pendingRetry;

    AsyncCall(
        OperationKind kind,
        String what,
        Supplier<CompletableFuture<T>> attempt,
        @Nullable Instant deadline,
        @Nullable String idempotencyKey) {
      this.kind = kind;
      this.what = what;
      this.attempt = attempt;
      this.deadline = deadline;
      this.idempotencyKey = idempotencyKey;
      result.whenComplete(
          (value, error) -> {
            if (result.isCancelled()) {
              Runnable retry = pendingRetry;
              if (retry != null) {
                retry.run();
              }
              CompletableFuture<T> current = inFlight;
              if (current != null) {
                current.cancel(true);
              }
            }
          });
    }

    void run() {
      if (result.isDone()) {
        return;
      }
      attempts++;
      CompletableFuture<T> future;
      try {
        future = Objects.requireNonNull(attempt.get(), "attempt returned null");
      } catch (RuntimeException e) {
        future = CompletableFuture.failedFuture(e);
      }
      inFlight = future;
      future.whenComplete(
          (value, error) -> {
            if (error == null) {
              result.complete(value);
            } else if (!result.isDone()) {
              onFailure(error);
            }
          });
    }

    private void onFailure(Throwable error) {
      Decision decision;
      try {
        decision = decide(kind, what, attempts, error, ambiguousSeen, deadline, idempotencyKey);
      } catch (RuntimeException | Error unexpected) {
        result.completeExceptionally(unexpected);
        return;
      }
      ambiguousSeen |= decision.ambiguous();
      if (!decision.retry()) {
        result.completeExceptionally(decision.failure());
        return;
      }
      pendingRetry = timer.schedule(decision.delay(), this::run);
      if (result.isCancelled()) {
        pendingRetry.run();
      }
    }
  }

  /**
   * What to do after a failed attempt.
   *
   * @param delay how long to wait before the next attempt, or {@code null} to stop
   * @param failure the failure to throw when stopping (the attempt's own, normalized)
   * @param ambiguous whether this failure left the submission's outcome unknown
   */
  public record Decision(@Nullable Duration delay, RuntimeException failure, boolean ambiguous) {
    /** Whether to try again. */
    public boolean retry() {
      return delay != null;
    }

    @Override
    public Duration delay() {
      return Objects.requireNonNull(delay, "no delay when stopping");
    }
  }

  private enum Verdict {
    RETRYABLE,
    AMBIGUOUS,
    /** The service says it cannot tell whether a task was created: never repeated. */
    INDETERMINATE,
    FINAL
  }

  /**
   * Applies the decision table to one failure.
   *
   * @param attempts attempts made so far, including the failed one
   * @param ambiguousSeen whether an earlier attempt of this submission may have been received
   */
  public Decision decide(
      OperationKind kind,
      String what,
      int attempts,
      Throwable error,
      boolean ambiguousSeen,
      @Nullable Instant deadline) {
    return decide(kind, what, attempts, error, ambiguousSeen, deadline, null);
  }

  /**
   * Applies the decision table to one failure of a call carrying {@code idempotencyKey} (or none).
   */
  public Decision decide(
      OperationKind kind,
      String what,
      int attempts,
      Throwable error,
      boolean ambiguousSeen,
      @Nullable Instant deadline,
      @Nullable String idempotencyKey) {
    RuntimeException failure = normalize(error);
    Verdict verdict = verdict(kind, failure);
    boolean ambiguous = verdict == Verdict.AMBIGUOUS;
    boolean outcomeUnknown = kind.submits() && (ambiguous || ambiguousSeen);
    if (verdict == Verdict.INDETERMINATE) {
      LOG.debug(
          "{} failed with {}: the service cannot tell, outcome unknown", what, describe(failure));
      return new Decision(null, outcomeUnknown(kind, failure, attempts, idempotencyKey), true);
    }
    if (verdict == Verdict.FINAL) {
      LOG.debug("{} failed with {}: not retryable", what, describe(failure));
      return new Decision(null, failure, false);
    }
    if (ambiguous
        && !settings.retryAmbiguousSubmissions()
        && kind != OperationKind.SUBMIT_WITH_HONOURED_KEY) {
      LOG.debug(
          "{} failed with {} after it may have been received: not repeated, outcome unknown",
          what,
          describe(failure));
      return new Decision(null, outcomeUnknown(kind, failure, attempts, idempotencyKey), true);
    }
    RuntimeException stopWith =
        outcomeUnknown ? outcomeUnknown(kind, failure, attempts, idempotencyKey) : failure;
    if (attempts >= settings.maxAttempts()) {
      LOG.debug(
          "{} failed with {}: giving up after {} attempts", what, describe(failure), attempts);
      return new Decision(null, stopWith, ambiguous);
    }
    Duration delay = delayBefore(attempts + 1, retryAfter(failure));
    if (deadline != null && timer.clock().instant().plus(delay).isAfter(deadline)) {
      LOG.debug(
          "{} failed with {}: a retry in {} would pass the deadline",
          what,
          describe(failure),
          delay);
      return new Decision(null, stopWith, ambiguous);
    }
    if (!budget.tryAcquireRetry()) {
      LOG.debug(
          "{} failed with {}: retry budget spent, not retrying (too many retries recently)",
          what,
          describe(failure));
      return new Decision(null, stopWith, ambiguous);
    }
    LOG.debug(
        "{} failed with {}: attempt {} of {} in {} ms",
        what,
        describe(failure),
        attempts + 1,
        settings.maxAttempts(),
        delay.toMillis());
    return new Decision(delay, failure, ambiguous);
  }

  /**
   * The wait before attempt number {@code nextAttempt} (2 for the first retry): exponential backoff
   * with jitter, or the server's {@code Retry-After} (clamped) when that is longer.
   */
  public Duration delayBefore(int nextAttempt, Optional<Duration> retryAfter) {
    int exponent = Math.min(Math.max(nextAttempt - 2, 0), 30);
    long baseNanos = settings.initialBackoff().toNanos();
    long maxNanos = settings.maxBackoff().toNanos();
    long backoff =
        baseNanos > (maxNanos >> exponent) ? maxNanos : Math.min(maxNanos, baseNanos << exponent);
    double factor = 1.0 - settings.jitter() * random.getAsDouble();
    Duration delay = Duration.ofNanos((long) (backoff * factor));
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get();
      Duration clamped = asked.isNegative() ? Duration.ZERO : asked;
      if (clamped.compareTo(settings.maxRetryAfter()) > 0) {
        clamped = settings.maxRetryAfter();
      }
      if (clamped.compareTo(delay) > 0) {
        delay = clamped;
      }
    }
    return delay;
  }

  private static Verdict verdict(OperationKind kind, RuntimeException failure) {
    if (failure instanceof TransportException t) {
      return switch (t.kind()) {
        case CANCELLED -> Verdict.FINAL;
        case CONNECT_FAILED -> Verdict.RETRYABLE;
        case TIMEOUT, CONNECTION_LOST, OTHER ->
            kind.idempotent() ? Verdict.RETRYABLE : Verdict.AMBIGUOUS;
      };
    }
    if (failure instanceof RateLimitedException) {
      return Verdict.RETRYABLE;
    }
    if (failure instanceof IdempotencyUnavailableException
        || failure instanceof dev.apimart.core.error.UsageUnavailableException) {
      return Verdict.RETRYABLE;
    }
    if (failure instanceof IdempotencyConflictException c) {
      return switch (c.reason()) {
        case IN_PROGRESS -> Verdict.RETRYABLE;
        case RESULT_INDETERMINATE -> kind.submits() ? Verdict.INDETERMINATE : Verdict.FINAL;
        case KEY_REUSED, OTHER -> Verdict.FINAL;
      };
    }
    if (failure instanceof UnexpectedResponseException u
        && !kind.idempotent()
        && u.httpStatus().orElse(0) / 100 == 2) {
      // The service accepted the submission but its answer is unreadable: a task may exist.
      return Verdict.AMBIGUOUS;
    }
    if (failure instanceof ServerException s) {
      int status = effectiveStatus(s);
      if (status == 503) {
        return Verdict.RETRYABLE;
      }
      if (status == 500 || status == 502 || status == 504) {
        return kind.idempotent() ? Verdict.RETRYABLE : Verdict.AMBIGUOUS;
      }
    }
    return Verdict.FINAL;
  }

  /**
   * The status a server error stands for: the HTTP status, or for an error envelope inside a 2xx
   * answer its code; a 5xx without a readable code counts as a plain 500.
   */
  private static int effectiveStatus(ServerException s) {
    int http = s.httpStatus().orElse(0);
    if (http >= 500) {
      return http;
    }
    String code = s.serverCode().orElse("");
    try {
      int parsed = Integer.parseInt(code.strip());
      return parsed >= 500 && parsed <= 599 ? parsed : 500;
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  /** The {@code Retry-After} a failure carries, if any. */
  public static Optional<Duration> retryAfter(Throwable failure) {
    if (failure instanceof RateLimitedException r) {
      return r.retryAfter();
    }
    if (failure instanceof ServerException s) {
      return s.retryAfter();
    }
    if (failure instanceof IdempotencyConflictException c) {
      return c.retryAfter();
    }
    if (failure instanceof IdempotencyUnavailableException u) {
      return u.retryAfter();
    }
    if (failure instanceof dev.apimart.core.error.UsageUnavailableException u) {
      return u.retryAfter();
    }
    return Optional.empty();
  }

  private static SubmissionOutcomeUnknownException outcomeUnknown(
      OperationKind kind, RuntimeException failure, int attempts, @Nullable String key) {
    if (failure instanceof SubmissionOutcomeUnknownException already) {
      return already;
    }
    if (key != null && kind == OperationKind.SUBMIT_WITH_HONOURED_KEY) {
      ApiMartException typedFailure = failure instanceof ApiMartException a ? a : null;
      return new SubmissionOutcomeUnknownException(
          "The image generation request was sent "
              + (attempts == 1 ? "once" : attempts + " times")
              + " with the same Idempotency-Key and no usable answer came back (last: "
              + describe(failure)
              + "), so ApiMart may or may not have created — and may bill — a task. ApiMart"
              + " honours the key for this model: submitting the same request again with"
              + " GenerationRequest.Builder#idempotencyKey(\""
              + key
              + "\") returns that task instead of creating a second one.",
          typedFailure == null ? dev.apimart.core.error.ErrorDetails.NONE : typedFailure.details(),
          attempts,
          failure,
          key);
    }
    ApiMartException typed = failure instanceof ApiMartException a ? a : null;
    String message =
        "The image generation request was sent "
            + (attempts == 1 ? "once" : attempts + " times")
            + " and no usable answer came back ("
            + describe(failure)
            + "), so ApiMart may or may not have created — and may bill — a task. It was not"
            + " repeated automatically, because that could pay twice. To reconcile, check your"
            + " recent tasks and balance before submitting again; to repeat such submissions"
            + " automatically, use RetryPolicy.builder().retryAmbiguousSubmissions(true)."
            + (key == null
                ? ""
                : " It carried Idempotency-Key "
                    + key
                    + "; ApiMart is not known to honour keys for this model, so a repeat with the"
                    + " same key is not known to be safe either.");
    return new SubmissionOutcomeUnknownException(
        message,
        typed == null ? dev.apimart.core.error.ErrorDetails.NONE : typed.details(),
        attempts,
        failure,
        key);
  }

  /**
   * Unwraps completion wrappers and turns what is not yet a typed exception into one: a body that
   * broke off while being read becomes a lost connection, a cancelled future a cancellation.
   */
  public static RuntimeException normalize(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CancellationException) {
      return new TransportException(
          TransportException.Kind.CANCELLED, "The call was cancelled", cause);
    }
    if (cause instanceof UncheckedIOException io) {
      return new TransportException(
          TransportException.Kind.CONNECTION_LOST,
          "The connection broke while the answer was read: " + io.getCause().getMessage(),
          io.getCause());
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error fatal) {
      throw fatal;
    }
    return new TransportException(
        TransportException.Kind.OTHER, "The call failed: " + cause, cause);
  }

  private static String describe(RuntimeException failure) {
    if (failure instanceof TransportException t) {
      return "transport failure " + t.kind();
    }
    if (failure instanceof ApiMartException a && a.httpStatus().isPresent()) {
      return "HTTP " + a.httpStatus().getAsInt() + " (" + a.getClass().getSimpleName() + ")";
    }
    return failure.getClass().getSimpleName();
  }
}
