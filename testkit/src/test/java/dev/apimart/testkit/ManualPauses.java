package dev.apimart.testkit;

import dev.apimart.testkit.internal.Pauses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pauses in a time the test moves: the fake's delays wait until {@link #advance} has moved this
 * time past their end (or the fake closes), so a test can see a request held and released without
 * measuring the wall clock. Deciding which pauses end happens inside {@link #advance}, so what
 * {@link #held()} says right after it is exact.
 */
final class ManualPauses implements Pauses {

  private final List<Held> held = new ArrayList<>();
  private final List<Duration> requested = new ArrayList<>();
  private Duration now = Duration.ZERO;
  private boolean stopped;

  @Override
  public synchronized boolean pause(Duration duration) {
    if (stopped) {
      return false;
    }
    requested.add(duration);
    if (duration.isZero() || duration.isNegative()) {
      return true;
    }
    Held pause = new Held(now.plus(duration));
    held.add(pause);
    notifyAll();
    try {
      while (!pause.released && !stopped) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      held.remove(pause);
      return false;
    }
    return pause.released;
  }

  @Override
  public synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  /** Moves this time forward, ending every pause whose end it reaches. */
  synchronized void advance(Duration duration) {
    now = now.plus(duration);
    held.removeIf(
        pause -> {
          if (pause.end.compareTo(now) <= 0) {
            pause.released = true;
            return true;
          }
          return false;
        });
    notifyAll();
  }

  /** How many pauses are waiting now. */
  synchronized int held() {
    return held.size();
  }

  /**
   * Waits until {@code count} pauses have been asked for and returns their durations; fails after
   * 10 s of real time (a safety net for a fake that never pauses, not a measurement).
   */
  synchronized List<Duration> awaitRequested(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (requested.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "the fake asked for " + requested.size() + " pause(s), not " + count);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return List.copyOf(requested);
  }

  private static final class Held {
    final Duration end;
    boolean released;

    Held(Duration end) {
      this.end = end;
    }
  }
}
