package dev.apimart.core.port;

import dev.apimart.core.error.TransportException;
import java.util.concurrent.CompletableFuture;

/**
 * Sends HTTP requests: the SDK's only way to the network. Implementations move bytes and nothing
 * else — no JSON, no retries, no status interpretation: every HTTP status, 4xx and 5xx included, is
 * a normal {@link TransportResponse}.
 *
 * <p>A failure without a complete answer is a {@link TransportException} whose {@link
 * TransportException.Kind} says whether the request may have been sent; a submission is only
 * repeated when it certainly was not. Implementations must be thread-safe. The {@code
 * apimart-testkit} artifact has an abstract contract test every implementation should pass.
 */
public interface HttpTransport extends AutoCloseable {

  /**
   * Sends a request and waits for the answer (for a streaming request: for its headers).
   *
   * @throws TransportException when no complete answer came; an interrupted caller gets kind {@code
   *     CANCELLED} with its interrupt flag restored
   */
  TransportResponse execute(TransportRequest request);

  /**
   * Sends a request without blocking the caller. The future fails with a {@link TransportException}
   * (possibly wrapped in a {@link java.util.concurrent.CompletionException}); cancelling it
   * abandons the exchange.
   */
  CompletableFuture<TransportResponse> executeAsync(TransportRequest request);

  /** A short name for logs and diagnostics, e.g. {@code "jdk"} or {@code "feign"}. */
  String name();

  /** Releases what the transport created itself; a client passed in by the user stays open. */
  @Override
  default void close() {}
}
