package dev.apimart.core.internal.retry;

/**
 * A token bucket shared by all calls of one client, so that an outage does not turn into a retry
 * storm: every request deposits {@code ratio} of a token, every retry takes one, and the bucket
 * holds at most {@code minRetries} tokens (it starts full). Retries thus stay below {@code ratio}
 * of recent requests plus a small floor. Thread-safe.
 */
public final class RetryBudget {

  private final double ratio;
  private final double capacity;
  private double tokens;

  /**
   * @param ratio tokens deposited per request, 0 or more
   * @param minRetries capacity of the bucket (retries always possible after a quiet period)
   */
  public RetryBudget(double ratio, int minRetries) {
    if (ratio < 0 || Double.isNaN(ratio)) {
      throw new IllegalArgumentException("ratio must not be negative, got " + ratio);
    }
    if (minRetries < 0) {
      throw new IllegalArgumentException("minRetries must not be negative, got " + minRetries);
    }
    this.ratio = ratio;
    this.capacity = Math.max(minRetries, 1);
    this.tokens = minRetries;
  }

  /** Records a first attempt of a call. */
  public synchronized void recordRequest() {
    tokens = Math.min(capacity, tokens + ratio);
  }

  /** Takes a token for one retry; false when the budget is spent. */
  public synchronized boolean tryAcquireRetry() {
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Tokens left, for diagnostics. */
  public synchronized double available() {
    return tokens;
  }
}
