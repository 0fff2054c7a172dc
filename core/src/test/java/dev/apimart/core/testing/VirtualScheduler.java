package dev.apimart.core.testing;

import dev.apimart.core.client.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for tests: scheduled tasks run only when time is advanced, and {@link #sleep} moves
 * the clock instead of blocking. Nothing ever waits for real.
 */
public final class VirtualScheduler implements Scheduler {

  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock;
  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(
          (a, b) -> a.at.equals(b.at) ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<Duration> scheduledDelays = new ArrayList<>();
  private long seq;

  private static final class Entry {
    final Instant at;
    final long seq;
    final Runnable task;
    volatile boolean cancelled;

    Entry(Instant at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }
  }

  public VirtualScheduler() {
    this(new MutableClock(EPOCH));
  }

  public VirtualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Time since {@link #EPOCH}. */
  public Duration elapsed() {
    return Duration.between(EPOCH, clock.instant());
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Duration d = delay.isNegative() ? Duration.ZERO : delay;
    scheduledDelays.add(d);
    Entry e = new Entry(clock.instant().plus(d), seq++, task);
    queue.add(e);
    return () -> e.cancelled = true;
  }

  @Override
  public void sleep(Duration duration) {
    synchronized (this) {
      sleeps.add(duration);
    }
    advance(duration);
  }

  /** Moves time forward, running every task that falls due on the way, in order. */
  public void advance(Duration duration) {
    Instant target = clock.instant().plus(duration);
    while (true) {
      Entry next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at.isAfter(target)) {
          break;
        }
        queue.poll();
      }
      if (next.at.isAfter(clock.instant())) {
        clock.set(next.at);
      }
      if (!next.cancelled) {
        next.task.run();
      }
    }
    if (target.isAfter(clock.instant())) {
      clock.set(target);
    }
  }

  /** Runs the next due task (jumping time to it); false when none is pending. */
  public boolean runNext() {
    Entry next;
    synchronized (this) {
      next = queue.poll();
    }
    if (next == null) {
      return false;
    }
    if (next.at.isAfter(clock.instant())) {
      clock.set(next.at);
    }
    if (!next.cancelled) {
      next.task.run();
    }
    return true;
  }

  /** Runs tasks in time order until the condition holds or nothing is left (max 100,000). */
  public void runUntil(BooleanSupplier condition) {
    for (int i = 0; i < 100_000 && !condition.getAsBoolean(); i++) {
      if (!runNext()) {
        return;
      }
    }
  }

  public void runUntilDone(Future<?> future) {
    runUntil(future::isDone);
  }

  /** Runs everything, including what running schedules. */
  public void runUntilIdle() {
    runUntil(() -> false);
  }

  /** Pending tasks, cancelled ones excluded. */
  public synchronized int pending() {
    return (int) queue.stream().filter(e -> !e.cancelled).count();
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public synchronized List<Duration> scheduledDelays() {
    return List.copyOf(scheduledDelays);
  }
}
