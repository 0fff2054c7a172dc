package dev.apimart.transport.jdkhttp;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.RequestBody;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.core.port.support.DaemonThreads;
import dev.apimart.core.port.support.TransportFailures;
import dev.apimart.transport.jdkhttp.internal.BodyStreams;
import dev.apimart.transport.jdkhttp.internal.DeadlineBodySubscriber;
import dev.apimart.transport.jdkhttp.internal.JdkFailures;
import dev.apimart.transport.jdkhttp.internal.RequestLimiter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link HttpTransport} over the JDK's {@link HttpClient}: no dependency beyond the JDK, true
 * asynchronous calls through {@link HttpClient#sendAsync}, HTTP/2 with fallback to HTTP/1.1.
 *
 * <pre>{@code
 * ApiMartClient client = ApiMartClient.builder()
 *     .apiKey(key)
 *     .transport(JdkHttpTransport.create())
 *     .build();
 *
 * // or with an HttpClient you configured (proxy, SSL context, executor…); it stays yours:
 * JdkHttpTransport transport = JdkHttpTransport.builder().httpClient(myHttpClient).build();
 * }</pre>
 *
 * <p>Behaviour that core relies on:
 *
 * <ul>
 *   <li>Redirects are never followed by the client this transport builds; core decides. A client
 *       passed in is used as configured, so give it {@link HttpClient.Redirect#NEVER} too.
 *   <li>The request timeout covers the whole exchange of a buffered request (headers through the
 *       {@link HttpRequest#timeout() JDK's request timeout}, the body through a deadline of the
 *       remaining time), and the headers of a streaming request.
 *   <li>Headers the JDK sets itself ({@code host}, {@code content-length}, {@code connection},
 *       {@code expect}, {@code upgrade}) are skipped rather than refused.
 *   <li>A body goes out with its {@code Content-Length}, never chunked. A {@linkplain
 *       RequestBody#isStreamed() streamed} body (an upload) is read from a fresh stream of its
 *       source each time it is sent, a buffer at a time, so its size does not weigh on the heap; a
 *       source that fails or gives the wrong number of bytes ends the call with kind {@code
 *       CONNECT_FAILED} ("not sent": the connection is dropped before the declared length, so the
 *       server never has a complete request), and every stream opened on it is closed when the call
 *       ends, however it ends.
 *   <li>Cancelling a future from {@link #executeAsync} aborts the exchange; an interrupted caller
 *       of {@link #execute} gets kind {@code CANCELLED} with its interrupt flag restored.
 *   <li>At most {@link Builder#maxConcurrentRequests} asynchronous exchanges are in flight at once
 *       (64 by default); more wait in a queue, holding no thread, as the JDK client would otherwise
 *       open a connection for each.
 * </ul>
 *
 * <p>Thread-safe. Build one per application and close it with the client that owns it.
 */
public final class JdkHttpTransport implements HttpTransport {

  private static final Logger LOG = LoggerFactory.getLogger(JdkHttpTransport.class);

  /** Headers {@code java.net.http} sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  /**
   * Enough for the client's own short tasks: {@code HttpClient} does its I/O on a selector thread
   * and hands completed answers to callers on the common pool.
   */
  private static final int DEFAULT_THREADS = 4;

  /** Asynchronous exchanges in flight at once unless configured (see the builder). */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

  /** {@code HttpClient.shutdownNow()} from JDK 21 on; {@code null} on JDK 17 to 20. */
  private static final @Nullable MethodHandle SHUTDOWN_NOW = findShutdownNow();

  private final HttpClient client;
  private final HttpClient.@Nullable Version version;
  private final @Nullable ExecutorService ownExecutor;
  private final RequestLimiter limiter;
  private volatile boolean closed;

  private JdkHttpTransport(
      HttpClient client,
      HttpClient.@Nullable Version version,
      @Nullable ExecutorService ownExecutor,
      int maxConcurrentRequests) {
    this.client = client;
    this.version = version;
    this.ownExecutor = ownExecutor;
    this.limiter = new RequestLimiter(maxConcurrentRequests);
    if (repeatsEveryMethod(System::getProperty)) {
      LOG.warn(
          "System property {} is set: java.net.http may silently re-send a POST whose connection"
              + " closed before an answer, which can submit (and bill) an image generation twice."
              + " Remove the property; the SDK decides itself when a submission may be repeated.",
          ALL_METHOD_RETRY);
    }
  }

  static final String ALL_METHOD_RETRY = "jdk.httpclient.enableAllMethodRetry";

  /**
   * Whether the JDK's HTTP client is configured to repeat non-idempotent requests on its own (it
   * treats the property as true when present with any value but {@code false}).
   */
  static boolean repeatsEveryMethod(java.util.function.UnaryOperator<String> properties) {
    String value = properties.apply(ALL_METHOD_RETRY);
    return value != null && !value.strip().equalsIgnoreCase("false");
  }

  /** A transport with its own client: HTTP/2 falling back to HTTP/1.1, 10 seconds to connect. */
  public static JdkHttpTransport create() {
    return builder().build();
  }

  /** A transport with its own client and these settings. */
  public static JdkHttpTransport create(TransportSettings settings) {
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
    checkOpen(request);
    if (Thread.currentThread().isInterrupted()) {
      throw JdkFailures.interrupted(request.uri(), null);
    }
    BodyStreams bodyStreams = bodyStreams(request);
    HttpRequest httpRequest = toHttpRequest(request, bodyStreams);
    // send(), not sendAsync().get(): the JDK completes sendAsync's future on another thread (a new
    // one per call where the common pool has a single thread), which a blocked caller need not pay.
    try {
      if (request.streaming()) {
        return streamed(client.send(httpRequest, BodyHandlers.ofInputStream()));
      }
      return buffered(client.send(httpRequest, bufferedWithin(request.timeout())));
    } catch (InterruptedException e) {
      // send() has cancelled the exchange already.
      Thread.currentThread().interrupt();
      throw JdkFailures.interrupted(request.uri(), e);
    } catch (IOException | RuntimeException e) {
      throw failure(e, request, bodyStreams);
    } finally {
      if (bodyStreams != null) {
        bodyStreams.closeAll();
      }
    }
  }

  private static @Nullable BodyStreams bodyStreams(TransportRequest request) {
    RequestBody body = request.body();
    return body != null && sentAsStream(body) ? new BodyStreams(body) : null;
  }

  /**
   * A failed exchange; one whose body could not be read is "not sent": the JDK drops the connection
   * before the declared length, so the server never had a complete request.
   */
  private static TransportException failure(
      Throwable e, TransportRequest request, @Nullable BodyStreams bodyStreams) {
    IOException bodyFailure = bodyStreams == null ? null : bodyStreams.failure();
    if (bodyFailure != null && !(e instanceof InterruptedException)) {
      return TransportFailures.bodyNotSent(request.uri(), bodyFailure);
    }
    return JdkFailures.classify(e, request.uri(), request.timeout());
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    HttpRequest httpRequest;
    BodyStreams bodyStreams = bodyStreams(request);
    try {
      checkOpen(request);
      httpRequest = toHttpRequest(request, bodyStreams);
    } catch (TransportException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<TransportResponse> result =
        limiter.submit(() -> start(request, httpRequest, bodyStreams));
    if (bodyStreams != null) {
      result.whenComplete((response, failure) -> bodyStreams.closeAll());
    }
    return result;
  }

  /** Starts an exchange that holds one of the limiter's permits. */
  private CompletableFuture<TransportResponse> start(
      TransportRequest request, HttpRequest httpRequest, @Nullable BodyStreams bodyStreams) {
    if (closed) {
      // Closed while it waited for a permit.
      return CompletableFuture.failedFuture(closedFailure(request));
    }
    if (request.streaming()) {
      return sendAsync(
          request,
          httpRequest,
          bodyStreams,
          BodyHandlers.ofInputStream(),
          JdkHttpTransport::streamed);
    }
    return sendAsync(
        request,
        httpRequest,
        bodyStreams,
        bufferedWithin(request.timeout()),
        JdkHttpTransport::buffered);
  }

  /**
   * Collects the body; the JDK's request timeout stops when the headers arrive, so the body gets a
   * deadline of its own: what is left of the request's timeout.
   */
  private static BodyHandler<byte[]> bufferedWithin(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return info -> new DeadlineBodySubscriber(deadline - System.nanoTime());
  }

  private static TransportResponse streamed(HttpResponse<InputStream> response) {
    return new TransportResponse(response.statusCode(), response.headers().map(), response.body());
  }

  private static TransportResponse buffered(HttpResponse<byte[]> response) {
    return TransportResponse.of(response.statusCode(), response.headers().map(), response.body());
  }

  private <T> CompletableFuture<TransportResponse> sendAsync(
      TransportRequest request,
      HttpRequest httpRequest,
      @Nullable BodyStreams bodyStreams,
      BodyHandler<T> handler,
      Function<HttpResponse<T>, TransportResponse> toResponse) {
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    CompletableFuture<HttpResponse<T>> exchange;
    try {
      exchange = client.sendAsync(httpRequest, handler);
    } catch (RuntimeException e) {
      // A client that was shut down, or a request it refuses before sending.
      return CompletableFuture.failedFuture(failure(e, request, bodyStreams));
    }
    exchange.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure(failure, request, bodyStreams));
          } else if (!result.complete(toResponse.apply(response))
              && response.body() instanceof InputStream body) {
            // Cancelled meanwhile: nobody will read this body.
            closeQuietly(body);
          }
        });
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            exchange.cancel(true);
          }
        });
    return result;
  }

  private void checkOpen(TransportRequest request) {
    if (closed) {
      throw closedFailure(request);
    }
  }

  private static TransportException closedFailure(TransportRequest request) {
    return new TransportException(
        TransportException.Kind.CANCELLED,
        "The jdk transport is closed; the request to "
            + TransportFailures.host(request.uri())
            + " was not sent",
        null);
  }

  private HttpRequest toHttpRequest(TransportRequest request, @Nullable BodyStreams bodyStreams) {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
    } catch (IllegalArgumentException e) {
      throw TransportFailures.notSent(request.uri(), "the URI is not an http or https URI", e);
    }
    if (version != null) {
      builder.version(version);
    }
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      String name = header.getKey();
      if (RESTRICTED_HEADERS.contains(name)) {
        LOG.debug("Skipping header '{}': java.net.http sets it itself", name);
        continue;
      }
      for (String value : header.getValue()) {
        try {
          builder.header(name, value);
        } catch (IllegalArgumentException e) {
          // The JDK's message quotes the value, which may be the API key: leave it out.
          throw TransportFailures.notSent(
              request.uri(), "header '" + name + "' has a name or value HTTP forbids", null);
        }
      }
    }
    RequestBody body = request.body();
    try {
      builder.method(request.method(), publisher(body, bodyStreams));
    } catch (IllegalArgumentException e) {
      throw TransportFailures.notSent(
          request.uri(), "method '" + request.method() + "' is not allowed", e);
    }
    return builder.build();
  }

  /** In-memory bodies above this are handed to the HTTP client in pulled chunks too. */
  private static final int STREAMED_BODY_BYTES = 1024 * 1024;

  /** Whether a body goes to the HTTP client through a stream rather than as one array. */
  private static boolean sentAsStream(RequestBody body) {
    return body.contentLength() > 0
        && (body.isStreamed() || body.contentLength() > STREAMED_BODY_BYTES);
  }

  /**
   * The body's publisher. A streamed body (an upload) is pulled from a fresh stream of its source,
   * a buffer at a time, with its {@code Content-Length} declared (never chunked), so the heap holds
   * a few buffers whatever its size; so is a large in-memory body, since {@code ofByteArray} lets
   * java.net.http queue copies of it faster than the socket drains them (a 20 MB body peaked near
   * three times its size).
   */
  private static HttpRequest.BodyPublisher publisher(
      @Nullable RequestBody body, @Nullable BodyStreams bodyStreams) {
    if (body == null || body.contentLength() == 0) {
      return HttpRequest.BodyPublishers.noBody();
    }
    if (bodyStreams == null) {
      try {
        return HttpRequest.BodyPublishers.ofByteArray(body.toByteArray());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e); // an in-memory body does not fail
      }
    }
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(bodyStreams::open), body.contentLength());
  }

  @Override
  public String name() {
    return "jdk";
  }

  /**
   * Closes the client and executor this transport built, aborting exchanges still running on them
   * (on JDK 21+ through {@code HttpClient.shutdownNow()}; {@code HttpClient.close()} would wait for
   * every exchange, an unread download included). A client passed to the builder stays open.
   * Further calls fail with kind {@code CANCELLED}. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownExecutor == null) {
      return;
    }
    if (SHUTDOWN_NOW != null) {
      try {
        SHUTDOWN_NOW.invoke(client);
      } catch (Throwable e) {
        LOG.debug("HttpClient.shutdownNow() failed", e);
      }
    }
    ownExecutor.shutdown();
  }

  @Override
  public String toString() {
    return "JdkHttpTransport[version="
        + (version == null ? client.version() : version)
        + ", client="
        + (ownExecutor == null ? "passed in" : "own")
        + (closed ? ", closed" : "")
        + "]";
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Abandoned body: nothing left to do with it.
    }
  }

  private static @Nullable MethodHandle findShutdownNow() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(HttpClient.class, "shutdownNow", MethodType.methodType(void.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  /** Builds a {@link JdkHttpTransport}. Not thread-safe. */
  public static final class Builder {

    private @Nullable HttpClient httpClient;
    private @Nullable Duration connectTimeout;
    private HttpClient.@Nullable Version version;
    private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;

    private Builder() {}

    /**
     * Sends through this client instead of building one: for a proxy, an SSL context or your own
     * executor. The transport never closes it. Configure it with {@link HttpClient.Redirect#NEVER}
     * (the default of {@link HttpClient#newBuilder()}), since core handles redirects.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * How long the client this transport builds waits for a connection; 10 seconds by default. Not
     * allowed together with {@link #httpClient}: set it on that client.
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
     * The HTTP version to ask for. By default the built client asks for HTTP/2 and falls back to
     * HTTP/1.1, and a client passed in uses its own setting; {@code HTTP_1_1} skips the HTTP/2
     * upgrade on {@code http://} URLs.
     */
    public Builder version(HttpClient.Version version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * How many asynchronous exchanges may be in flight at once; more wait in a queue (not on
     * threads) until one finishes. {@code java.net.http} opens one HTTP/1.1 connection per exchange
     * in flight and sets no limit itself, so without this thousands of concurrent {@code
     * generateAsync} calls would open thousands of connections at once. Blocking calls are bounded
     * by their callers' threads and do not count. Default {@value
     * JdkHttpTransport#DEFAULT_MAX_CONCURRENT_REQUESTS}.
     */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      if (maxConcurrentRequests < 1) {
        throw new IllegalArgumentException(
            "maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
      }
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /**
     * Builds the transport.
     *
     * @throws IllegalStateException when both a client and a connect timeout were given
     */
    public JdkHttpTransport build() {
      if (httpClient != null) {
        if (connectTimeout != null) {
          throw new IllegalStateException(
              "connectTimeout applies only to the client the transport builds; set it on the"
                  + " HttpClient passed to httpClient(…) instead");
        }
        return new JdkHttpTransport(httpClient, version, null, maxConcurrentRequests);
      }
      ExecutorService executor = DaemonThreads.boundedPool("apimart-jdkhttp", DEFAULT_THREADS);
      HttpClient built =
          HttpClient.newBuilder()
              .version(version == null ? HttpClient.Version.HTTP_2 : version)
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(
                  connectTimeout == null
                      ? TransportSettings.defaults().connectTimeout()
                      : connectTimeout)
              .executor(executor)
              .build();
      return new JdkHttpTransport(built, version, executor, maxConcurrentRequests);
    }
  }
}
