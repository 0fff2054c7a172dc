package dev.apimart.transport.feign.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FeignFailuresTest {

  static final URI URI_WITH_SECRETS =
      URI.create("https://user:pw@cdn.example.com:8443/img/a.png?X-Signature=s3cr3t");

  /** Named like Apache HC5's, which the transport cannot see at compile time. */
  static final class ConnectTimeoutException extends InterruptedIOException {
    ConnectTimeoutException(String message) {
      super(message);
    }
  }

  /** Named like Apache HC5's "target server failed to respond". */
  static final class NoHttpResponseException extends IOException {
    NoHttpResponseException(String message) {
      super(message);
    }
  }

  static Kind kind(Throwable t) {
    return classify(t).kind();
  }

  static TransportException classify(Throwable t) {
    return FeignFailures.classify(t, false, URI_WITH_SECRETS, Duration.ofSeconds(30));
  }

  @Test
  void connectFailuresOfEveryClientMeanNotSent() {
    assertThat(kind(new ConnectException("Connection refused"))).isEqualTo(Kind.CONNECT_FAILED);
    assertThat(kind(new UnknownHostException("cdn.example.com"))).isEqualTo(Kind.CONNECT_FAILED);
    // HttpURLConnection and OkHttp time out connecting with a SocketTimeoutException.
    assertThat(kind(new SocketTimeoutException("Connect timed out")))
        .isEqualTo(Kind.CONNECT_FAILED);
    // Apache HC5: an InterruptedIOException subclass whose name says what it is.
    assertThat(kind(new ConnectTimeoutException("Connect to http://x failed: Read timed out")))
        .isEqualTo(Kind.CONNECT_FAILED);
    // feign-java11 passes java.net.http's on.
    assertThat(kind(new HttpConnectTimeoutException("HTTP connect timed out")))
        .isEqualTo(Kind.CONNECT_FAILED);
  }

  @Test
  void readTimeoutsOfEveryClientAreTimeouts() {
    assertThat(kind(new SocketTimeoutException("Read timed out"))).isEqualTo(Kind.TIMEOUT);
    assertThat(kind(new SocketTimeoutException("timeout"))).isEqualTo(Kind.TIMEOUT);
    assertThat(kind(new InterruptedIOException("timeout"))).isEqualTo(Kind.TIMEOUT);
    assertThat(kind(new HttpTimeoutException("request timed out"))).isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void brokenConnectionsOfEveryClientAreConnectionLost() {
    assertThat(kind(new SocketException("Unexpected end of file from server")))
        .isEqualTo(Kind.CONNECTION_LOST);
    assertThat(kind(new SocketException("Connection reset"))).isEqualTo(Kind.CONNECTION_LOST);
    assertThat(
            kind(new IOException("unexpected end of stream on http://x/...", new EOFException())))
        .isEqualTo(Kind.CONNECTION_LOST);
    assertThat(kind(new ProtocolException("unexpected end of stream")))
        .isEqualTo(Kind.CONNECTION_LOST);
    assertThat(kind(new NoHttpResponseException("x failed to respond")))
        .isEqualTo(Kind.CONNECTION_LOST);
    assertThat(kind(new IOException("Premature end of Content-Length delimited message body")))
        .isEqualTo(Kind.CONNECTION_LOST);
  }

  @Test
  void theCauseChainIsReadWhereverAClientWrapped() {
    Throwable wrapped =
        new CompletionException(
            new RuntimeException("feign wrapper", new IOException(new ConnectException())));

    assertThat(kind(wrapped)).isEqualTo(Kind.CONNECT_FAILED);
  }

  @Test
  void interruptionWinsOverWhatTheSocketSaid() {
    assertThat(
            FeignFailures.classify(
                    new SocketTimeoutException("Read timed out"),
                    true,
                    URI_WITH_SECRETS,
                    Duration.ofSeconds(1))
                .kind())
        .isEqualTo(Kind.CANCELLED);
    // feign-java11 wraps the InterruptedException it caught.
    assertThat(kind(new IOException(new InterruptedException()))).isEqualTo(Kind.CANCELLED);
    // Okio's way of saying the thread was interrupted.
    assertThat(kind(new InterruptedIOException("interrupted"))).isEqualTo(Kind.CANCELLED);
  }

  @Test
  void anythingElseIsOther() {
    assertThat(kind(new IllegalArgumentException("bad"))).isEqualTo(Kind.OTHER);
    assertThat(kind(new IOException("protocol error"))).isEqualTo(Kind.OTHER);
  }

  @Test
  void messagesNameTheHostButNotUserInfoPathOrQuery() {
    TransportException e = classify(new SocketTimeoutException("Read timed out"));

    assertThat(e.getMessage())
        .isEqualTo("No complete answer from cdn.example.com:8443 within PT30S")
        .doesNotContain("s3cr3t");
  }
}
