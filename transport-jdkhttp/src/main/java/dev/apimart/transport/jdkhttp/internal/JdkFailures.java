package dev.apimart.transport.jdkhttp.internal;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import dev.apimart.core.port.support.TransportFailures;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Turns what {@code java.net.http} throws into a {@link TransportException} whose kind tells core
 * whether the request may have reached the server. What is not particular to {@code java.net.http}
 * (the cause chain, the JDK's socket exceptions, the messages) is core's {@link TransportFailures}.
 */
public final class JdkFailures {

  private JdkFailures() {}

  /**
   * Classifies a failure of the exchange with {@code uri}.
   *
   * @param failure what the client threw or completed the future with (wrappers are unwrapped)
   * @param uri where the request went, for the message
   * @param timeout the request's timeout, for the message
   */
  public static TransportException classify(Throwable failure, URI uri, Duration timeout) {
    return TransportFailures.classify(failure, uri, timeout, JdkFailures::kindOf);
  }

  /** The exception for a caller interrupted while waiting; restore the flag before throwing it. */
  public static TransportException interrupted(URI uri, @Nullable InterruptedException cause) {
    return new TransportException(
        Kind.CANCELLED, "Interrupted while waiting for " + TransportFailures.host(uri), cause);
  }

  /**
   * What one exception says. {@link HttpConnectTimeoutException} is a {@link HttpTimeoutException}
   * but means the request was never sent, so it is asked first.
   */
  static @Nullable Kind kindOf(Throwable link) {
    if (TransportFailures.isCancellation(link)) {
      return Kind.CANCELLED;
    }
    if (link instanceof HttpConnectTimeoutException || TransportFailures.isConnectFailure(link)) {
      return Kind.CONNECT_FAILED;
    }
    if (link instanceof HttpTimeoutException) {
      return Kind.TIMEOUT;
    }
    return TransportFailures.isConnectionLost(link) ? Kind.CONNECTION_LOST : null;
  }
}
