package dev.apimart.transport.feign.internal;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import dev.apimart.core.port.support.TransportFailures;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a {@code feign.Client} throws into a {@link TransportException} whose kind tells core
 * whether the request may have reached the server. Feign's clients wrap differently (the default
 * client throws the socket's exception, OkHttp and Apache HC5 their own subclasses, the Java 11
 * client {@code java.net.http}'s), so classes that only exist in a client library are recognised by
 * name. Walking the cause chain, the JDK's own exceptions and the messages are core's {@link
 * TransportFailures}.
 */
public final class FeignFailures {

  private FeignFailures() {}

  /**
   * Classifies a failure of the exchange with {@code uri}.
   *
   * @param failure what the client threw
   * @param interrupted whether the calling thread was interrupted when it failed: an interrupt
   *     turns a blocked read's {@link InterruptedIOException} into a cancellation
   * @param uri where the request went, for the message
   * @param timeout the request's timeout, for the message
   */
  public static TransportException classify(
      Throwable failure, boolean interrupted, URI uri, Duration timeout) {
    // The caller asked to stop: whatever the socket said, this must not be retried.
    return TransportFailures.classify(
        failure, uri, timeout, interrupted ? link -> Kind.CANCELLED : FeignFailures::kindOf);
  }

  /** What one exception says, for any of Feign's clients. */
  static @Nullable Kind kindOf(Throwable link) {
    String name = link.getClass().getSimpleName();
    String message = lower(link.getMessage());
    if (TransportFailures.isCancellation(link)
        || link instanceof ClosedByInterruptException
        // Okio (OkHttp) reports an interrupted thread so; OkHttp a cancelled call so.
        || (link instanceof InterruptedIOException && message.equals("interrupted"))
        || message.equals("canceled")) {
      return Kind.CANCELLED;
    }
    if (TransportFailures.isConnectFailure(link)
        // java.net.http (feign-java11) and Apache HC5 name their connect timeouts so.
        || name.endsWith("ConnectTimeoutException")
        // The JDK's socket, OkHttp: a SocketTimeoutException that says it was connecting.
        || (link instanceof InterruptedIOException && message.contains("connect timed out"))) {
      return Kind.CONNECT_FAILED;
    }
    if (link instanceof InterruptedIOException || name.equals("HttpTimeoutException")) {
      // SocketTimeoutException (read timed out), OkHttp's call timeout, java.net.http's.
      return Kind.TIMEOUT;
    }
    if (TransportFailures.isConnectionLost(link)
        || name.equals("NoHttpResponseException")
        || name.equals("ConnectionClosedException")
        || saysTheAnswerEndedEarly(message)) {
      return Kind.CONNECTION_LOST;
    }
    return null;
  }

  /** HttpURLConnection's and Apache HC5's words for a connection that broke mid-answer. */
  private static boolean saysTheAnswerEndedEarly(String m) {
    return m.contains("end of file")
        || m.contains("premature eof")
        || m.contains("premature end")
        || m.contains("failed to respond");
  }

  private static String lower(@Nullable String message) {
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }
}
