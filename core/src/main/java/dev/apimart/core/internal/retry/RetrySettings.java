package dev.apimart.core.internal.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * The retry engine's settings (the public {@code RetryPolicy}, translated).
 *
 * @param maxAttempts attempts in total, at least 1
 * @param initialBackoff backoff before the first retry, doubled for each further one
 * @param maxBackoff upper bound of the backoff
 * @param jitter share of the backoff that is random, 0 (none) to 1 (full jitter)
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer ones are clamped to it
 * @param retryAmbiguousSubmissions whether a submission that may have been received is repeated
 * @param budgetRatio retries allowed per request made, e.g. 0.2
 * @param budgetMinRetries retries always allowed, the budget's floor and capacity
 */
public record RetrySettings(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double jitter,
    Duration maxRetryAfter,
    boolean retryAmbiguousSubmissions,
    double budgetRatio,
    int budgetMinRetries) {

  /** Checks the values are in range. */
  public RetrySettings {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
    }
  }
}
