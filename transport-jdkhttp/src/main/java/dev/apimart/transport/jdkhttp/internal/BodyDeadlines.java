package dev.apimart.transport.jdkhttp.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One timer for the body deadlines of every exchange in flight: a sweep every {@value
 * #SWEEP_MILLIS} ms, and only while some body is still arriving, fails the bodies whose deadline
 * has passed. A timer per exchange would cost a wake-up of the JDK's delay-scheduler thread per
 * request — about a tenth of a loopback API call (BENCHMARKS.md, overhead). A deadline fires up to
 * one sweep late. Thread-safe.
 */
final class BodyDeadlines {

  /** How often the sweep runs while deadlines are pending, and so how late one may fire. */
  static final long SWEEP_MILLIS = 50;

  static final BodyDeadlines SHARED = new BodyDeadlines();

  /** Runs the sweep on the JDK's delay-scheduler thread; it only completes futures. */
  private static final Executor SWEEP =
      CompletableFuture.delayedExecutor(SWEEP_MILLIS, TimeUnit.MILLISECONDS, Runnable::run);

  private final Map<DeadlineBodySubscriber, Long> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /** Watches a body until {@link #remove} or its deadline ({@link System#nanoTime()} scale). */
  void add(DeadlineBodySubscriber body, long deadlineNanos) {
    pending.put(body, deadlineNanos);
    scheduleSweep();
  }

  /** Stops watching a body that is complete. */
  void remove(DeadlineBodySubscriber body) {
    pending.remove(body);
  }

  /** Whether a body is still watched. */
  boolean isWatching(DeadlineBodySubscriber body) {
    return pending.containsKey(body);
  }

  private void scheduleSweep() {
    if (scheduled.compareAndSet(false, true)) {
      SWEEP.execute(this::sweep);
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    pending.forEach(
        (body, deadline) -> {
          if (now - deadline >= 0 && pending.remove(body, deadline)) {
            body.expire();
          }
        });
    scheduled.set(false);
    if (!pending.isEmpty()) {
      scheduleSweep();
    }
  }
}
