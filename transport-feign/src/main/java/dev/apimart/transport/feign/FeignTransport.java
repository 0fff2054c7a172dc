package dev.apimart.transport.feign;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.RequestBody;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.core.port.support.DaemonThreads;
import dev.apimart.core.port.support.TransportFailures;
import dev.apimart.transport.feign.internal.AsyncExchange;
import dev.apimart.transport.feign.internal.FeignFailures;
import dev.apimart.transport.feign.internal.LengthCheckingInputStream;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link HttpTransport} over any {@link feign.Client}: Feign's default client ({@code
 * HttpURLConnection}), {@code feign-okhttp}, {@code feign-hc5}, {@code feign-java11} or a client
 * your application already configured (proxy, TLS, connection pool, metrics).
 *
 * <pre>{@code
 * ApiMartClient client = ApiMartClient.builder()
 *     .apiKey(key)
 *     .transport(FeignTransport.builder().client(new feign.okhttp.OkHttpClient()).build())
 *     .build();
 * }</pre>
 *
 * <p>Only the {@code Client} is used: the transport calls {@link Client#execute} directly, so
 * Feign's {@code Retryer}, encoders, decoders, interceptors and error decoders are not involved —
 * core owns retries, JSON and error mapping. Retries built into the HTTP library itself (OkHttp's
 * {@code retryOnConnectionFailure}, Apache HC5's retry strategy) stay as you configured them.
 *
 * <p>Behaviour that core relies on:
 *
 * <ul>
 *   <li>Timeouts go through {@link Request.Options} per request: the connect timeout of the
 *       builder, and the request's timeout as read timeout. A buffered answer must also be complete
 *       within the request's timeout (checked as it arrives, with a backstop shortly after the
 *       timeout for a body that stalls); a streaming answer is timed only until its headers.
 *   <li>Redirects are never followed ({@code followRedirects=false}); core decides.
 *   <li>Feign cannot stream a request body: its {@link Request} carries the body as one {@code
 *       byte[]}. A {@linkplain RequestBody#isStreamed() streamed} body (an upload) is therefore
 *       read into one array of exactly its length before the request goes out, so a 20 MB upload
 *       needs 20 MB of heap with this transport (the JDK transport streams it). A source that fails
 *       ends the call with kind {@code CONNECT_FAILED}, nothing sent, its stream closed.
 *   <li>A body shorter than its {@code Content-Length} fails with kind {@code CONNECTION_LOST}
 *       instead of passing as complete.
 *   <li>Every call, {@link #execute} included, runs the blocking client on an executor — by default
 *       a bounded pool of daemon threads owned by the transport, or one you pass (virtual threads
 *       suit it on JDK 21+) — so the caller can always be interrupted: it gets kind {@code
 *       CANCELLED} at once, with its interrupt flag kept. Cancelling or interrupting interrupts the
 *       worker (the Java 11 client stops at once; {@code HttpURLConnection}, OkHttp and Apache HC5
 *       finish the read they are blocked in), and an answer that comes too late is closed.
 * </ul>
 *
 * <p>Thread-safe, as long as the {@code Client} is (Feign's clients are).
 */
public final class FeignTransport implements HttpTransport {

  private static final Logger LOG = LoggerFactory.getLogger(FeignTransport.class);

  /**
   * Headers the HTTP libraries set themselves; some refuse them, others would send them twice.
   * {@code Content-Length} is set from the body: {@code HttpURLConnection} then streams the body
   * with a fixed length, which also keeps it from silently re-sending a POST.
   */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  /**
   * Every call holds a thread of the executor while the blocking client waits for its answer; the
   * bound keeps a burst from creating threads without limit (more calls wait in a queue), and idle
   * threads end after a minute.
   */
  private static final int DEFAULT_THREADS = 32;

  /** How long after its timeout a call is failed if the client has not ended it by then. */
  private static final Duration DEADLINE_GRACE = Duration.ofMillis(200);

  private final Client client;
  private final Executor executor;
  private final @Nullable ExecutorService ownExecutor;
  private final long connectTimeoutMillis;
  private volatile Request.@Nullable Options lastOptions;
  private volatile boolean closed;

  private FeignTransport(
      Client client,
      Executor executor,
      @Nullable ExecutorService ownExecutor,
      Duration connectTimeout) {
    this.client = client;
    this.executor = executor;
    this.ownExecutor = ownExecutor;
    this.connectTimeoutMillis = Math.max(1, connectTimeout.toMillis());
  }

  /** A transport over Feign's default client, with 10 seconds to connect. */
  public static FeignTransport create() {
    return builder().build();
  }

  /** A transport over Feign's default client with these settings. */
  public static FeignTransport create(TransportSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return builder().connectTimeout(settings.connectTimeout()).build();
  }

  /** Starts building a transport. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public TransportResponse execute(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    if (Thread.currentThread().isInterrupted()) {
      throw TransportFailures.cancelled(request.uri(), "the calling thread is interrupted");
    }
    // The blocking client runs on the executor even here, so that an interrupt reaches the
    // caller at once: HttpURLConnection and Apache HC5 do not notice one while they read.
    CompletableFuture<TransportResponse> future = executeAsync(request);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      // The answer may have won the race against cancel(): release it.
      future.thenAccept(TransportResponse::close);
      Thread.currentThread().interrupt();
      throw TransportFailures.cancelled(request.uri(), "interrupted while waiting for the answer");
    } catch (ExecutionException e) {
      TransportException failure =
          FeignFailures.classify(e.getCause(), false, request.uri(), request.timeout());
      // A fresh exception, so the stack trace shows the caller rather than a worker thread.
      throw new TransportException(failure.kind(), failure.getMessage(), failure.getCause());
    }
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    try {
      checkOpen(request);
    } catch (TransportException e) {
      return CompletableFuture.failedFuture(e);
    }
    AsyncExchange exchange = new AsyncExchange(() -> send(request));
    // A backstop behind the client's own timeouts, which lets them speak first: it ends a body
    // that stalls where the client has no read timeout, and a wait for a free thread.
    exchange.expireAfter(
        request.timeout().plus(DEADLINE_GRACE),
        () ->
            TransportFailures.notSent(
                request.uri(),
                "no thread of the transport's executor was free within the request's timeout",
                null),
        () -> TransportFailures.timedOut(request.uri(), request.timeout()));
    try {
      executor.execute(exchange);
    } catch (RejectedExecutionException e) {
      exchange.abandon(
          TransportFailures.cancelled(
              request.uri(), "the executor refused the request (shut down?)"));
    }
    return exchange.result();
  }

  private void checkOpen(TransportRequest request) {
    if (closed) {
      throw TransportFailures.cancelled(request.uri(), "the feign transport is closed");
    }
  }

  /** The blocking exchange, run by the executor. */
  private TransportResponse send(TransportRequest request) {
    URI uri = request.uri();
    if (Thread.currentThread().isInterrupted()) {
      throw TransportFailures.cancelled(uri, "the calling thread is interrupted");
    }
    Request feignRequest = toFeignRequest(request);
    long deadline = System.nanoTime() + request.timeout().toNanos();
    Response response;
    try {
      response = client.execute(feignRequest, options(request.timeout()));
    } catch (IOException | RuntimeException e) {
      throw FeignFailures.classify(
          e, Thread.currentThread().isInterrupted(), uri, request.timeout());
    }
    if (Thread.currentThread().isInterrupted()) {
      // The client did not notice the interrupt (HttpURLConnection does not): honour it now.
      response.close();
      throw TransportFailures.cancelled(uri, "interrupted while waiting for the answer");
    }
    try {
      return request.streaming()
          ? streaming(request, response)
          : buffered(request, response, deadline);
    } catch (IOException | RuntimeException e) {
      response.close();
      throw FeignFailures.classify(
          e, Thread.currentThread().isInterrupted(), uri, request.timeout());
    }
  }

  private static TransportResponse streaming(TransportRequest request, Response response)
      throws IOException {
    Map<String, List<String>> headers = headers(response);
    Response.Body body = response.body();
    if (body == null) {
      response.close();
      return new TransportResponse(response.status(), headers, InputStream.nullInputStream());
    }
    InputStream in =
        new LengthCheckingInputStream(
            body.asInputStream(),
            announcedLength(request, response.status(), headers),
            response::close);
    return new TransportResponse(response.status(), headers, in);
  }

  private static TransportResponse buffered(
      TransportRequest request, Response response, long deadline) throws IOException {
    Map<String, List<String>> headers = headers(response);
    Response.Body body = response.body();
    if (body == null) {
      response.close();
      return TransportResponse.of(response.status(), headers, new byte[0]);
    }
    long announced = announcedLength(request, response.status(), headers);
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(announced > 0 && announced < 1 << 24 ? (int) announced : 8192);
    try (InputStream in =
        new LengthCheckingInputStream(body.asInputStream(), announced, () -> {})) {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        // A read timeout bounds each read; this bounds a body that trickles in.
        if (System.nanoTime() - deadline > 0) {
          throw TransportFailures.timedOut(request.uri(), request.timeout());
        }
        if (Thread.currentThread().isInterrupted()) {
          throw TransportFailures.cancelled(request.uri(), "interrupted while reading the answer");
        }
      }
    } finally {
      response.close();
    }
    return TransportResponse.of(response.status(), headers, out.toByteArray());
  }

  private Request toFeignRequest(TransportRequest request) {
    Request.HttpMethod method;
    try {
      method = Request.HttpMethod.valueOf(request.method());
    } catch (IllegalArgumentException e) {
      throw TransportFailures.notSent(
          request.uri(), "method '" + request.method() + "' is not an HTTP method", null);
    }
    // Feign's own templates use a case-insensitive map; clients look headers up either way.
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      String name = header.getKey();
      if (RESTRICTED_HEADERS.contains(name)) {
        LOG.debug("Skipping header '{}': the HTTP client sets it itself", name);
        continue;
      }
      if (!isToken(name) || !header.getValue().stream().allMatch(FeignTransport::isFieldValue)) {
        // Never quote the value: it may be the API key.
        throw TransportFailures.notSent(
            request.uri(), "header '" + name + "' has a name or value HTTP forbids", null);
      }
      headers.put(name, header.getValue());
    }
    byte[] body = bodyBytes(request);
    if (body != null) {
      headers.put("Content-Length", List.of(Integer.toString(body.length)));
    }
    // No charset: Feign then marks the body binary, and clients send its bytes as they are.
    // With one, feign-hc5 decodes the bytes as text and encodes them again, which mangles an
    // image (a 300 KB binary body arrived as 556 KB).
    return Request.create(method, request.uri().toString(), headers, body, null, null);
  }

  /**
   * The body as the one array {@link Request} can carry: Feign's {@code Request.Body} wraps a
   * {@code byte[]} and {@link Client#execute} takes nothing else, so a streamed body (an upload) is
   * read here, on the worker thread, into a single array of exactly its length — that, not the
   * file, is what an upload costs in heap with this transport. A body that cannot be read ends the
   * call as "not sent": nothing has been sent yet.
   */
  private static byte @Nullable [] bodyBytes(TransportRequest request) {
    RequestBody body = request.body();
    if (body == null) {
      return null;
    }
    try {
      return body.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw TransportFailures.bodyNotSent(request.uri(), e);
    }
  }

  private Request.Options options(Duration timeout) {
    long readMillis = Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    Request.Options options = lastOptions;
    // Requests almost always share one timeout; reuse the Options instead of building one each.
    if (options == null || options.readTimeoutMillis() != readMillis) {
      options =
          new Request.Options(
              connectTimeoutMillis,
              TimeUnit.MILLISECONDS,
              readMillis,
              TimeUnit.MILLISECONDS,
              false);
      lastOptions = options;
    }
    return options;
  }

  private static Map<String, List<String>> headers(Response response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    return headers;
  }

  /** The {@code Content-Length} a body must reach, or -1 when there is nothing to check. */
  private static long announcedLength(
      TransportRequest request, int status, Map<String, List<String>> headers) {
    if ("HEAD".equals(request.method()) || status == 204 || status == 304 || status < 200) {
      return -1;
    }
    String length = null;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-encoding")) {
        return -1; // some clients decompress, so the announced length is not what is read
      }
      if (name.equals("content-length") && !header.getValue().isEmpty()) {
        length = header.getValue().get(0);
      }
    }
    try {
      return length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isFieldValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String name() {
    return "feign";
  }

  /**
   * Shuts down the executor this transport created, interrupting exchanges still running on it and
   * failing queued ones with kind {@code CANCELLED}. A client or executor passed to the builder is
   * left alone. Further calls fail with kind {@code CANCELLED}. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownExecutor != null) {
      for (Runnable never : ownExecutor.shutdownNow()) {
        if (never instanceof AsyncExchange exchange) {
          exchange.abandon(
              new TransportException(
                  TransportException.Kind.CANCELLED,
                  "The feign transport was closed before the request was sent",
                  null));
        }
      }
    }
  }

  @Override
  public String toString() {
    return "FeignTransport[client="
        + client.getClass().getName()
        + ", executor="
        + (ownExecutor == null ? "passed in" : "own")
        + (closed ? ", closed" : "")
        + "]";
  }

  /** Builds a {@link FeignTransport}. Not thread-safe. */
  public static final class Builder {

    private @Nullable Client client;
    private @Nullable Executor executor;
    private int threads = DEFAULT_THREADS;
    private boolean threadsSet;
    private Duration connectTimeout = TransportSettings.defaults().connectTimeout();

    private Builder() {}

    /**
     * The Feign client to send through; {@code new Client.Default(null, null)} by default. Pass the
     * one your application already configured: only its {@code execute} method is used.
     */
    public Builder client(Client client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Runs the calls, synchronous and asynchronous; each one blocks a thread while it waits for its
     * answer. By default the transport creates a pool of at most 32 daemon threads and shuts it
     * down on close; an executor passed here is never shut down by the transport. A call that finds
     * no free thread within its timeout fails as not sent.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The most threads the transport's own pool runs, 32 by default: at most this many calls are in
     * flight, the rest wait. Not allowed together with {@link #executor}.
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      this.threadsSet = true;
      return this;
    }

    /**
     * How long to wait for a connection, passed to the client per request; 10 seconds by default.
     */
    public Builder connectTimeout(Duration connectTimeout) {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * Builds the transport.
     *
     * @throws IllegalStateException when both an executor and a thread count were given
     */
    public FeignTransport build() {
      Client c = client == null ? new Client.Default(null, null) : client;
      if (executor != null) {
        if (threadsSet) {
          throw new IllegalStateException(
              "threads(…) sizes the transport's own pool; size the executor passed to"
                  + " executor(…) instead");
        }
        return new FeignTransport(c, executor, null, connectTimeout);
      }
      ExecutorService own = DaemonThreads.boundedPool("apimart-feign", threads);
      return new FeignTransport(c, own, own, connectTimeout);
    }
  }
}
