package dev.apimart.core.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * How the client waits: scheduling the next status request or retry of an async operation, and
 * pausing the caller of a sync one. Waiting is always scheduled, never a parked thread per task, so
 * thousands of concurrent generations need a handful of threads.
 *
 * <p>The client creates a one-thread scheduler of its own (and shuts it down on close) unless one
 * is given. Give one to share threads between clients ({@link #of(ScheduledExecutorService)}) or,
 * in tests, to run retries and polling in virtual time without real sleeps. Scheduled tasks are
 * short: they send a request and return. Implementations must be thread-safe.
 */
public interface Scheduler {

  /**
   * Runs the task once after the delay.
   *
   * @return a handle that cancels the task if it has not started
   */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * Pauses the calling thread, for sync operations. A virtual-time scheduler advances its clock
   * instead.
   *
   * @throws InterruptedException when the thread is interrupted
   */
  default void sleep(Duration duration) throws InterruptedException {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    TimeUnit.NANOSECONDS.sleep(duration.toNanos());
  }

  /** Cancels a scheduled task. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; does nothing otherwise. */
    void cancel();
  }

  /**
   * A scheduler over an executor the caller owns: the client will not shut it down.
   *
   * @param executor runs the scheduled tasks
   */
  static Scheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return new Scheduler() {
      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> future =
            executor.schedule(
                () -> {
                  try {
                    task.run();
                  } catch (RuntimeException | Error e) {
                    LoggerFactory.getLogger(Scheduler.class)
                        .error("A scheduled ApiMart task failed unexpectedly", e);
                  }
                },
                nanos,
                TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
      }

      @Override
      public String toString() {
        return "Scheduler.of(" + executor.getClass().getSimpleName() + ")";
      }
    };
  }
}
