package dev.apimart.testkit.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@link Pauses#real()}: waits on the machine's clock, on a latch that {@link #stop()} opens. */
final class RealPauses implements Pauses {

  private final CountDownLatch stopping = new CountDownLatch(1);

  @Override
  public boolean pause(Duration duration) {
    try {
      return !stopping.await(FakeClock.toNanos(duration), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void stop() {
    stopping.countDown();
  }
}
