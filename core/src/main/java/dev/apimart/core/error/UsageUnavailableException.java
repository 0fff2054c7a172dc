package dev.apimart.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * ApiMart answered {@code 503 usage_unavailable}: it could not compute usage just now. This does
 * <em>not</em> mean nothing was spent — read the figures again later (the client already retried
 * within its policy), or check the balance, which is a separate endpoint.
 */
public final class UsageUnavailableException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /**
   * @param message what happened
   * @param details the answer
   * @param retryAfter the {@code Retry-After} the service sent, if any
   */
  public UsageUnavailableException(
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
