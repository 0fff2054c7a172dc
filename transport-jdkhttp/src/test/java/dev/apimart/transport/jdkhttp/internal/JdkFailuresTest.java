package dev.apimart.transport.jdkhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * What {@code java.net.http}'s exceptions mean. The cause-chain walk, the messages and the JDK's
 * socket exceptions are core's {@code TransportFailures}, tested there.
 */
class JdkFailuresTest {

  static final URI URI_WITH_SECRETS =
      URI.create("https://user:pw@cdn.example.com:8443/img/a.png?X-Signature=s3cr3t");

  static TransportException classify(Throwable t) {
    return JdkFailures.classify(t, URI_WITH_SECRETS, Duration.ofSeconds(30));
  }

  static <T extends Throwable> T causedBy(T outer, Throwable cause) {
    outer.initCause(cause);
    return outer;
  }

  @Test
  void connectTimeoutMeansNotSentAlthoughItIsATimeoutException() {
    assertThat(classify(new HttpConnectTimeoutException("HTTP connect timed out")).kind())
        .isEqualTo(Kind.CONNECT_FAILED);
  }

  @Test
  void requestTimeoutMeansMaybeSent() {
    TransportException e = classify(new HttpTimeoutException("request timed out"));

    assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(e.getMessage()).contains("cdn.example.com:8443").contains("PT30S");
  }

  @Test
  void theJdksConnectFailuresMeanNotSent() {
    TransportException e =
        classify(causedBy(new ConnectException(), new UnresolvedAddressException()));

    assertThat(e.kind()).isEqualTo(Kind.CONNECT_FAILED);
    assertThat(e.getMessage()).contains("host name could not be resolved");
    assertThat(classify(new SSLHandshakeException("PKIX path building failed")).kind())
        .isEqualTo(Kind.CONNECT_FAILED);
    assertThat(classify(new CompletionException(new ConnectException("refused"))).kind())
        .isEqualTo(Kind.CONNECT_FAILED);
  }

  @Test
  void brokenConnectionsAreConnectionLost() {
    assertThat(classify(new EOFException()).kind()).isEqualTo(Kind.CONNECTION_LOST);
    assertThat(classify(new SocketException("Connection reset")).kind())
        .isEqualTo(Kind.CONNECTION_LOST);
    assertThat(
            classify(
                    causedBy(
                        new IOException("HTTP/1.1 header parser received no bytes"),
                        new IOException("Connection reset by peer")))
                .kind())
        .isEqualTo(Kind.CONNECTION_LOST);
    assertThat(classify(new IOException("fixed content-length: 100, bytes received: 10")).kind())
        .isEqualTo(Kind.CONNECTION_LOST);
  }

  @Test
  void timeoutWinsOverTheBrokenConnectionItCaused() {
    Throwable t = causedBy(new HttpTimeoutException("request timed out"), new EOFException());

    assertThat(classify(t).kind()).isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void cancellationAndInterruptionAreCancelled() {
    assertThat(classify(new CancellationException()).kind()).isEqualTo(Kind.CANCELLED);
    assertThat(classify(new IOException(new InterruptedException())).kind())
        .isEqualTo(Kind.CANCELLED);
  }

  @Test
  void anythingElseIsOtherAndTreatedAsMaybeSent() {
    TransportException e = classify(new IOException("protocol error"));

    assertThat(e.kind()).isEqualTo(Kind.OTHER);
    assertThat(e.kind().maybeSent()).isTrue();
  }

  @Test
  void interruptedCallerNamesTheHostOnly() {
    InterruptedException cause = new InterruptedException();
    TransportException e = JdkFailures.interrupted(URI_WITH_SECRETS, cause);

    assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
    assertThat(e.getMessage()).isEqualTo("Interrupted while waiting for cdn.example.com:8443");
    assertThat(e.getCause()).isSameAs(cause);
  }
}
