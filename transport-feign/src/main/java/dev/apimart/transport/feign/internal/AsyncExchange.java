package dev.apimart.transport.feign.internal;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.TransportResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One blocking exchange run on an executor for an asynchronous caller. Cancelling {@link #result()}
 * interrupts the worker while (and only while) it runs the exchange; an answer that arrives after
 * the caller gave up is closed, so its connection is released.
 */
public final class AsyncExchange implements Runnable {

  private final Supplier<TransportResponse> exchange;
  private final CompletableFuture<TransportResponse> result = new CompletableFuture<>();
  private @Nullable Thread runner; // guarded by this
  private boolean interruptedByUs; // guarded by this

  /**
   * @param exchange sends the request and returns the answer, or throws a {@link
   *     TransportException}
   */
  public AsyncExchange(Supplier<TransportResponse> exchange) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            interrupt();
          }
        });
  }

  /** The future the caller gets. */
  public CompletableFuture<TransportResponse> result() {
    return result;
  }

  /** Fails the caller's future, for an exchange that will never run. */
  public void abandon(TransportException why) {
    result.completeExceptionally(why);
  }

  @Override
  public void run() {
    synchronized (this) {
      if (result.isDone()) {
        return; // cancelled while queued: nothing was sent
      }
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

  private synchronized void interrupt() {
    if (runner != null) {
      interruptedByUs = true;
      runner.interrupt();
    }
  }
}
