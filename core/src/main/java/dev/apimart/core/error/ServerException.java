package dev.apimart.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The service or a proxy in front of it failed (HTTP 5xx). */
public final class ServerException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /**
   * @param message what happened
   * @param details the answer (the body may be a proxy's HTML page)
   * @param retryAfter the {@code Retry-After} the service sent, if any (typical with 503)
   */
  public ServerException(String message, ErrorDetails details, @Nullable Duration retryAfter) {
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
