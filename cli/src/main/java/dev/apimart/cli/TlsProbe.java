package dev.apimart.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Before anything is sent to an {@code https} base URL on this machine or the local network, checks
 * that the server answers a TLS handshake within {@link #BUDGET}. A plain-http server (the fake, a
 * dev server) given an {@code https://} URL reads the ClientHello as the start of a request line
 * and stays silent, so without this the command would wait for the client's connect and read
 * timeouts — half a minute, times the retries — before saying anything. On such a network a real
 * TLS server answers in milliseconds; a public host is not probed, since its network may be slow.
 */
final class TlsProbe {

  static final Duration BUDGET = Duration.ofSeconds(2);

  private TlsProbe() {}

  /** The problem to report, or empty when the server speaks TLS or is not probed. */
  static Optional<String> check(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
    if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      return Optional.empty();
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(uri.getHost());
    } catch (UnknownHostException e) {
      return Optional.empty(); // the request says so in its own words
    }
    if (!(address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress())) {
      return Optional.empty();
    }
    int port = uri.getPort() > 0 ? uri.getPort() : 443;
    String where = uri.getHost() + ":" + port;
    int budget = (int) BUDGET.toMillis();
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(address, port), budget);
      plain.setSoTimeout(budget);
      SSLContext context = SSLContext.getDefault();
      try (SSLSocket tls =
          (SSLSocket) context.getSocketFactory().createSocket(plain, uri.getHost(), port, false)) {
        tls.startHandshake();
      }
      return Optional.empty();
    } catch (SocketTimeoutException e) {
      return Optional.of(
          notTls(uri, where, "no answer to a TLS handshake within " + Durations.words(BUDGET)));
    } catch (SSLException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("unrecognized ssl message") || m.contains("plaintext")) {
        return Optional.of(notTls(uri, where, "it answered a TLS handshake with something else"));
      }
      return Optional
          .empty(); // a TLS server after all (e.g. a certificate problem): the request tells
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return Optional.empty(); // refused and the like: the request reports it, as quickly
    }
  }

  private static String notTls(URI uri, String where, String why) {
    String http = "http" + uri.toString().substring("https".length());
    return "--base-url: "
        + where
        + " does not speak TLS ("
        + why
        + "); is it a plain http server? try --base-url "
        + http;
  }
}
