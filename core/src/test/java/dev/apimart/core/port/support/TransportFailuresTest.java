package dev.apimart.core.port.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransportFailuresTest {

  static final URI URI_WITH_SECRETS =
      URI.create("https://user:pw@cdn.example.com:8443/img/a.png?X-Signature=s3cr3t");

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A client whose own timeout exception the classifier knows, as a transport's would. */
  static final class ClientTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientTimeoutException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What a transport over the JDK's exceptions and one timeout type of its client would write. */
  static Kind link(Throwable t) {
    if (TransportFailures.isCancellation(t)) {
      return Kind.CANCELLED;
    }
    if (TransportFailures.isConnectFailure(t)) {
      return Kind.CONNECT_FAILED;
    }
    if (t instanceof ClientTimeoutException) {
      return Kind.TIMEOUT;
    }
    return TransportFailures.isConnectionLost(t) ? Kind.CONNECTION_LOST : null;
  }

  static TransportException classify(Throwable failure) {
    return TransportFailures.classify(
        failure, URI_WITH_SECRETS, TIMEOUT, TransportFailuresTest::link);
  }

  static <T extends Throwable> T causedBy(T outer, Throwable cause) {
    outer.initCause(cause);
    return outer;
  }

  @Test
  void theJdksConnectFailuresMeanNotSent() {
    for (Throwable t :
        List.of(
            new ConnectException("Connection refused"),
            new NoRouteToHostException("No route to host"),
            new UnknownHostException("cdn.example.com"),
            new UnresolvedAddressException(),
            new SSLHandshakeException("PKIX path building failed"))) {
      assertThat(TransportFailures.isConnectFailure(t)).as(t.toString()).isTrue();
      TransportException e = classify(t);
      assertThat(e.kind()).as(t.toString()).isEqualTo(Kind.CONNECT_FAILED);
      assertThat(e.kind().maybeSent()).isFalse();
      assertThat(e.getMessage()).endsWith("the request was not sent");
    }
    assertThat(TransportFailures.isConnectFailure(new SocketTimeoutException("connect timed out")))
        .as("a timeout is the client's to interpret")
        .isFalse();
  }

  @Test
  void unresolvableHostIsExplainedPlainly() {
    TransportException e =
        classify(causedBy(new ConnectException(), new UnresolvedAddressException()));

    assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED);
    assertThat(e.getMessage())
        .isEqualTo(
            "Could not connect to cdn.example.com:8443 (the host name could not be resolved);"
                + " the request was not sent");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Connection reset",
        "Connection reset by peer",
        "Broken pipe",
        "Socket closed",
        "unexpected end of stream on http://x/...",
        "EOF reached while reading",
        "HTTP/1.1 header parser received no bytes",
        "fixed content-length: 100, bytes received: 10"
      })
  void brokenConnectionMessagesMeanConnectionLost(String message) {
    TransportException e = classify(new SocketException(message));

    assertThat(e.kind()).isEqualTo(Kind.CONNECTION_LOST);
    assertThat(e.kind().maybeSent()).isTrue();
    assertThat(e.getMessage())
        .isEqualTo(
            "The connection to cdn.example.com:8443 broke before the answer was complete"
                + " (SocketException: "
                + message
                + ")");
  }

  @Test
  void endOfFileWithoutMessageIsConnectionLost() {
    assertThat(TransportFailures.isConnectionLost(new EOFException())).isTrue();
    assertThat(TransportFailures.isConnectionLost(new IOException())).isFalse();
    assertThat(TransportFailures.isConnectionLost(new IOException("protocol error"))).isFalse();
  }

  @Test
  void cancellationAndInterruptionAreCancelled() {
    assertThat(classify(new CancellationException()).kind()).isEqualTo(Kind.CANCELLED);
    assertThat(classify(new IOException(new InterruptedException())).kind())
        .isEqualTo(Kind.CANCELLED);
    assertThat(classify(new CancellationException()).getMessage())
        .isEqualTo("The request to cdn.example.com:8443 was cancelled");
    assertThat(classify(new CancellationException()).isTransient()).isFalse();
  }

  @Test
  void theFirstDecisiveLinkWins() {
    // An interrupt that surfaced as a refused connection is still the caller giving up.
    assertThat(
            classify(
                    causedBy(
                        new IOException("x"),
                        causedBy(new CancellationException(), new ConnectException())))
                .kind())
        .isEqualTo(Kind.CANCELLED);
    assertThat(
            classify(
                    causedBy(
                        new IOException("x"),
                        causedBy(new ConnectException(), new InterruptedException())))
                .kind())
        .isEqualTo(Kind.CONNECT_FAILED);
    // A decisive link deeper in the chain outweighs evidence nearer the top.
    assertThat(
            classify(causedBy(new SocketException("Connection reset"), new ConnectException()))
                .kind())
        .isEqualTo(Kind.CONNECT_FAILED);
  }

  @Test
  void timeoutWinsOverTheBrokenConnectionItCaused() {
    Throwable t = new ClientTimeoutException("read timed out", new EOFException());
    Throwable reversed =
        causedBy(new SocketException("Connection reset"), new ClientTimeoutException("t", null));

    assertThat(classify(t).kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(classify(reversed).kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(classify(t).getMessage())
        .isEqualTo("No complete answer from cdn.example.com:8443 within PT30S");
  }

  @Test
  void anythingElseIsOtherAndTreatedAsMaybeSent() {
    TransportException e = classify(new IOException("protocol error"));

    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.kind().maybeSent()).isTrue();
    assertThat(e.getMessage())
        .isEqualTo("The request to cdn.example.com:8443 failed (IOException: protocol error)");
  }

  @Test
  void withoutAnyMessageTheChainsClassesAreNamed() {
    TransportException e = classify(new IOException(new IllegalStateException()));

    // IOException(cause) takes its cause's toString as message.
    assertThat(e.getMessage()).contains("IOException: java.lang.IllegalStateException");
    assertThat(classify(causedBy(new IOException(), new IllegalStateException())).getMessage())
        .isEqualTo(
            "The request to cdn.example.com:8443 failed (IOException caused by"
                + " IllegalStateException)");
  }

  @Test
  void futureWrappersAreLookedThroughAndTheRealCauseKept() {
    Throwable wrapped =
        new CompletionException(new ExecutionException(new ConnectException("refused")));

    TransportException e = classify(wrapped);

    assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED);
    assertThat(e.getCause()).isInstanceOf(ConnectException.class);
  }

  @Test
  void theClassifierIsAskedAboutEveryLinkOutermostFirst() {
    List<String> asked = new ArrayList<>();
    Throwable chain =
        new RuntimeException("wrapper", new IOException("middle", new EOFException("inner")));

    Kind kind =
        TransportFailures.classify(
                new CompletionException(chain),
                URI_WITH_SECRETS,
                TIMEOUT,
                t -> {
                  asked.add(t.getMessage());
                  return link(t);
                })
            .kind();

    assertThat(kind).isEqualTo(Kind.CONNECTION_LOST);
    assertThat(asked).containsExactly("wrapper", "middle", "inner");
  }

  @Test
  void transportExceptionsPassThroughUnchanged() {
    TransportException original = new TransportException(Kind.TIMEOUT, "x", null);

    assertThat(classify(new CompletionException(original))).isSameAs(original);
    assertThat(classify(original)).isSameAs(original);
  }

  @Test
  void aCyclicCauseChainDoesNotLoop() {
    IOException a = new IOException("a");
    IOException b = new IOException("b", a);
    a.initCause(b);

    assertThat(classify(a).kind()).isEqualTo(Kind.OTHER);
  }

  @Test
  void messagesNameTheHostButNotUserInfoPathOrQuery() {
    List<TransportException> all =
        List.of(
            classify(new ConnectException("refused")),
            classify(new SocketException("Connection reset")),
            classify(new IOException("x")),
            TransportFailures.timedOut(URI_WITH_SECRETS, TIMEOUT),
            TransportFailures.cancelled(URI_WITH_SECRETS, "interrupted"),
            TransportFailures.notSent(URI_WITH_SECRETS, "bad header", null));

    for (TransportException e : all) {
      assertThat(e.getMessage())
          .contains("cdn.example.com:8443")
          .doesNotContain("s3cr3t")
          .doesNotContain("pw")
          .doesNotContain("/img");
    }
  }

  @Test
  void theDeadlineCancellationAndRefusalExceptionsSayWhatHappened() {
    TransportException timedOut =
        TransportFailures.timedOut(URI_WITH_SECRETS, Duration.ofMillis(300));
    TransportException cancelled =
        TransportFailures.cancelled(URI_WITH_SECRETS, "the calling thread is interrupted");
    IllegalArgumentException why = new IllegalArgumentException("no");
    TransportException notSent = TransportFailures.notSent(URI_WITH_SECRETS, "bad method", why);

    assertThat(timedOut.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(timedOut.getMessage())
        .isEqualTo("No complete answer from cdn.example.com:8443 within PT0.3S");
    assertThat(cancelled.kind()).isEqualTo(Kind.CANCELLED);
    assertThat(cancelled.getMessage())
        .isEqualTo(
            "The request to cdn.example.com:8443 was cancelled: the calling thread is interrupted");
    assertThat(notSent.kind()).isEqualTo(Kind.CONNECT_FAILED);
    assertThat(notSent.getMessage())
        .isEqualTo("The request to cdn.example.com:8443 was not sent: bad method");
    assertThat(notSent.getCause()).isSameAs(why);
  }

  @Test
  void hostKeepsThePortOnlyWhenThereIsOne() {
    assertThat(TransportFailures.host(URI.create("https://api.apimart.ai/v1/x?k=v")))
        .isEqualTo("api.apimart.ai");
    assertThat(TransportFailures.host(URI.create("http://127.0.0.1:8080/a")))
        .isEqualTo("127.0.0.1:8080");
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(
            () -> TransportFailures.classify(new IOException(), URI_WITH_SECRETS, TIMEOUT, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("links");
    assertThatThrownBy(() -> TransportFailures.classify(null, URI_WITH_SECRETS, TIMEOUT, t -> null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("failure");
    assertThatThrownBy(() -> TransportFailures.notSent(URI_WITH_SECRETS, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("why");
  }

  @Test
  void anHttpsUrlToAPlainHttpServerIsNotSent() {
    // What the JDK throws when the first answer to a ClientHello is not a TLS record.
    javax.net.ssl.SSLException mismatch =
        new javax.net.ssl.SSLException(
            "Unsupported or unrecognized SSL message", new IOException("plaintext"));

    TransportException e = classify(new IOException("wrapped", mismatch));

    assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED);
    assertThat(e.kind().maybeSent()).isFalse();
  }

  @Test
  void aReadTimeoutInsideTheTlsHandshakeIsNotSentButOneAfterItIsATimeout() {
    SocketTimeoutException duringHandshake = new SocketTimeoutException("Read timed out");
    duringHandshake.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("sun.nio.ch.NioSocketImpl", "read", null, 1),
          new StackTraceElement("sun.security.ssl.SSLSocketImpl", "startHandshake", null, 1),
          new StackTraceElement("sun.net.www.protocol.https.HttpsClient", "afterConnect", null, 1)
        });
    SocketTimeoutException afterIt = new SocketTimeoutException("Read timed out");
    afterIt.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("sun.nio.ch.NioSocketImpl", "read", null, 1),
          new StackTraceElement("sun.security.ssl.SSLSocketImpl$AppInputStream", "read", null, 1)
        });

    assertThat(TransportFailures.isConnectFailure(duringHandshake)).isTrue();
    assertThat(TransportFailures.isConnectFailure(afterIt)).isFalse();
    assertThat(TransportFailures.isConnectFailure(new javax.net.ssl.SSLException("Tag mismatch")))
        .as("a TLS error after the handshake may follow a sent request")
        .isFalse();
  }
}
