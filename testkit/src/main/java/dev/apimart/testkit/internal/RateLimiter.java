package dev.apimart.testkit.internal;

import dev.apimart.testkit.Fault;
import dev.apimart.testkit.RateLimit;
import dev.apimart.testkit.Route;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Enforces a {@link RateLimit} as a token bucket on the fake's clock: a request over the limit gets
 * a one-off 429 {@link Fault} with {@code Retry-After} (whole seconds, at least 1), which the
 * handler answers like any status fault — before the key is checked, without side effects.
 * Thread-safe.
 */
public final class RateLimiter {

  private final FakeClock clock;
  private final AtomicLong refused = new AtomicLong();
  private @Nullable RateLimit limit;
  private double tokens;
  private long lastNanos;

  /** A limiter that lets everything through until {@link #set} gives it a limit. */
  public RateLimiter(FakeClock clock) {
    this.clock = clock;
  }

  /** Installs a limit (a full bucket), or removes it with {@code null}. */
  public synchronized void set(@Nullable RateLimit limit) {
    this.limit = limit;
    this.tokens = limit == null ? 0 : limit.burst();
    this.lastNanos = clock.nanos();
  }

  /** The limit in force, or {@code null}. */
  public synchronized @Nullable RateLimit limit() {
    return limit;
  }

  /** How many requests were refused for the rate so far. */
  public long refused() {
    return refused.get();
  }

  /**
   * Takes a token for a request on {@code route}.
   *
   * @return {@code null} when the request may go on, else the 429 to answer with
   */
  public synchronized @Nullable Fault admit(Route route) {
    RateLimit l = limit;
    if (l == null || !l.routes().contains(route)) {
      return null;
    }
    long now = clock.nanos();
    double elapsed = Math.max(0, now - lastNanos) / 1e9;
    lastNanos = Math.max(lastNanos, now);
    tokens = Math.min(l.burst(), tokens + elapsed * l.perSecond());
    if (tokens >= 1) {
      tokens -= 1;
      return null;
    }
    refused.incrementAndGet();
    double wait = (1 - tokens) / l.perSecond();
    long seconds = Math.max(1, (long) Math.ceil(wait - 1e-9));
    return Fault.status(429)
        .withMessage(
            "Rate limit reached: at most "
                + l.perSecond()
                + " requests per second for this key; retry after "
                + seconds
                + "s")
        .withRetryAfter(Duration.ofSeconds(seconds));
  }
}
