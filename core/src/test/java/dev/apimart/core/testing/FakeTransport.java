package dev.apimart.core.testing;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An in-memory {@link HttpTransport}: per route ({@code "GET /v1/tasks/t1"}, the path without
 * query), a queue of scripted replies; otherwise an optional handler; otherwise it fails the test
 * loudly. Records every request. Async calls complete before they return.
 */
public final class FakeTransport implements HttpTransport {

  /** Produces one answer, or throws a {@link TransportException}. */
  @FunctionalInterface
  public interface Reply {
    TransportResponse respond(TransportRequest request);
  }

  private final Map<String, Deque<Reply>> scripts = new HashMap<>();
  private final List<TransportRequest> requests = new ArrayList<>();
  private volatile Function<TransportRequest, TransportResponse> handler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final String name;

  public FakeTransport() {
    this("fake");
  }

  public FakeTransport(String name) {
    this.name = name;
  }

  // -------------------------------------------------------------------- replies

  public static Reply json(int status, String body) {
    return reply(status, Map.of("content-type", List.of("application/json")), body);
  }

  public static Reply reply(int status, Map<String, List<String>> headers, String body) {
    return bytes(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply bytes(int status, Map<String, List<String>> headers, byte[] body) {
    return request -> TransportResponse.of(status, headers, body);
  }

  /** A body that breaks off with an I/O error after {@code goodBytes}. */
  public static Reply breaking(int status, Map<String, List<String>> headers, byte[] goodBytes) {
    return request ->
        new TransportResponse(
            status,
            headers,
            new InputStream() {
              private final ByteArrayInputStream in = new ByteArrayInputStream(goodBytes);

              @Override
              public int read() throws IOException {
                int b = in.read();
                if (b < 0) {
                  throw new IOException("connection reset");
                }
                return b;
              }

              @Override
              public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n < 0) {
                  throw new IOException("connection reset");
                }
                return n;
              }
            });
  }

  public static Reply fail(TransportException.Kind kind) {
    return request -> {
      throw new TransportException(
          kind, "simulated " + kind + " to " + request.uri().getHost(), null);
    };
  }

  // -------------------------------------------------------------------- scripting

  /** Appends replies for a route, e.g. {@code on("GET", "/v1/tasks/t1", ...)}. */
  public synchronized FakeTransport on(String method, String path, Reply... replies) {
    Deque<Reply> queue = scripts.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
    queue.addAll(List.of(replies));
    return this;
  }

  /** Answers everything not scripted. */
  public FakeTransport handler(Function<TransportRequest, TransportResponse> handler) {
    this.handler = handler;
    return this;
  }

  public synchronized List<TransportRequest> requests() {
    return List.copyOf(requests);
  }

  public synchronized long count(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.uri().getPath().equals(path))
        .count();
  }

  public boolean isClosed() {
    return closed.get();
  }

  // -------------------------------------------------------------------- port

  @Override
  public TransportResponse execute(TransportRequest request) {
    Reply reply;
    synchronized (this) {
      requests.add(request);
      Deque<Reply> queue = scripts.get(request.method() + " " + request.uri().getPath());
      reply = queue == null ? null : queue.poll();
    }
    if (reply != null) {
      return reply.respond(request);
    }
    Function<TransportRequest, TransportResponse> h = handler;
    if (h != null) {
      return h.apply(request);
    }
    throw new AssertionError("Unscripted request: " + request);
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    try {
      return CompletableFuture.completedFuture(execute(request));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
