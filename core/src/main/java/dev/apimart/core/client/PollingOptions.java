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

  private PollingOptions(Builder b) {
    this.initialDelay = b.initialDelay;
    this.minInterval = b.minInterval;
    this.maxInterval = b.maxInterval;
    this.timeout = b.timeout;
    this.maxFailedPolls = b.maxFailedPolls;
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

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.initialDelay = initialDelay;
    b.minInterval = minInterval;
    b.maxInterval = maxInterval;
    b.timeout = timeout;
    b.maxFailedPolls = maxFailedPolls;
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

  /** Builds {@link PollingOptions}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofSeconds(2);
    private Duration minInterval = Duration.ofSeconds(1);
    private Duration maxInterval = Duration.ofSeconds(10);
    private Duration timeout = Duration.ofMinutes(10);
    private int maxFailedPolls = 5;

    private Builder() {}

    /** Wait before the first status request after submitting (zero allowed). Default 2 s. */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = RetryPolicy.nonNegative(initialDelay, "initialDelay");
      return this;
    }

    /** Shortest wait between status requests. Default 1 s. */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = RetryPolicy.positive(minInterval, "minInterval");
      return this;
    }

    /**
     * Longest wait between status requests; bounds how late a completion is noticed when the
     * service's estimate is too long. Default 10 s.
     */
    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = RetryPolicy.positive(maxInterval, "maxInterval");
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
     * The options.
     *
     * @throws IllegalArgumentException when minInterval exceeds maxInterval
     */
    public PollingOptions build() {
      if (minInterval.compareTo(maxInterval) > 0) {
        throw new IllegalArgumentException(
            "minInterval " + minInterval + " must not exceed maxInterval " + maxInterval);
      }
      return new PollingOptions(this);
    }
  }
}
