package dev.apimart.transport.jdkhttp.internal;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what {@code java.net.http} throws into a {@link TransportException} whose kind tells core
 * whether the request may have reached the server. Messages name the host, never a header value.
 */
public final class JdkFailures {

  /** How deep to follow a cause chain; real chains are two or three long. */
  private static final int MAX_DEPTH = 16;

  private JdkFailures() {}

  /**
   * Classifies a failure of the exchange with {@code uri}.
   *
   * @param failure what the client threw or completed the future with (wrappers are unwrapped)
   * @param uri where the request went, for the message
   * @param timeout the request's timeout, for the message
   */
  public static TransportException classify(Throwable failure, URI uri, Duration timeout) {
    Throwable cause = unwrap(failure);
    if (cause instanceof TransportException te) {
      return te;
    }
    Kind kind = kindOf(cause);
    String host = host(uri);
    String message =
        switch (kind) {
          case CONNECT_FAILED ->
              "Could not connect to "
                  + host
                  + " ("
                  + describe(cause)
                  + "); the request was not sent";
          case TIMEOUT -> "No complete answer from " + host + " within " + timeout;
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

  /** The exception for a caller interrupted while waiting; restore the flag before throwing it. */
  public static TransportException interrupted(URI uri, @Nullable InterruptedException cause) {
    return new TransportException(
        Kind.CANCELLED, "Interrupted while waiting for " + host(uri), cause);
  }

  /** {@code host:port} of a URI, without user info, path or query (signed URLs carry secrets). */
  public static String host(URI uri) {
    String host = uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
    return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
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
      if (t instanceof InterruptedException || t instanceof CancellationException) {
        return Kind.CANCELLED;
      }
      if (t instanceof HttpConnectTimeoutException
          || t instanceof ConnectException
          || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException
          || t instanceof SSLHandshakeException) {
        return Kind.CONNECT_FAILED;
      }
      if (t instanceof HttpTimeoutException) {
        timeout = true;
      } else if (t instanceof EOFException || saysConnectionBroke(t.getMessage())) {
        lost = true;
      }
    }
    if (timeout) {
      return Kind.TIMEOUT;
    }
    return lost ? Kind.CONNECTION_LOST : Kind.OTHER;
  }

  private static boolean saysConnectionBroke(@Nullable String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("reset")
        || m.contains("closed")
        || m.contains("broken pipe")
        || m.contains("end of stream")
        || m.contains("eof reached")
        || m.contains("received no bytes")
        || m.contains("bytes received");
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
