package dev.apimart.transport.feign;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny HTTP/1.1 server on loopback for transport tests: answers with the handler a test sets,
 * records every request, and can hold an answer back until the test {@link #release() releases} it
 * (so timeouts are exercised without sleeping).
 */
final class LoopbackServer implements AutoCloseable {

  /** Answers one exchange. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** A request as the server saw it. */
  record Recorded(String method, String path, Headers headers, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch received = new CountDownLatch(1);
  private volatile Handler handler = answer(200, "ok");

  private LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(
                new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(),
                    body));
            received.countDown();
            handler.handle(exchange);
          }
        });
    server.start();
  }

  static LoopbackServer start() {
    try {
      return new LoopbackServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Absolute URI of a path on this server. */
  URI uri(String path) {
    return URI.create(
        "http://"
            + server.getAddress().getHostString()
            + ":"
            + server.getAddress().getPort()
            + path);
  }

  LoopbackServer handler(Handler handler) {
    this.handler = handler;
    return this;
  }

  /** The next recorded request, waiting up to 5 seconds. */
  Recorded takeRequest() {
    Recorded r;
    try {
      r = requests.poll(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a request", e);
    }
    if (r == null) {
      throw new AssertionError("no request reached the server");
    }
    return r;
  }

  /** Requests recorded so far and not yet taken. */
  int pendingRequests() {
    return requests.size();
  }

  /** Waits until the first request has reached the handler. */
  void awaitRequest() throws InterruptedException {
    if (!received.await(5, TimeUnit.SECONDS)) {
      throw new AssertionError("no request reached the server");
    }
  }

  /** Lets handlers blocked in {@link #awaitRelease()} go on. */
  void release() {
    release.countDown();
  }

  /** Blocks a handler until the test releases it or the server closes. */
  void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Handler answer(int status, String body, String... headerPairs) {
    return exchange -> {
      for (int i = 0; i < headerPairs.length; i += 2) {
        exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    };
  }

  /** Sends headers and a first part of the body, waits for release, then sends the rest. */
  Handler twoParts(byte[] first, byte[] rest) {
    return exchange -> {
      exchange.sendResponseHeaders(200, first.length + rest.length);
      OutputStream out = exchange.getResponseBody();
      out.write(first);
      out.flush();
      awaitRelease();
      out.write(rest);
    };
  }

  /** Holds the answer back until release. */
  Handler hang() {
    return exchange -> {
      awaitRelease();
      exchange.sendResponseHeaders(200, -1);
    };
  }

  static Map<String, List<String>> headers(String... pairs) {
    Map<String, List<String>> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return map;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
