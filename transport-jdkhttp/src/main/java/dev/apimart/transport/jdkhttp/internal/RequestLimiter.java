package dev.apimart.transport.jdkhttp.internal;

import dev.apimart.core.port.TransportResponse;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Lets at most a fixed number of asynchronous exchanges run at once; the rest wait in order, in a
 * queue rather than on threads. {@code java.net.http} opens one HTTP/1.1 connection per exchange in
 * flight and has no limit of its own, so 10,000 {@code generateAsync} calls started together would
 * open 10,000 connections at once — more than a server's accept queue takes, and than a process may
 * have files open. An exchange holds its permit until its future completes (for a streaming answer:
 * until the headers arrive). Thread-safe.
 */
public final class RequestLimiter {

  private final int limit;
  private final Object lock = new Object();
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int running;

  private static final class Pending {
    final Supplier<CompletableFuture<TransportResponse>> start;
    final CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    final AtomicBoolean starting = new AtomicBoolean(true);

    Pending(Supplier<CompletableFuture<TransportResponse>> start) {
      this.start = start;
    }
  }

  /**
   * @param limit how many exchanges may run at once, at least 1
   */
  public RequestLimiter(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    this.limit = limit;
  }

  /** How many exchanges may run at once. */
  public int limit() {
    return limit;
  }

  /**
   * Starts the exchange now if a permit is free, else when one is. Cancelling the returned future
   * cancels the exchange, or keeps it from ever starting; an answer that arrives too late is
   * closed.
   */
  public CompletableFuture<TransportResponse> submit(
      Supplier<CompletableFuture<TransportResponse>> start) {
    Pending p = new Pending(start);
    synchronized (lock) {
      if (running >= limit) {
        waiting.add(p);
        return p.result;
      }
      running++;
    }
    if (!start(p)) {
      release();
    }
    return p.result;
  }

  /** How many exchanges are waiting for a permit (cancelled ones included until reached). */
  public int waiting() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  /**
   * Starts one exchange with the permit it was given.
   *
   * @return whether it still holds the permit (its completion releases it); false when it is
   *     already over and the caller must pass the permit on
   */
  private boolean start(Pending p) {
    if (p.result.isDone()) {
      return false;
    }
    CompletableFuture<TransportResponse> exchange;
    try {
      exchange = p.start.get();
    } catch (RuntimeException e) {
      p.result.completeExceptionally(e);
      return false;
    }
    p.result.whenComplete(
        (response, failure) -> {
          if (p.result.isCancelled()) {
            exchange.cancel(true);
          }
        });
    exchange.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            p.result.completeExceptionally(failure);
          } else if (!p.result.complete(response)) {
            response.close();
          }
          // Completed while start() was still running: start() hands the permit on instead, so
          // a long queue of exchanges that fail at once drains in a loop, not a recursion.
          if (!p.starting.compareAndSet(true, false)) {
            release();
          }
        });
    return p.starting.compareAndSet(true, false);
  }

  /** Passes a finished exchange's permit to the next waiting one, or returns it. */
  private void release() {
    while (true) {
      Pending next;
      synchronized (lock) {
        next = waiting.poll();
        if (next == null) {
          running--;
          return;
        }
      }
      if (start(next)) {
        return;
      }
    }
  }
}
