package dev.apimart.benchmarks.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal loopback ApiMart for cold-start measurements: every submission is answered with the
 * same fixed task id, from constant bytes. Unlike {@code FakeApiMart} it loads neither Jackson nor
 * the SDK's model classes, so a cold client in the same JVM pays for its own class loading.
 */
public final class StubApi implements AutoCloseable {

  static {
    // The JDK server delays small writes (Nagle) unless told otherwise: 40 ms per answer.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The key it expects (it only checks one is sent). */
  public static final String API_KEY = "sk-stub-0123456789";

  private static final byte[] SUBMITTED =
      "{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"task_01JCOLDSTART\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "benchmark-stub-api");
            t.setDaemon(true);
            return t;
          });

  /** Starts on a free loopback port. */
  public StubApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/images/generations", StubApi::submitted);
    server.setExecutor(executor);
    server.start();
  }

  /** E.g. {@code http://127.0.0.1:40123}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void submitted(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      boolean authorized = exchange.getRequestHeaders().getFirst("Authorization") != null;
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (!authorized || !exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(authorized ? 405 : 401, -1);
        return;
      }
      exchange.sendResponseHeaders(200, SUBMITTED.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(SUBMITTED);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
