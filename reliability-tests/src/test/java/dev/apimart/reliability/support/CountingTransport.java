package dev.apimart.reliability.support;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the exchanges the SDK starts, before the network: the only place where an attempt that
 * never reached a server (connection refused) can be counted. Keeps the requests (method and URI,
 * headers) for assertions, unless built to count only (for long runs). Thread-safe; never closes
 * the transport it wraps.
 */
public final class CountingTransport implements HttpTransport {

  private final HttpTransport delegate;
  private final AtomicInteger attempts = new AtomicInteger();
  private final List<TransportRequest> requests = new ArrayList<>();
  private final boolean keepRequests;

  /** Counts and keeps every request. */
  public CountingTransport(HttpTransport delegate) {
    this(delegate, true);
  }

  private CountingTransport(HttpTransport delegate, boolean keepRequests) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.keepRequests = keepRequests;
  }

  /** Counts requests without keeping them. */
  public static CountingTransport countingOnly(HttpTransport delegate) {
    return new CountingTransport(delegate, false);
  }

  @Override
  public TransportResponse execute(TransportRequest request) {
    record(request);
    return delegate.execute(request);
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    record(request);
    return delegate.executeAsync(request);
  }

  private void record(TransportRequest request) {
    attempts.incrementAndGet();
    if (keepRequests) {
      synchronized (requests) {
        requests.add(request);
      }
    }
  }

  /** Exchanges started since the last {@link #reset()}. */
  public int attempts() {
    return attempts.get();
  }

  /** The requests started since the last {@link #reset()}, in order. */
  public List<TransportRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets what was counted so far (after a test's setup). */
  public void reset() {
    attempts.set(0);
    synchronized (requests) {
      requests.clear();
    }
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String toString() {
    return "CountingTransport[" + delegate.name() + "]";
  }
}
