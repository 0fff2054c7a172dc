package dev.apimart.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Too many requests (HTTP 429); {@link #retryAfter()} says how long the service asked to wait. */
public final class RateLimitedException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /**
   * @param message what happened
   * @param details the answer
   * @param retryAfter the {@code Retry-After} the service sent, if any
   */
  public RateLimitedException(String message, ErrorDetails details, @Nullable Duration retryAfter) {
    super(message, details, null);
    this.retryAfter = retryAfter;
  }

  /** How long the service asked to wait before the next request. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
