package dev.apimart.benchmarks.support;

import dev.apimart.core.client.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Virtual time for the polling simulation: a clock that moves only when a scheduled task is due,
 * and a {@link Scheduler} whose tasks run, in time order, when {@link #runUntilDone} jumps to them.
 * A simulated minute takes microseconds and the result is the same on every machine. Not for use
 * from several threads at once (the simulation runs on one).
 */
public final class VirtualTime implements Scheduler {

  /** Where every simulation starts. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
  private final SettableClock clock = new SettableClock();
  private long seq;

  private static final class Entry {
    final Instant at;
    final long seq;
    final Runnable task;
    boolean cancelled;

    Entry(Instant at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }
  }

  /** The simulation's clock. */
  public Clock clock() {
    return clock;
  }

  /** The simulation's current time. */
  public Instant now() {
    return clock.now;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Duration d = delay.isNegative() ? Duration.ZERO : delay;
    Entry e = new Entry(clock.now.plus(d), seq++, task);
    queue.add(e);
    return () -> e.cancelled = true;
  }

  /** Sync waits move the clock instead of blocking. */
  @Override
  public void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    runUntil(clock.now.plus(duration), null);
  }

  /**
   * Runs scheduled tasks in time order until the future is done.
   *
   * @throws IllegalStateException when nothing is scheduled but the future is still open (a wait
   *     that would never end)
   */
  public void runUntilDone(Future<?> future) {
    runUntil(null, future);
    if (!future.isDone()) {
      throw new IllegalStateException("The simulation stalled: nothing scheduled, nothing done");
    }
  }

  private void runUntil(@Nullable Instant target, @Nullable Future<?> future) {
    while (future == null || !future.isDone()) {
      Entry next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || (target != null && next.at.isAfter(target))) {
          break;
        }
        queue.poll();
      }
      if (next.at.isAfter(clock.now)) {
        clock.now = next.at;
      }
      if (!next.cancelled) {
        next.task.run();
      }
    }
    if (target != null && target.isAfter(clock.now)) {
      clock.now = target;
    }
  }

  private static final class SettableClock extends Clock {
    private volatile Instant now = EPOCH;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
