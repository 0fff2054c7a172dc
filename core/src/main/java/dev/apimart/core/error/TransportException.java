package dev.apimart.core.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP exchange failed without a complete answer. {@link #kind()} says how, because that
 * decides whether a non-idempotent submission may be repeated: only when the request certainly
 * never left. Transports throw this from {@code HttpTransport}; the SDK rethrows it (or wraps it in
 * {@link SubmissionOutcomeUnknownException}) once retries are exhausted.
 */
public final class TransportException extends ApiMartClientException {
  private static final long serialVersionUID = 1L;

  /** How an exchange failed. */
  public enum Kind {
    /**
     * No connection was established (refused, DNS failure, connect timeout, TLS handshake before
     * the request): the request was certainly not sent and is safe to repeat.
     */
    CONNECT_FAILED,
    /** The request was sent (possibly in part) and no complete answer came in time. */
    TIMEOUT,
    /** The request was sent and the connection broke before the answer was complete (reset). */
    CONNECTION_LOST,
    /** The call was cancelled or interrupted by the caller. */
    CANCELLED,
    /** Any other I/O failure; treat as possibly sent. */
    OTHER;

    /** Whether the server may have received the request. */
    public boolean maybeSent() {
      return this != CONNECT_FAILED;
    }
  }

  private final Kind kind;

  /**
   * @param kind how it failed
   * @param message what happened, naming the host but never the key
   * @param cause the I/O failure
   */
  public TransportException(Kind kind, String message, @Nullable Throwable cause) {
    super(message, ErrorDetails.NONE, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** How the exchange failed. */
  public Kind kind() {
    return kind;
  }

  @Override
  public boolean isTransient() {
    return kind != Kind.CANCELLED;
  }
}
