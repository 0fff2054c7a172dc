package dev.apimart.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * ApiMart answered a submission's {@code Idempotency-Key} with HTTP 409: the key is tied to another
 * submission's fate. What to do depends on {@link #reason()}:
 *
 * <ul>
 *   <li>{@link Reason#IN_PROGRESS} — the first submission with this key is still being executed.
 *       The client waits the answer's {@code Retry-After} and asks again with the same key (which
 *       cannot create a second task); this exception reaches you only when the retries ran out.
 *   <li>{@link Reason#KEY_REUSED} — the key was used before for a <em>different</em> request. This
 *       request was not executed; the key belongs to the earlier one. Use a new key (or none: the
 *       client makes one per submission).
 *   <li>{@link Reason#RESULT_INDETERMINATE} — the service cannot tell whether the first submission
 *       with this key created a task. Treat it as {@link SubmissionOutcomeUnknownException} (which
 *       the client throws for it, with this as the cause): check your recent tasks and balance
 *       before submitting with a new key.
 *   <li>{@link Reason#OTHER} — another {@code idempotency_*} code the SDK does not know; nothing is
 *       assumed. (A 409 without an {@code idempotency_*} code stays an {@code
 *       UnexpectedResponseException}.)
 * </ul>
 */
public final class IdempotencyConflictException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  /** Why the key conflicts, from the error's code or type. */
  public enum Reason {
    /** {@code idempotency_in_progress}: the first submission with the key is still running. */
    IN_PROGRESS,
    /** {@code idempotency_key_reused}: the key belongs to a different request. */
    KEY_REUSED,
    /** {@code idempotency_result_indeterminate}: the first submission's outcome is unknown. */
    RESULT_INDETERMINATE,
    /** Another {@code idempotency_*} code. */
    OTHER
  }

  private final Reason reason;
  private final @Nullable Duration retryAfter;

  /**
   * @param message what happened and what to do
   * @param details the answer
   * @param reason why the key conflicts
   * @param retryAfter the {@code Retry-After} the service sent, if any
   */
  public IdempotencyConflictException(
      String message, ErrorDetails details, Reason reason, @Nullable Duration retryAfter) {
    super(message, details, null);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
    this.retryAfter = retryAfter;
  }

  /** Why the key conflicts. */
  public Reason reason() {
    return reason;
  }

  /** How long the service asked to wait before asking again, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** True only for {@link Reason#IN_PROGRESS}: asking again with the same key may succeed. */
  @Override
  public boolean isTransient() {
    return reason == Reason.IN_PROGRESS;
  }
}
