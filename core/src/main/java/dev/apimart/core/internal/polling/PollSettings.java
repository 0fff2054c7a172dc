package dev.apimart.core.internal.polling;

import java.time.Duration;
import java.util.Objects;

/**
 * The polling engine's settings (the public {@code PollingOptions}, translated).
 *
 * @param initialDelay wait before the first status request after a submission
 * @param minInterval shortest wait between two status requests
 * @param maxInterval longest wait between two status requests
 * @param timeout the overall deadline of a wait, counted from its start
 * @param maxFailedPolls consecutive status requests that may fail (after their retries) before the
 *     wait gives up with the last failure
 */
public record PollSettings(
    Duration initialDelay,
    Duration minInterval,
    Duration maxInterval,
    Duration timeout,
    int maxFailedPolls) {

  /** Checks the values are consistent. */
  public PollSettings {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(minInterval, "minInterval");
    Objects.requireNonNull(maxInterval, "maxInterval");
    Objects.requireNonNull(timeout, "timeout");
    if (minInterval.compareTo(maxInterval) > 0) {
      throw new IllegalArgumentException(
          "minInterval " + minInterval + " must not exceed maxInterval " + maxInterval);
    }
    if (maxFailedPolls < 1) {
      throw new IllegalArgumentException("maxFailedPolls must be at least 1");
    }
  }
}
