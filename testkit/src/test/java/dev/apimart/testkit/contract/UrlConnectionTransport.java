package dev.apimart.testkit.contract;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.TransportException.Kind;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.RequestBody;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.core.port.support.TransportFailures;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small reference {@link HttpTransport} over {@link HttpURLConnection}, test scope only: it
 * proves {@link HttpTransportContract} can be passed with nothing but the JDK, and shows what the
 * contract asks of a blocking client — a whole-exchange deadline on top of per-read timeouts,
 * Content-Length checks, cancellation by disconnecting, headers checked before anything is sent,
 * and fixed-length streaming for bodies so the JDK never re-sends a POST on its own.
 */
public final class UrlConnectionTransport implements HttpTransport {

  /** Headers HttpURLConnection sets itself; it would ignore some and act on {@code Expect}. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final TransportSettings settings;
  private final ExecutorService calls;
  private final ScheduledExecutorService timers;
  private volatile boolean closed;

  public UrlConnectionTransport(TransportSettings settings) {
    this.settings = settings;
    AtomicInteger count = new AtomicInteger();
    this.calls =
        Executors.newCachedThreadPool(
            r -> daemon(r, "url-connection-call-" + count.incrementAndGet()));
    this.timers =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "url-connection-timer"));
  }

  @Override
  public TransportResponse execute(TransportRequest request) {
    if (Thread.currentThread().isInterrupted()) {
      throw new TransportException(Kind.CANCELLED, "interrupted: " + target(request), null);
    }
    CompletableFuture<TransportResponse> future = executeAsync(request);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportException(Kind.CANCELLED, "interrupted: " + target(request), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransportException te) {
        throw te;
      }
      throw new TransportException(Kind.OTHER, "failed: " + target(request), e.getCause());
    } catch (CancellationException e) {
      throw new TransportException(Kind.CANCELLED, "cancelled: " + target(request), e);
    }
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new TransportException(Kind.CANCELLED, "transport closed: " + target(request), null));
    }
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      if (!header.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
          || header.getValue().stream().anyMatch(v -> !v.matches("[\\t\\x20-\\x7e\\x80-\\xff]*"))) {
        // Never quote the value: it may be the API key.
        return CompletableFuture.failedFuture(
            new TransportException(
                Kind.CONNECT_FAILED,
                "header '" + header.getKey() + "' is not valid HTTP; not sent: " + target(request),
                null));
      }
    }
    Exchange exchange = new Exchange(request);
    CompletableFuture<TransportResponse> future = new CompletableFuture<>();
    ScheduledFuture<?> deadline =
        timers.schedule(
            () -> {
              if (future.completeExceptionally(
                  new TransportException(
                      Kind.TIMEOUT,
                      "no complete answer within " + request.timeout() + ": " + target(request),
                      null))) {
                exchange.abort();
              }
            },
            request.timeout().toNanos(),
            TimeUnit.NANOSECONDS);
    future.whenComplete(
        (response, failure) -> {
          deadline.cancel(false);
          if (future.isCancelled()) {
            exchange.abort();
          } else if (failure != null) {
            exchange.abort();
          }
        });
    calls.execute(
        () -> {
          try {
            TransportResponse response = exchange.run();
            if (!future.complete(response)) {
              response.close();
            }
          } catch (TransportException e) {
            future.completeExceptionally(e);
          } catch (RuntimeException e) {
            future.completeExceptionally(
                new TransportException(Kind.OTHER, "failed: " + target(request), e));
          }
        });
    return future;
  }

  @Override
  public String name() {
    return "url-connection";
  }

  @Override
  public void close() {
    closed = true;
    calls.shutdownNow();
    timers.shutdownNow();
  }

  private final class Exchange {
    private final TransportRequest request;
    private volatile HttpURLConnection connection;
    private volatile boolean aborted;

    Exchange(TransportRequest request) {
      this.request = request;
    }

    void abort() {
      aborted = true;
      HttpURLConnection c = connection;
      if (c != null) {
        c.disconnect();
      }
    }

    /** Copies the body; a body that cannot be read drops the connection: not sent. */
    private void writeBody(HttpURLConnection c, RequestBody body) throws IOException {
      InputStream in;
      try {
        in = body.open();
      } catch (IOException e) {
        c.disconnect();
        throw TransportFailures.bodyNotSent(request.uri(), e);
      }
      try (in;
          OutputStream out = c.getOutputStream()) {
        byte[] buffer = new byte[16 * 1024];
        while (true) {
          int n;
          try {
            n = in.read(buffer);
          } catch (IOException e) {
            c.disconnect();
            throw TransportFailures.bodyNotSent(request.uri(), e);
          }
          if (n < 0) {
            break;
          }
          out.write(buffer, 0, n);
        }
      }
    }

    TransportResponse run() {
      HttpURLConnection c;
      try {
        c = (HttpURLConnection) request.uri().toURL().openConnection(Proxy.NO_PROXY);
      } catch (IOException | IllegalArgumentException e) {
        throw new TransportException(Kind.CONNECT_FAILED, "bad URL: " + target(request), e);
      }
      connection = c;
      try {
        c.setConnectTimeout(millis(settings.connectTimeout().toMillis()));
        c.setReadTimeout(millis(request.timeout().toMillis()));
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setRequestMethod(request.method());
        request.headers().entrySet().stream()
            .filter(header -> !RESTRICTED_HEADERS.contains(header.getKey()))
            .forEach(
                header -> header.getValue().forEach(v -> c.addRequestProperty(header.getKey(), v)));
        RequestBody body = request.body();
        if (body == null && request.method().equals("POST")) {
          body = RequestBody.ofBytes(new byte[0], "application/octet-stream");
        }
        if (body != null) {
          c.setDoOutput(true);
          // Streaming mode also stops HttpURLConnection from silently re-sending a POST.
          c.setFixedLengthStreamingMode(body.contentLength());
        }
        try {
          c.connect();
        } catch (IOException e) {
          throw classify(e, true);
        }
        if (aborted) {
          throw new TransportException(Kind.CANCELLED, "abandoned: " + target(request), null);
        }
        if (body != null) {
          writeBody(c, body);
        }
        int status = c.getResponseCode();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        c.getHeaderFields()
            .forEach(
                (k, v) -> {
                  if (k != null) {
                    headers.put(k, v);
                  }
                });
        InputStream raw = status >= 400 ? c.getErrorStream() : c.getInputStream();
        InputStream in =
            new LengthCheckingStream(
                raw == null ? InputStream.nullInputStream() : raw, c.getContentLengthLong(), c);
        if (request.streaming()) {
          return new TransportResponse(status, headers, in);
        }
        try (InputStream all = in) {
          return TransportResponse.of(status, headers, all.readAllBytes());
        }
      } catch (TransportException e) {
        c.disconnect();
        throw e;
      } catch (IOException e) {
        c.disconnect();
        throw classify(e, false);
      }
    }

    private TransportException classify(IOException e, boolean connecting) {
      if (aborted) {
        return new TransportException(Kind.CANCELLED, "abandoned: " + target(request), e);
      }
      if (connecting
          && (e instanceof ConnectException
              || e instanceof SocketTimeoutException
              || e instanceof UnknownHostException
              || e instanceof NoRouteToHostException)) {
        return new TransportException(Kind.CONNECT_FAILED, "cannot connect: " + target(request), e);
      }
      if (e instanceof SocketTimeoutException) {
        return new TransportException(
            Kind.TIMEOUT,
            "no complete answer within " + request.timeout() + ": " + target(request),
            e);
      }
      String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
      // HttpURLConnection: "Unexpected end of file from server"; a fixed-length body cut short
      // reads as "Premature EOF" on newer JDKs.
      if (e instanceof SocketException
          || e instanceof EOFException
          || message.contains("end of file")
          || message.contains("premature eof")) {
        return new TransportException(
            Kind.CONNECTION_LOST, "connection lost: " + target(request), e);
      }
      return new TransportException(Kind.OTHER, "I/O failure: " + target(request), e);
    }
  }

  /** Fails a read that ends before the announced Content-Length; disconnects on early close. */
  private static final class LengthCheckingStream extends FilterInputStream {
    private final long expected;
    private final HttpURLConnection connection;
    private long read;
    private boolean ended;

    LengthCheckingStream(InputStream in, long expected, HttpURLConnection connection) {
      super(in);
      this.expected = expected;
      this.connection = connection;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n < 0) {
        ended = true;
        if (expected >= 0 && read < expected) {
          throw new EOFException("body ended after " + read + " of " + expected + " bytes");
        }
      } else {
        read += n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        if (!ended && (expected < 0 || read < expected)) {
          connection.disconnect();
        }
      }
    }
  }

  private static int millis(long millis) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }

  private static String target(TransportRequest request) {
    return request.method()
        + " "
        + request.uri().getScheme()
        + "://"
        + request.uri().getAuthority()
        + request.uri().getRawPath();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
