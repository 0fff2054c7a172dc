package dev.apimart.reliability.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A scripted image host on loopback, plain or TLS: each path answers as a test says (an image, a
 * redirect, a body cut short, a body without a length). Records every request with its headers.
 * What the testkit's fake does not do — redirects, https, chunked bodies of any size — lives here.
 */
public final class CdnServer implements AutoCloseable {

  /** How one path answers. */
  @FunctionalInterface
  public interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  /** One request the server received. */
  public record Received(String path, @Nullable String query, Map<String, List<String>> headers) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4, CdnServer::daemon);
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Received> received = new ArrayList<>();
  private final String scheme;

  private CdnServer(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A plain http server. */
  public static CdnServer http() {
    try {
      return new CdnServer(HttpServer.create(loopback(), 50), "http");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An https server with the test certificate ({@link Tls}). */
  public static CdnServer https() {
    try {
      HttpsServer server = HttpsServer.create(loopback(), 50);
      SSLContext context = Tls.context();
      server.setHttpsConfigurator(new HttpsConfigurator(context));
      return new CdnServer(server, "https");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** The URL of a path (with an optional query), e.g. {@code url("/a.png?sig=x")}. */
  public URI url(String pathAndQuery) {
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  /** Scripts a path. */
  public CdnServer on(String path, Answer answer) {
    answers.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(answer, "answer"));
    return this;
  }

  /** Every request received, in order. */
  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** How many requests a path received. */
  public long requests(String path) {
    return received().stream().filter(r -> r.path().equals(path)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    synchronized (received) {
      received.add(
          new Received(
              path,
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders())));
    }
    try (exchange) {
      Answer answer = answers.get(path);
      if (answer == null) {
        send(
            exchange,
            404,
            "text/plain",
            "no such file".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } else {
        answer.answer(exchange);
      }
    }
  }

  // ---------------------------------------------------------------- answers

  /** The bytes with a {@code Content-Length} and this content type ({@code null}: none). */
  public static Answer body(@Nullable String contentType, byte[] bytes) {
    return exchange -> send(exchange, 200, contentType, bytes);
  }

  /** The bytes without a length (chunked), so only counting them can enforce a limit. */
  public static Answer chunked(@Nullable String contentType, byte[] bytes) {
    return exchange -> {
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int offset = 0; offset < bytes.length; offset += 4096) {
          out.write(bytes, offset, Math.min(4096, bytes.length - offset));
        }
      }
    };
  }

  /** Announces all the bytes, sends the first {@code sent}, then drops the connection. */
  public static Answer truncated(String contentType, byte[] bytes, int sent) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, bytes.length);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes, 0, sent);
      out.flush();
      // Closing the exchange now (in handle) ends the connection short of the announced length.
    };
  }

  /** A redirect with this status to {@code location} ({@code null}: no Location header). */
  public static Answer redirect(int status, @Nullable String location) {
    return exchange -> {
      if (location != null) {
        exchange.getResponseHeaders().set("Location", location);
      }
      exchange.sendResponseHeaders(status, -1);
    };
  }

  private static void send(
      HttpExchange exchange, int status, @Nullable String contentType, byte[] bytes)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "cdn-server");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
