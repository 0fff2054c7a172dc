package dev.apimart.core.internal.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Time as the engines use it: what time it is, running something later (async operations) and
 * pausing the calling thread (sync operations). A virtual implementation makes retry and polling
 * tests run without real sleeps.
 */
public interface Timer {

  /** The clock that says what time it is. */
  Clock clock();

  /**
   * Runs the task once after the delay.
   *
   * @return cancels the task if it has not started
   */
  Runnable schedule(Duration delay, Runnable task);

  /** Pauses the calling thread. */
  void sleep(Duration duration) throws InterruptedException;
}
