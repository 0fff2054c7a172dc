package dev.apimart.cli.batch;

import dev.apimart.core.client.Scheduler;
import dev.apimart.testkit.FakeApiMart;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Virtual time for batch tests: a scheduled step runs at once on a small pool instead of after its
 * delay, and — when this scheduler moves time — the delay is first added to the fake's clock, so
 * that the fake's tasks, rate limit and {@code Retry-After} see the time pass that the batch chose
 * to wait. Nothing waits for real.
 */
final class FakeTime implements Scheduler, AutoCloseable {

  private final FakeApiMart fake;
  private final boolean movesTime;
  private final ExecutorService pool =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "fake-time");
            t.setDaemon(true);
            return t;
          });

  private FakeTime(FakeApiMart fake, boolean movesTime) {
    this.fake = fake;
    this.movesTime = movesTime;
  }

  /** Every wait asked for moves the fake's clock by its length. */
  static FakeTime moving(FakeApiMart fake) {
    return new FakeTime(fake, true);
  }

  /** Waits are skipped without moving the clock (tasks finish by polls). */
  static FakeTime frozen(FakeApiMart fake) {
    return new FakeTime(fake, false);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (movesTime && !delay.isNegative() && !delay.isZero()) {
      fake.advance(delay);
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    pool.execute(
        () -> {
          if (!cancelled.get()) {
            task.run();
          }
        });
    return () -> cancelled.set(true);
  }

  @Override
  public void sleep(Duration duration) {
    if (movesTime && !duration.isNegative() && !duration.isZero()) {
      fake.advance(duration);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
