package dev.apimart.testkit.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 server on loopback, at the socket level, for the faults a well-behaved server
 * (such as {@link dev.apimart.testkit.FakeApiMart} on {@code com.sun.net.httpserver}) cannot
 * produce: a connection reset, a connection closed without an answer, a body shorter than its
 * {@code Content-Length}, a body that stalls halfway, an answer held back until the test {@link
 * #release() releases} it. It records every request and notices when a client gives up on a
 * connection. {@link HttpTransportContract} uses it; a transport's own tests can too.
 *
 * <pre>{@code
 * try (RawHttpServer server = RawHttpServer.start(RawHttpServer.reset())) {
 *   TransportException e = assertThrows(TransportException.class,
 *       () -> transport.execute(TransportRequest.builder()
 *           .method("POST")
 *           .uri(server.uri("/v1/images/generations"))
 *           .body(RequestBody.ofBytes(body, "application/json"))
 *           .timeout(timeout)
 *           .build()));
 *   assertEquals(TransportException.Kind.CONNECTION_LOST, e.kind());
 * }
 * }</pre>
 *
 * <p>Every connection carries one exchange: the server reads a request (head and body, with a
 * {@code Content-Length} or chunked), records it, runs the {@link Script} and closes the
 * connection; {@link #answer answers} say {@code Connection: close}. Connections are served at the
 * same time, each on a daemon thread of its own. Plain HTTP/1.1 only: a client's {@code h2c}
 * upgrade is answered in HTTP/1.1, which clients accept. Closing the server closes every connection
 * and ends every wait.
 */
public final class RawHttpServer implements AutoCloseable {

  /** How long {@link #awaitRequest()} waits; generous, since the machine may be busy. */
  private static final Duration REQUEST_WAIT = Duration.ofSeconds(10);

  /** How long a held script waits for {@link #release()} before it goes on anyway. */
  private static final Duration LONGEST_HOLD = Duration.ofSeconds(60);

  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** What to do with a connection whose request has been read. */
  @FunctionalInterface
  public interface Script {

    /**
     * Answers, or misbehaves on, one exchange. The connection is closed when this returns.
     *
     * @throws IOException when the client went away; it ends the connection quietly
     */
    void run(Exchange exchange) throws IOException;
  }

  /**
   * A request as the server read it.
   *
   * @param method the method, as sent
   * @param path the request target, as sent ({@code /v1/tasks/t1?x=y})
   * @param headers header names in lower case to their values, in the order sent
   * @param body the body, empty when there was none
   */
  public record Request(
      String method, String path, Map<String, List<String>> headers, byte[] body) {

    /** Copies everything. */
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.forEach(
          (name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      headers = Collections.unmodifiableMap(copy);
      body = body.clone();
    }

    /** The body; a copy. */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /** The first value of a header, case-insensitive, or {@code null}. */
    public @Nullable String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
      return "Request[" + method + " " + path + ", " + body.length + " bytes of body]";
    }
  }

  /** One connection with its request read, for a {@link Script} to answer. */
  public static final class Exchange {
    private final RawHttpServer server;
    private final Socket socket;
    private final Request request;

    private Exchange(RawHttpServer server, Socket socket, Request request) {
      this.server = server;
      this.socket = socket;
      this.request = request;
    }

    /** The request the client sent. */
    public Request request() {
      return request;
    }

    /** Writes bytes to the client at once (flushed). */
    public void send(byte[] bytes) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
    }

    /** Writes text, such as a status line and headers, as ISO-8859-1 bytes. */
    public void send(String text) throws IOException {
      send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Resets the connection: the client gets a TCP RST rather than an orderly close. */
    public void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    /** Waits until the test calls {@link RawHttpServer#release()} or closes the server. */
    public void awaitRelease() {
      try {
        server.release.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * Reads and drops whatever the client sends until it closes or resets the connection, then lets
     * {@link RawHttpServer#awaitClientClose} know. Returns without telling when the server closes
     * first.
     */
    public void awaitClientClose() {
      try {
        socket.setSoTimeout(0);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        while (in.read(buffer) != -1) {
          // Nothing more is expected; drop it.
        }
      } catch (IOException e) {
        // A reset is the client giving up too, unless the server is the one closing.
      }
      if (!server.closed) {
        server.clientClosed.countDown();
      }
    }
  }

  private final ServerSocket serverSocket;
  private final Script script;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final CountDownLatch firstRequest = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch clientClosed = new CountDownLatch(1);
  private final AtomicInteger connectionCount = new AtomicInteger();
  private volatile boolean closed;

  private RawHttpServer(Script script) throws IOException {
    this.script = script;
    this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "raw-http-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts a server on a free loopback port that runs {@code script} for every request.
   *
   * @throws UncheckedIOException when no port can be bound
   */
  public static RawHttpServer start(Script script) {
    Objects.requireNonNull(script, "script");
    try {
      return new RawHttpServer(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The absolute {@code http://} URI of a path on this server. */
  public URI uri(String path) {
    Objects.requireNonNull(path, "path");
    InetAddress address = serverSocket.getInetAddress();
    String host =
        address instanceof Inet6Address
            ? "[" + address.getHostAddress() + "]"
            : address.getHostAddress();
    return URI.create("http://" + host + ":" + serverSocket.getLocalPort() + path);
  }

  /**
   * The first request, waiting up to 10 seconds for it.
   *
   * @throws AssertionError when none arrives
   */
  public Request awaitRequest() {
    try {
      if (!firstRequest.await(REQUEST_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("no request reached the server within " + REQUEST_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a request", e);
    }
    return requests.get(0);
  }

  /** Every request read so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * Waits until a client closed or reset a connection that a script was {@linkplain
   * Exchange#awaitClientClose() watching} ({@link #neverAnswer()}, {@link #stallBody()}).
   *
   * @return whether it did within {@code within}
   */
  public boolean awaitClientClose(Duration within) throws InterruptedException {
    return clientClosed.await(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets scripts held in {@link Exchange#awaitRelease()} go on. */
  public void release() {
    release.countDown();
  }

  /** Stops accepting, closes every open connection and ends every wait. Idempotent. */
  @Override
  public void close() {
    closed = true;
    release();
    try {
      serverSocket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }

  @Override
  public String toString() {
    return "RawHttpServer[" + uri("") + ", " + requests.size() + " requests]";
  }

  // ------------------------------------------------------------------ scripts

  /**
   * Answers with a status, a UTF-8 body and the given header name/value pairs (plus {@code
   * Content-Length} and {@code Connection: close}).
   */
  public static Script answer(int status, String body, String... headerPairs) {
    Objects.requireNonNull(body, "body");
    if (headerPairs.length % 2 != 0) {
      throw new IllegalArgumentException("headerPairs must be name/value pairs");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean bodiless = status < 200 || status == 204 || status == 304;
    if (bodiless && bytes.length > 0) {
      throw new IllegalArgumentException("a " + status + " answer has no body");
    }
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Status\r\n");
    for (int i = 0; i < headerPairs.length; i += 2) {
      head.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
    }
    if (!bodiless) {
      head.append("Content-Length: ").append(bytes.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    String headText = head.toString();
    return exchange -> {
      exchange.send(headText);
      exchange.send(bytes);
    };
  }

  /** Closes the connection without a byte of answer (an orderly close: FIN). */
  public static Script closeWithoutAnswer() {
    return exchange -> {};
  }

  /** Resets the connection (RST) instead of answering. */
  public static Script reset() {
    return Exchange::reset;
  }

  /** Announces a body of 100 bytes, sends 10 and closes the connection. */
  public static Script truncatedBody() {
    return exchange ->
        exchange.send(
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n"
                + "Connection: close\r\n\r\n0123456789");
  }

  /**
   * Announces a body of 20 bytes, sends 10 and then nothing more, until the client closes the
   * connection (noted for {@link #awaitClientClose}) or the server is closed.
   */
  public static Script stallBody() {
    return exchange -> {
      exchange.send(
          "HTTP/1.1 200 OK\r\nContent-Length: 20\r\nContent-Type: application/octet-stream\r\n\r\n");
      exchange.send(new byte[10]);
      exchange.awaitClientClose();
    };
  }

  /**
   * Never answers: waits until the client closes the connection (noted for {@link
   * #awaitClientClose}) or the server is closed.
   */
  public static Script neverAnswer() {
    return Exchange::awaitClientClose;
  }

  /** Holds the exchange until the test {@link #release() releases} it, then runs {@code then}. */
  public static Script afterRelease(Script then) {
    Objects.requireNonNull(then, "then");
    return exchange -> {
      exchange.awaitRelease();
      then.run(exchange);
    };
  }

  // ------------------------------------------------------------------ serving

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.add(socket);
      if (closed) {
        closeQuietly(socket);
        return;
      }
      Thread connection =
          new Thread(() -> serve(socket), "raw-http-server-" + connectionCount.incrementAndGet());
      connection.setDaemon(true);
      connection.start();
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout((int) REQUEST_WAIT.toMillis());
      Request request = readRequest(socket);
      if (request == null) {
        return; // the client closed the connection before sending a request
      }
      requests.add(request);
      firstRequest.countDown();
      script.run(new Exchange(this, socket, request));
    } catch (IOException e) {
      // The client went away or the test is over: both end this connection.
    } finally {
      connections.remove(socket);
    }
  }

  private static @Nullable Request readRequest(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String head = readHead(in);
    if (head == null) {
      return null;
    }
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    if (requestLine.length < 2) {
      throw new IOException("not an HTTP request line: " + lines[0]);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
    }
    if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    byte[] body;
    String length = first(headers, "content-length");
    if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
      body = readChunked(in);
    } else if (length != null) {
      int n = Integer.parseInt(length.strip());
      body = in.readNBytes(n);
      if (body.length < n) {
        throw new IOException("the request body ended after " + body.length + " of " + n);
      }
    } else {
      body = new byte[0];
    }
    return new Request(requestLine[0], requestLine[1], headers, body);
  }

  /** The request head up to the blank line, or {@code null} when the stream ends first. */
  private static @Nullable String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      last4 = (last4 << 8) | b;
      if (last4 == 0x0d0a0d0a) {
        byte[] bytes = head.toByteArray();
        return new String(bytes, 0, bytes.length - 4, StandardCharsets.ISO_8859_1);
      }
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("request head larger than " + MAX_HEAD_BYTES + " bytes");
      }
    }
    return null;
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // Trailers: ignored.
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new IOException("a chunk of the request body ended early");
      }
      body.write(chunk);
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    if (b == -1) {
      throw new IOException("the request ended in the middle of a line");
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
