package dev.apimart.reliability.support;

import dev.apimart.core.client.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual time for the client: every wait the SDK asks for — a backoff before a retry, a {@code
 * Retry-After}, the pause before the next status request — is recorded and skipped. A synchronous
 * sleep returns at once; a scheduled step runs at once on a small pool. Nothing waits for real, and
 * the tests can assert on the waits that were asked for.
 */
public final class VirtualTime implements Scheduler, AutoCloseable {

  private final ExecutorService executor;
  private final boolean keepWaits;
  private final List<Duration> sleeps = new ArrayList<>();
  private final AtomicLong sleepCount = new AtomicLong();
  private final AtomicLong scheduledCount = new AtomicLong();
  private final AtomicLong virtualNanos = new AtomicLong();

  private VirtualTime(int threads, boolean keepWaits) {
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "virtual-time");
              t.setDaemon(true);
              return t;
            });
    this.keepWaits = keepWaits;
  }

  /** For single calls: keeps every synchronous wait for assertions. */
  public static VirtualTime recording() {
    return new VirtualTime(2, true);
  }

  /** For long runs: counts and sums the waits without keeping them. */
  public static VirtualTime counting(int threads) {
    return new VirtualTime(threads, false);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    scheduledCount.incrementAndGet();
    virtualNanos.addAndGet(Math.max(0, delay.toNanos()));
    AtomicBoolean cancelled = new AtomicBoolean();
    executor.execute(
        () -> {
          if (!cancelled.get()) {
            task.run();
          }
        });
    return () -> cancelled.set(true);
  }

  @Override
  public void sleep(Duration duration) {
    sleepCount.incrementAndGet();
    virtualNanos.addAndGet(Math.max(0, duration.toNanos()));
    if (keepWaits) {
      synchronized (sleeps) {
        sleeps.add(duration);
      }
    }
  }

  /** The synchronous waits asked for (retry backoffs of sync calls), in order. */
  public List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }

  /** How many synchronous waits were asked for. */
  public long sleepCount() {
    return sleepCount.get();
  }

  /** How many asynchronous steps were scheduled (polls and retries of async calls). */
  public long scheduledCount() {
    return scheduledCount.get();
  }

  /** The sum of every wait asked for: the time a real run would have spent waiting. */
  public Duration totalWaited() {
    return Duration.ofNanos(virtualNanos.get());
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
