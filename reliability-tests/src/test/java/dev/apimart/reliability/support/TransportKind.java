package dev.apimart.reliability.support;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.transport.feign.FeignTransport;
import dev.apimart.transport.jdkhttp.JdkHttpTransport;
import feign.Client;
import java.net.http.HttpClient;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The transports every reliability test runs against. Adding a transport is one line here: how to
 * build it with its defaults, how to build it trusting a test certificate (for the https download
 * tests), and how often it silently repeats a GET whose connection closed before any byte of the
 * answer arrived.
 *
 * <p>That last number is a finding, not a preference. Both HTTP stacks treat such a close as a
 * stale keep-alive connection and send a GET once more on their own, invisible to the SDK's retry
 * engine and budget, so the server sees twice the SDK's attempts: {@code java.net.http} ({@code
 * MultiExchange}, {@code ConnectionExpiredException}) and {@code HttpURLConnection} under Feign's
 * default client. Neither repeats the submission POST — unless the JVM runs with {@code
 * -Djdk.httpclient.enableAllMethodRetry} (java.net.http), which would silently repeat submissions
 * too; Feign's transport streams a POST with a fixed length, which keeps {@code HttpURLConnection}
 * from repeating it.
 */
public enum TransportKind {
  JDK(
      JdkHttpTransport::create,
      ssl ->
          JdkHttpTransport.builder()
              .httpClient(
                  HttpClient.newBuilder()
                      .sslContext(ssl)
                      .followRedirects(HttpClient.Redirect.NEVER)
                      .build())
              .build(),
      1),
  FEIGN(
      FeignTransport::create,
      ssl ->
          FeignTransport.builder().client(new Client.Default(ssl.getSocketFactory(), null)).build(),
      1);

  private final Supplier<HttpTransport> plain;
  private final Function<SSLContext, HttpTransport> trusting;
  private final int silentGetRepeats;

  TransportKind(
      Supplier<HttpTransport> plain,
      Function<SSLContext, HttpTransport> trusting,
      int silentGetRepeats) {
    this.plain = plain;
    this.trusting = trusting;
    this.silentGetRepeats = silentGetRepeats;
  }

  /**
   * How many times the transport itself repeats a GET whose connection closed before any byte of
   * the answer arrived (see the class documentation).
   */
  public int silentGetRepeats() {
    return silentGetRepeats;
  }

  /** A new transport with the defaults its provider would use. */
  public HttpTransport create() {
    return plain.get();
  }

  /** A new transport that trusts the certificates of this SSL context (and no redirects). */
  public HttpTransport trusting(SSLContext ssl) {
    return trusting.apply(ssl);
  }
}
