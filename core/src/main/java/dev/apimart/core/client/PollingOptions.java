package dev.apimart.core.client;

import dev.apimart.core.internal.polling.PollSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the client waits for a task. Immutable; build with {@link #builder()}.
 *
 * <p>The client asks for a task's status first {@code initialDelay} after submitting it (at once
 * when resuming from a task id), learns the service's estimate and progress, and then polls just
 * after the predicted completion — from progress when it rises, else from the estimate — never
 * sooner than {@code minInterval} nor later than {@code maxInterval} after the previous request.
 * Past the prediction it polls at {@code minInterval} and backs off as the task runs late. The
 * whole wait ends at {@code timeout} (a last status request goes out exactly then), separate from
 * the per-request timeout.
 */
public final class PollingOptions {

  private static final PollingOptions DEFAULTS = builder().build();

  private final Duration initialDelay;
  private final Duration minInterval;
  private final Duration maxInterval;
  private final Duration timeout;
  private final int maxFailedPolls;
  // Whether the intervals were chosen or left at their defaults: only toBuilder() reads them, so
  // that a copy keeps the same freedom (not part of equals).
  private final boolean minIntervalSet;
  private final boolean maxIntervalSet;

  private PollingOptions(Builder b, Duration minInterval, Duration maxInterval) {
    this.initialDelay = b.initialDelay;
    this.minInterval = minInterval;
    this.maxInterval = maxInterval;
    this.timeout = b.timeout;
    this.maxFailedPolls = b.maxFailedPolls;
    this.minIntervalSet = b.minIntervalSet;
    this.maxIntervalSet = b.maxIntervalSet;
  }

  /**
   * First status request 2 s after submitting, intervals between 1 s and 10 s, wait up to 10
   * minutes, give up after 5 status requests in a row failed (each after its own retries).
   */
  public static PollingOptions defaults() {
    return DEFAULTS;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these values. An interval that was left at its default here is still treated
   * as unset, so it follows the other interval as in {@link Builder#build()}.
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.initialDelay = initialDelay;
    b.minInterval = minIntervalSet ? minInterval : Builder.DEFAULT_MIN_INTERVAL;
    b.maxInterval = maxIntervalSet ? maxInterval : Builder.DEFAULT_MAX_INTERVAL;
    b.timeout = timeout;
    b.maxFailedPolls = maxFailedPolls;
    b.minIntervalSet = minIntervalSet;
    b.maxIntervalSet = maxIntervalSet;
    return b;
  }

  /** Wait before the first status request after submitting. */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** Shortest wait between status requests. */
  public Duration minInterval() {
    return minInterval;
  }

  /** Longest wait between status requests. */
  public Duration maxInterval() {
    return maxInterval;
  }

  /** The overall deadline of one wait. */
  public Duration timeout() {
    return timeout;
  }

  /** Status requests that may fail in a row (after their retries) before the wait gives up. */
  public int maxFailedPolls() {
    return maxFailedPolls;
  }

  PollSettings toSettings() {
    return new PollSettings(initialDelay, minInterval, maxInterval, timeout, maxFailedPolls);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PollingOptions p
        && initialDelay.equals(p.initialDelay)
        && minInterval.equals(p.minInterval)
        && maxInterval.equals(p.maxInterval)
        && timeout.equals(p.timeout)
        && maxFailedPolls == p.maxFailedPolls;
  }

  @Override
  public int hashCode() {
    return Objects.hash(initialDelay, minInterval, maxInterval, timeout, maxFailedPolls);
  }

  @Override
  public String toString() {
    return "PollingOptions[initialDelay="
        + initialDelay
        + ", interval="
        + minInterval
        + ".."
        + maxInterval
        + ", timeout="
        + timeout
        + ", maxFailedPolls="
        + maxFailedPolls
        + "]";
  }

  /**
   * Builds {@link PollingOptions}; starts from the defaults. Not thread-safe.
   *
   * <p>The setters may be called in any order: only {@link #build()} checks that the values fit
   * together. An interval left at its default follows the one that was set — {@code
   * maxInterval(10ms)} alone lowers the minimum to 10 ms, {@code minInterval(30s)} alone raises the
   * maximum to 30 s — while a minimum and a maximum both set must be in order.
   */
  public static final class Builder {
    private static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(10);

    private Duration initialDelay = Duration.ofSeconds(2);
    private Duration minInterval = DEFAULT_MIN_INTERVAL;
    private Duration maxInterval = DEFAULT_MAX_INTERVAL;
    private Duration timeout = Duration.ofMinutes(10);
    private int maxFailedPolls = 5;
    private boolean minIntervalSet;
    private boolean maxIntervalSet;

    private Builder() {}

    /** Wait before the first status request after submitting (zero allowed). Default 2 s. */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = RetryPolicy.nonNegative(initialDelay, "initialDelay");
      return this;
    }

    /**
     * Shortest wait between status requests. Default 1 s, or the maximum interval when that is set
     * below 1 s.
     */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = RetryPolicy.positive(minInterval, "minInterval");
      this.minIntervalSet = true;
      return this;
    }

    /**
     * Longest wait between status requests; bounds how late a completion is noticed when the
     * service's estimate is too long. Default 10 s, or the minimum interval when that is set above
     * 10 s.
     */
    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = RetryPolicy.positive(maxInterval, "maxInterval");
      this.maxIntervalSet = true;
      return this;
    }

    /** The overall deadline of one wait. Default 10 minutes. */
    public Builder timeout(Duration timeout) {
      this.timeout = RetryPolicy.positive(timeout, "timeout");
      return this;
    }

    /** Status requests that may fail in a row before the wait gives up (at least 1). Default 5. */
    public Builder maxFailedPolls(int maxFailedPolls) {
      if (maxFailedPolls < 1) {
        throw new IllegalArgumentException(
            "maxFailedPolls must be at least 1, got " + maxFailedPolls);
      }
      this.maxFailedPolls = maxFailedPolls;
      return this;
    }

    /**
     * The options. When the minimum interval is above the maximum, the one left at its default
     * gives way to the one that was set.
     *
     * @throws IllegalArgumentException when a minimum interval and a maximum interval were both set
     *     and the minimum exceeds the maximum
     */
    public PollingOptions build() {
      Duration min = minInterval;
      Duration max = maxInterval;
      if (min.compareTo(max) > 0) {
        if (minIntervalSet && maxIntervalSet) {
          throw new IllegalArgumentException(
              "min interval "
                  + plain(min)
                  + " must not exceed max interval "
                  + plain(max)
                  + " (raise the max interval or lower the min interval)");
        } else if (minIntervalSet) {
          max = min;
        } else {
          min = max;
        }
      }
      return new PollingOptions(this, min, max);
    }

    /** A duration as people write it: 10ms, 1s, 1.5s, 2min; anything finer as ISO-8601. */
    static String plain(Duration d) {
      if (d.getNano() % 1_000_000 != 0) {
        return d.toString();
      }
      long millis = d.toMillis();
      if (millis < 1000) {
        return millis + "ms";
      }
      if (millis % 60_000 == 0) {
        return (millis / 60_000) + "min";
      }
      if (millis % 1000 == 0) {
        return (millis / 1000) + "s";
      }
      return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
  }
}
