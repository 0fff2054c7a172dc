package dev.apimart.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A submission was sent but no usable answer came back (timeout after sending, connection reset,
 * HTTP 500/502/504, a 2xx answer whose task id cannot be read). The service may or may not have
 * created — and will bill — a task. The SDK did not resubmit, because doing so could pay twice. To
 * reconcile: check your balance and recent tasks before submitting again, or opt in to retrying
 * ambiguous submissions in the retry policy.
 */
public final class SubmissionOutcomeUnknownException extends ApiMartClientException {
  private static final long serialVersionUID = 1L;

  private final int attempts;
  private final @Nullable String idempotencyKey;

  /**
   * @param message what happened and how to reconcile
   * @param details the answer, when there was one (5xx)
   * @param attempts how many times the submission was sent
   * @param cause the transport or server failure
   */
  public SubmissionOutcomeUnknownException(
      String message, ErrorDetails details, int attempts, @Nullable Throwable cause) {
    this(message, details, attempts, cause, null);
  }

  /**
   * @param message what happened and how to reconcile
   * @param details the answer, when there was one (5xx)
   * @param attempts how many times the submission was sent
   * @param cause the transport or server failure
   * @param idempotencyKey the {@code Idempotency-Key} every attempt carried, or {@code null} when
   *     none was sent
   */
  public SubmissionOutcomeUnknownException(
      String message,
      ErrorDetails details,
      int attempts,
      @Nullable Throwable cause,
      @Nullable String idempotencyKey) {
    super(message, details, cause);
    this.attempts = attempts;
    this.idempotencyKey = idempotencyKey;
  }

  /**
   * The {@code Idempotency-Key} the submission carried. Where ApiMart honours keys, submitting the
   * same request again with this key ({@code GenerationRequest.Builder#idempotencyKey}) returns the
   * task the lost submission created, if it created one, instead of a second one.
   */
  public java.util.Optional<String> idempotencyKey() {
    return java.util.Optional.ofNullable(idempotencyKey);
  }

  /** How many times the submission was sent before giving up. */
  public int attempts() {
    return attempts;
  }
}
