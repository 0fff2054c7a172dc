package dev.apimart.transport.feign.internal;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a {@code feign.Client} throws into a {@link TransportException} whose kind tells core
 * whether the request may have reached the server. Feign's clients wrap differently (the default
 * client throws the socket's exception, OkHttp and Apache HC5 their own subclasses, the Java 11
 * client {@code java.net.http}'s), so the whole cause chain is read, and classes that only exist in
 * a client library are recognised by name. Messages name the host, never a header value.
 */
public final class FeignFailures {

  /** How deep to follow a cause chain; real chains are two or three long. */
  private static final int MAX_DEPTH = 16;

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
    Throwable cause = unwrap(failure);
    if (cause instanceof TransportException te) {
      return te;
    }
    Kind kind = kindOf(cause);
    if (interrupted) {
      // The caller asked to stop: whatever the socket said, this must not be retried.
      kind = Kind.CANCELLED;
    }
    String host = host(uri);
    String message =
        switch (kind) {
          case CONNECT_FAILED ->
              "Could not connect to "
                  + host
                  + " ("
                  + describe(cause)
                  + "); the request was not sent";
          case TIMEOUT -> timeoutMessage(uri, timeout);
          case CONNECTION_LOST ->
              "The connection to "
                  + host
                  + " broke before the answer was complete ("
                  + describe(cause)
                  + ")";
          case CANCELLED -> "The request to " + host + " was cancelled";
          case OTHER -> "The request to " + host + " failed (" + describe(cause) + ")";
        };
    return new TransportException(kind, message, cause);
  }

  /** The exception for an answer that did not arrive completely before the request's deadline. */
  public static TransportException timedOut(URI uri, Duration timeout) {
    return new TransportException(Kind.TIMEOUT, timeoutMessage(uri, timeout), null);
  }

  /** The exception for a caller interrupted or cancelled; restore the flag before throwing it. */
  public static TransportException cancelled(URI uri, String why) {
    return new TransportException(
        Kind.CANCELLED, "The request to " + host(uri) + " was cancelled: " + why, null);
  }

  /** The exception for a request that was refused before anything was sent. */
  public static TransportException notSent(URI uri, String why, @Nullable Throwable cause) {
    return new TransportException(
        Kind.CONNECT_FAILED, "The request to " + host(uri) + " was not sent: " + why, cause);
  }

  /** The exception for an answer shorter than its {@code Content-Length}. */
  public static TransportException truncated(URI uri, long received, long announced) {
    return new TransportException(
        Kind.CONNECTION_LOST,
        "The connection to "
            + host(uri)
            + " broke before the answer was complete (received "
            + received
            + " of "
            + announced
            + " bytes)",
        null);
  }

  /** {@code host:port} of a URI, without user info, path or query (signed URLs carry secrets). */
  public static String host(URI uri) {
    String host = uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
    return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
  }

  private static String timeoutMessage(URI uri, Duration timeout) {
    return "No complete answer from " + host(uri) + " within " + timeout;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The most telling kind found anywhere in the cause chain; "never sent" needs positive proof. */
  static Kind kindOf(Throwable failure) {
    boolean timeout = false;
    boolean lost = false;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      String name = t.getClass().getSimpleName();
      String message = lower(t.getMessage());
      if (t instanceof InterruptedException
          || t instanceof CancellationException
          || t instanceof ClosedByInterruptException
          // Okio (OkHttp) reports an interrupted thread so; OkHttp a cancelled call so.
          || (t instanceof InterruptedIOException && message.equals("interrupted"))
          || message.equals("canceled")) {
        return Kind.CANCELLED;
      }
      if (t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException
          || t instanceof SSLHandshakeException
          // java.net.http (feign-java11) and Apache HC5 name their connect timeouts so.
          || name.endsWith("ConnectTimeoutException")
          // The JDK's socket, OkHttp: a SocketTimeoutException that says it was connecting.
          || (t instanceof InterruptedIOException && message.contains("connect timed out"))) {
        return Kind.CONNECT_FAILED;
      }
      if (t instanceof InterruptedIOException || name.equals("HttpTimeoutException")) {
        // SocketTimeoutException (read timed out), OkHttp's call timeout, java.net.http's.
        timeout = true;
      } else if (t instanceof EOFException
          || name.equals("NoHttpResponseException")
          || name.equals("ConnectionClosedException")
          || saysConnectionBroke(message)) {
        lost = true;
      }
    }
    if (timeout) {
      return Kind.TIMEOUT;
    }
    return lost ? Kind.CONNECTION_LOST : Kind.OTHER;
  }

  private static boolean saysConnectionBroke(String m) {
    return m.contains("reset")
        || m.contains("closed")
        || m.contains("broken pipe")
        || m.contains("end of stream")
        || m.contains("end of file")
        || m.contains("premature eof")
        || m.contains("premature end")
        || m.contains("failed to respond")
        || m.contains("eof reached")
        || m.contains("received no bytes")
        || m.contains("bytes received");
  }

  private static String lower(@Nullable String message) {
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }

  /** The first message in the chain, or the chain's class names when none has one. */
  private static String describe(Throwable failure) {
    StringBuilder classes = new StringBuilder();
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the host name could not be resolved";
      }
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        return t.getClass().getSimpleName() + ": " + message;
      }
      classes
          .append(classes.length() == 0 ? "" : " caused by ")
          .append(t.getClass().getSimpleName());
    }
    return classes.toString();
  }
}
