package dev.apimart.testkit.internal;

import java.time.Duration;

/**
 * How the fake waits in real time: before answering a {@link dev.apimart.testkit.Fault} with a
 * delay, and between the pieces of a slow body. A seam, so that the testkit's own tests can hold
 * and release a delay without measuring wall-clock time; the fake itself always uses {@link
 * #real()}. Public only because {@code FakeApiMart} (another package) chooses the implementation.
 */
public interface Pauses {

  /**
   * Waits {@code duration}.
   *
   * @return {@code true} when the whole duration passed, {@code false} when the fake stopped first
   *     (or the thread was interrupted): the caller then drops the connection
   */
  boolean pause(Duration duration);

  /** Ends every pause in progress at once, and every later one: the fake is closing. */
  void stop();

  /** Real waiting on the machine's clock, ended early by {@link #stop()}. */
  static Pauses real() {
    return new RealPauses();
  }
}
