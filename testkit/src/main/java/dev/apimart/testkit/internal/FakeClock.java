package dev.apimart.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The fake's time. In virtual mode (speed 0) it moves only when {@link #advance(Duration)} is
 * called; in real-time mode it follows the machine's monotonic clock multiplied by a speed factor,
 * and {@link #advance(Duration)} still jumps ahead. Time never goes backwards. Thread-safe.
 */
public final class FakeClock {

  /** The machine's monotonic clock ({@link System#nanoTime()}). */
  public static final LongSupplier SYSTEM_NANO_TIME = new SystemNanoTime();

  private final Instant origin;
  private final double speed;
  private final LongSupplier nanoTime;
  private final long realOrigin;
  private final AtomicLong offset = new AtomicLong();

  /**
   * @param origin the instant at fake time zero
   * @param speed 0 for virtual time, else how many fake seconds pass per real second
   * @param nanoTime the real monotonic clock
   */
  public FakeClock(Instant origin, double speed, LongSupplier nanoTime) {
    this.origin = Objects.requireNonNull(origin, "origin");
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed must be 0 (virtual) or positive, got " + speed);
    }
    this.speed = speed;
    this.nanoTime = nanoTime;
    this.realOrigin = nanoTime.getAsLong();
  }

  /** Whether time moves only when advanced. */
  public boolean isVirtual() {
    return speed == 0;
  }

  /** The speed factor; 0 in virtual mode. */
  public double speed() {
    return speed;
  }

  /** Fake nanoseconds since the origin. */
  public long nanos() {
    long real = speed == 0 ? 0 : (long) ((nanoTime.getAsLong() - realOrigin) * speed);
    return saturatedAdd(real, offset.get());
  }

  /** The instant of a fake time. */
  public Instant instant(long nanos) {
    return origin.plusNanos(nanos);
  }

  /** The current fake instant. */
  public Instant now() {
    return instant(nanos());
  }

  /** Moves time forward. */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + duration);
    }
    long add = toNanos(duration);
    offset.accumulateAndGet(add, FakeClock::saturatedAdd);
  }

  /** A {@link Clock} that reads this fake time, for wiring a client under test to it. */
  public Clock asClock() {
    return new View(ZoneOffset.UTC);
  }

  /** A duration in nanoseconds, saturated at {@link Long#MAX_VALUE}. */
  public static long toNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** A class, not a method reference: no lambda bootstrap on the start path. */
  private static final class SystemNanoTime implements LongSupplier {
    @Override
    public long getAsLong() {
      return System.nanoTime();
    }
  }

  private final class View extends Clock {
    private final ZoneId zone;

    View(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new View(zone);
    }

    @Override
    public Instant instant() {
      return now();
    }

    @Override
    public String toString() {
      return "FakeApiMartClock[" + (isVirtual() ? "virtual" : speed + "x") + ", " + zone + "]";
    }
  }
}
