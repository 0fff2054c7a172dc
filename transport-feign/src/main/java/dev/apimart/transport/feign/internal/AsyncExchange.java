package dev.apimart.transport.feign.internal;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.TransportResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One blocking exchange run on an executor. When {@link #result()} is completed by anyone but the
 * worker — the caller cancelled it, or the deadline passed — the worker is interrupted while (and
 * only while) it runs the exchange, and an answer that arrives after that is closed, so its
 * connection is released. An exchange that has not started by then is never sent.
 */
public final class AsyncExchange implements Runnable {

  private final Supplier<TransportResponse> exchange;
  private final CompletableFuture<TransportResponse> result = new CompletableFuture<>();
  private @Nullable Thread runner; // guarded by this
  private boolean started; // guarded by this
  private boolean expired; // guarded by this
  private boolean interruptedByUs; // guarded by this

  /**
   * @param exchange sends the request and returns the answer, or throws a {@link
   *     TransportException}
   */
  public AsyncExchange(Supplier<TransportResponse> exchange) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    result.whenComplete((response, failure) -> stopWorker());
  }

  /** The future the caller gets. */
  public CompletableFuture<TransportResponse> result() {
    return result;
  }

  /**
   * Fails the exchange if it is not complete after {@code timeout}: with {@code notSent} when no
   * thread had picked it up yet (it never will), else with {@code timedOut}.
   */
  public void expireAfter(
      Duration timeout,
      Supplier<TransportException> notSent,
      Supplier<TransportException> timedOut) {
    CompletableFuture<Void> timer = new CompletableFuture<>();
    timer
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete(
            (ignored, failure) -> {
              if (failure instanceof TimeoutException) {
                // Off the JDK's timer thread, so callers' callbacks cannot hold it up.
                CompletableFuture.runAsync(() -> expire(notSent, timedOut));
              }
            });
    result.whenComplete((response, failure) -> timer.complete(null));
  }

  /** Fails the caller's future, for an exchange that will never run. */
  public void abandon(TransportException why) {
    result.completeExceptionally(why);
  }

  @Override
  public void run() {
    synchronized (this) {
      if (result.isDone() || expired) {
        return; // cancelled or expired while queued: nothing was sent
      }
      started = true;
      runner = Thread.currentThread();
    }
    try {
      TransportResponse response = exchange.get();
      if (!result.complete(response)) {
        response.close();
      }
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    } catch (Error e) {
      result.completeExceptionally(e);
      throw e;
    } finally {
      synchronized (this) {
        runner = null;
        if (interruptedByUs) {
          // The interrupt was meant for this exchange, not for the pool's next task.
          Thread.interrupted();
        }
      }
    }
  }

  private void expire(Supplier<TransportException> notSent, Supplier<TransportException> timedOut) {
    boolean wasStarted;
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      wasStarted = started;
      expired = !started;
    }
    result.completeExceptionally(wasStarted ? timedOut.get() : notSent.get());
  }

  private synchronized void stopWorker() {
    if (runner != null && runner != Thread.currentThread()) {
      interruptedByUs = true;
      runner.interrupt();
    }
  }
}
