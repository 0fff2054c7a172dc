package dev.apimart.core.port.support;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * Helps a transport turn what its HTTP client threw into the {@link TransportException} core
 * expects, whose {@link Kind} decides whether a request may be retried. The part that depends on
 * the client library stays in the transport: it says, one exception at a time, what that exception
 * means ({@link LinkClassifier}); this class walks the cause chain, weighs the answers and writes a
 * message that names the host but never a path, query, user info or header value.
 *
 * <pre>{@code
 * static TransportException classify(Throwable failure, TransportRequest request) {
 *   return TransportFailures.classify(failure, request.uri(), request.timeout(), link -> {
 *     if (TransportFailures.isCancellation(link)) return Kind.CANCELLED;
 *     if (TransportFailures.isConnectFailure(link)) return Kind.CONNECT_FAILED;
 *     if (link instanceof MyClientTimeoutException) return Kind.TIMEOUT;
 *     return TransportFailures.isConnectionLost(link) ? Kind.CONNECTION_LOST : null;
 *   });
 * }
 * }</pre>
 *
 * <p>The predicates cover only exceptions of the JDK whose meaning does not depend on the client (a
 * refused connection, an unknown host, a failed TLS handshake, an interrupt). Timeouts are left to
 * the transport on purpose: a {@link java.net.SocketTimeoutException} may mean "never connected" or
 * "no answer in time" depending on the client that threw it.
 */
public final class TransportFailures {

  /** How deep to follow a cause chain; real chains are two or three long, a cyclic one is not. */
  private static final int MAX_DEPTH = 16;

  private TransportFailures() {}

  /**
   * What one exception of a cause chain, on its own (its causes are asked separately), says about
   * how an exchange failed.
   */
  @FunctionalInterface
  public interface LinkClassifier {

    /**
     * Classifies one link of a cause chain.
     *
     * @param link one exception of the chain
     * @return {@link Kind#CANCELLED} or {@link Kind#CONNECT_FAILED} to decide at once; {@link
     *     Kind#TIMEOUT} or {@link Kind#CONNECTION_LOST} as evidence weighed against the rest of the
     *     chain (a timeout outweighs the broken connection it caused); {@code null} or {@link
     *     Kind#OTHER} when this link says nothing
     */
    @Nullable Kind kindOf(Throwable link);
  }

  /**
   * Classifies a failed exchange with {@code uri}: looks through {@link CompletionException} and
   * {@link ExecutionException} wrappers, passes a {@link TransportException} found there through
   * unchanged, and otherwise asks {@code links} about every exception of the cause chain, outermost
   * first. The first {@code CANCELLED} or {@code CONNECT_FAILED} decides; else any {@code TIMEOUT}
   * makes it a timeout; else any {@code CONNECTION_LOST} a lost connection; else {@code OTHER}.
   * "Never sent" thus needs positive proof, since a wrong one could repeat a submission.
   *
   * @param failure what the client threw, or completed its future with
   * @param uri where the request went; only its host and port appear in the message
   * @param timeout the request's timeout, named in the message of a timeout
   * @param links what each exception of the chain means for this client
   * @return the exception to throw, or to complete a future with
   */
  public static TransportException classify(
      Throwable failure, URI uri, Duration timeout, LinkClassifier links) {
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(links, "links");
    Throwable cause = unwrap(failure);
    if (cause instanceof TransportException te) {
      return te;
    }
    return failure(kindOf(cause, links), cause, uri, timeout);
  }

  /**
   * The exception of a given kind with the standard message for it: the host, what the chain said
   * (the first message in it, or its class names), and for a timeout the timeout.
   *
   * @param kind how the exchange failed
   * @param cause what the client threw; kept as the cause
   * @param uri where the request went; only its host and port appear in the message
   * @param timeout the request's timeout, named in the message of a timeout
   */
  public static TransportException failure(Kind kind, Throwable cause, URI uri, Duration timeout) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cause, "cause");
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

  /**
   * A {@link Kind#TIMEOUT} for an answer that was not complete within the request's timeout, when
   * the transport's own deadline (not the client) noticed it.
   */
  public static TransportException timedOut(URI uri, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return new TransportException(Kind.TIMEOUT, timeoutMessage(uri, timeout), null);
  }

  /**
   * A {@link Kind#CANCELLED} for a call the caller abandoned (interrupted, cancelled, transport
   * closed). A transport that throws it to an interrupted caller restores the interrupt flag first.
   *
   * @param why what happened, for a person: "the calling thread is interrupted"
   */
  public static TransportException cancelled(URI uri, String why) {
    Objects.requireNonNull(why, "why");
    return new TransportException(
        Kind.CANCELLED, "The request to " + host(uri) + " was cancelled: " + why, null);
  }

  /**
   * A {@link Kind#CONNECT_FAILED} for a request refused before a byte of it was sent (an invalid
   * header, no free thread in time), which core may safely retry or report.
   *
   * @param why what was wrong, for a person; must not quote a header value, which may be a key
   * @param cause the underlying exception, or {@code null} when its message would leak a secret
   */
  public static TransportException notSent(URI uri, String why, @Nullable Throwable cause) {
    Objects.requireNonNull(why, "why");
    return new TransportException(
        Kind.CONNECT_FAILED, "The request to " + host(uri) + " was not sent: " + why, cause);
  }

  /**
   * A {@link Kind#CONNECT_FAILED} for a request whose {@linkplain
   * dev.apimart.core.port.RequestBody#isStreamed() streamed body} could not be read to its declared
   * length (the source failed, or gave fewer or more bytes than declared). Part of the body may
   * already be on the wire, but the transport drops the connection before the {@code
   * Content-Length} is reached, so the server never receives a complete request and cannot have
   * acted on it: "not sent", as for a refused connection.
   *
   * @param cause what reading the body threw; its message names no header and no body content
   */
  public static TransportException bodyNotSent(URI uri, Throwable cause) {
    Objects.requireNonNull(cause, "cause");
    return new TransportException(
        Kind.CONNECT_FAILED,
        "The request to "
            + host(uri)
            + " was not sent: its body could not be read ("
            + describe(cause)
            + ")",
        cause);
  }

  /**
   * {@code host:port} of a URI, without user info, path or query: signed download URLs carry
   * secrets in their query.
   */
  public static String host(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String host = uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
    return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
  }

  /**
   * Whether the caller gave up: an {@link InterruptedException} or {@link CancellationException}.
   */
  public static boolean isCancellation(Throwable link) {
    return link instanceof InterruptedException || link instanceof CancellationException;
  }

  /**
   * Whether the JDK says no connection was made, so the request cannot have been sent: refused,
   * unreachable, a host name that does not resolve, or a failed TLS handshake — including a server
   * that does not speak TLS at all (an {@code https} URL to a plain-http server: the JDK reports
   * "Unsupported or unrecognized SSL message", or, when the server stays silent, a read timeout
   * thrown from inside {@code SSLSocket.startHandshake}, which clients such as {@code
   * HttpURLConnection} call before writing a byte of the request).
   */
  public static boolean isConnectFailure(Throwable link) {
    return link instanceof ConnectException
        || link instanceof NoRouteToHostException
        || link instanceof UnknownHostException
        || link instanceof UnresolvedAddressException
        || link instanceof SSLHandshakeException
        || isTlsProtocolMismatch(link)
        || thrownDuringTlsHandshake(link);
  }

  /** The JDK's words for a first answer that is not a TLS record (a plain-http server). */
  private static boolean isTlsProtocolMismatch(Throwable link) {
    if (!(link instanceof SSLException)) {
      return false;
    }
    String m = String.valueOf(link.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("unrecognized ssl message") || m.contains("plaintext connection");
  }

  /**
   * An I/O failure (a read timeout, a reset) raised while a blocking TLS handshake was under way:
   * the request comes only after the handshake, so it was not sent.
   */
  private static boolean thrownDuringTlsHandshake(Throwable link) {
    if (!(link instanceof java.io.IOException)) {
      return false;
    }
    for (StackTraceElement frame : link.getStackTrace()) {
      if (frame.getMethodName().equals("startHandshake")
          && frame.getClassName().startsWith("sun.security.ssl.")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the connection broke while the exchange was under way: an {@link EOFException}, or a
   * message the JDK's socket and HTTP client use for it ("Connection reset", "Broken pipe",
   * "closed", "end of stream", "received no bytes", "fixed content-length: 100, bytes received:
   * 10"…).
   */
  public static boolean isConnectionLost(Throwable link) {
    if (link instanceof EOFException) {
      return true;
    }
    String message = link.getMessage();
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

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static Kind kindOf(Throwable failure, LinkClassifier links) {
    boolean timeout = false;
    boolean lost = false;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
      Kind kind = links.kindOf(t);
      if (kind == Kind.CANCELLED || kind == Kind.CONNECT_FAILED) {
        return kind;
      }
      if (kind == Kind.TIMEOUT) {
        timeout = true;
      } else if (kind == Kind.CONNECTION_LOST) {
        lost = true;
      }
    }
    if (timeout) {
      return Kind.TIMEOUT;
    }
    return lost ? Kind.CONNECTION_LOST : Kind.OTHER;
  }

  private static String timeoutMessage(URI uri, Duration timeout) {
    return "No complete answer from " + host(uri) + " within " + timeout;
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
