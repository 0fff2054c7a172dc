package dev.apimart.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * ApiMart answered HTTP 503 {@code idempotency_unavailable}: its idempotency store could not be
 * reached, so it did <em>not</em> execute the submission. Nothing was created or billed; sending
 * the same submission again (the client does, within its retry policy) is safe.
 */
public final class IdempotencyUnavailableException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /**
   * @param message what happened
   * @param details the answer
   * @param retryAfter the {@code Retry-After} the service sent, if any
   */
  public IdempotencyUnavailableException(
      String message, ErrorDetails details, @Nullable Duration retryAfter) {
    super(message, details, null);
    this.retryAfter = retryAfter;
  }

  /** How long the service asked to wait, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
