package dev.apimart.core.client;

import dev.apimart.core.internal.retry.RetrySettings;
import java.time.Duration;
import java.util.Objects;

/**
 * When the client repeats a failed call. Immutable; build with {@link #builder()}.
 *
 * <p>Status requests, balance reads and downloads are repeated after connection failures, timeouts,
 * HTTP 429 and 500/502/503/504. A submission is repeated only when it certainly never left
 * (connection refused, DNS failure) or was refused before any work (429, 503); when it may have
 * been received (timeout after sending, broken connection, 500/502/504, a 2xx answer that cannot be
 * read) the client raises {@code SubmissionOutcomeUnknownException} instead, because repeating
 * could create — and bill — a second task, unless {@link
 * Builder#retryAmbiguousSubmissions(boolean)} is on. 400, 401, 402, 403 and 404 are never repeated.
 *
 * <p>Waits grow exponentially from {@code initialBackoff} up to {@code maxBackoff} with random
 * jitter; a {@code Retry-After} from the service is honoured up to {@code maxRetryAfter}. All calls
 * of one client share a retry budget: retries may not exceed {@code budgetRatio} of recent requests
 * plus {@code budgetMinRetries}, so an outage does not become a retry storm.
 *
 * <p>Every submission carries an {@code Idempotency-Key} header — a fresh random key per logical
 * submission, the same on each of its attempts — unless {@link
 * Builder#sendIdempotencyKeys(boolean)} is off. For a model whose catalog entry says ApiMart
 * honours the key ({@code ModelCapabilities#honoursIdempotencyKey()}), a submission that may have
 * been received is repeated with the same key, which cannot create a second task; for every other
 * model the rule above stands.
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double jitter;
  private final Duration maxRetryAfter;
  private final boolean retryAmbiguousSubmissions;
  private final double budgetRatio;
  private final int budgetMinRetries;
  private final boolean sendIdempotencyKeys;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.jitter = b.jitter;
    this.maxRetryAfter = b.maxRetryAfter;
    this.retryAmbiguousSubmissions = b.retryAmbiguousSubmissions;
    this.budgetRatio = b.budgetRatio;
    this.budgetMinRetries = b.budgetMinRetries;
    this.sendIdempotencyKeys = b.sendIdempotencyKeys;
  }

  /**
   * Three attempts in total, backoff from 500 ms up to 10 s with full jitter, {@code Retry-After}
   * honoured up to 30 s, ambiguous submissions not repeated, budget 20% of requests plus 10.
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** Never repeats anything. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.jitter = jitter;
    b.maxRetryAfter = maxRetryAfter;
    b.retryAmbiguousSubmissions = retryAmbiguousSubmissions;
    b.budgetRatio = budgetRatio;
    b.budgetMinRetries = budgetMinRetries;
    b.sendIdempotencyKeys = sendIdempotencyKeys;
    return b;
  }

  /** Attempts in total, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait before the first retry, before jitter. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest wait between attempts, before jitter. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Share of each wait that is random: 0 none, 1 full jitter. */
  public double jitter() {
    return jitter;
  }

  /** The longest {@code Retry-After} honoured; longer ones are cut to this. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** Whether a submission that may have been received is repeated anyway. */
  public boolean retryAmbiguousSubmissions() {
    return retryAmbiguousSubmissions;
  }

  /** Retries allowed per request made, over the recent past. */
  public double budgetRatio() {
    return budgetRatio;
  }

  /** Retries always allowed after a quiet period. */
  public int budgetMinRetries() {
    return budgetMinRetries;
  }

  /** Whether submissions carry an {@code Idempotency-Key} header. */
  public boolean sendIdempotencyKeys() {
    return sendIdempotencyKeys;
  }

  /** For the engine. */
  RetrySettings toSettings() {
    return new RetrySettings(
        maxAttempts,
        initialBackoff,
        maxBackoff,
        jitter,
        maxRetryAfter,
        retryAmbiguousSubmissions,
        budgetRatio,
        budgetMinRetries);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy p
        && maxAttempts == p.maxAttempts
        && initialBackoff.equals(p.initialBackoff)
        && maxBackoff.equals(p.maxBackoff)
        && Double.compare(jitter, p.jitter) == 0
        && maxRetryAfter.equals(p.maxRetryAfter)
        && retryAmbiguousSubmissions == p.retryAmbiguousSubmissions
        && Double.compare(budgetRatio, p.budgetRatio) == 0
        && budgetMinRetries == p.budgetMinRetries
        && sendIdempotencyKeys == p.sendIdempotencyKeys;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxAttempts,
        initialBackoff,
        maxBackoff,
        jitter,
        maxRetryAfter,
        retryAmbiguousSubmissions,
        budgetRatio,
        budgetMinRetries,
        sendIdempotencyKeys);
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts="
        + maxAttempts
        + ", backoff="
        + initialBackoff
        + ".."
        + maxBackoff
        + ", jitter="
        + jitter
        + ", maxRetryAfter="
        + maxRetryAfter
        + ", retryAmbiguousSubmissions="
        + retryAmbiguousSubmissions
        + ", budget="
        + budgetRatio
        + "+"
        + budgetMinRetries
        + ", sendIdempotencyKeys="
        + sendIdempotencyKeys
        + "]";
  }

  /** Builds a {@link RetryPolicy}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private double jitter = 1.0;
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private boolean retryAmbiguousSubmissions;
    private double budgetRatio = 0.2;
    private int budgetMinRetries = 10;
    private boolean sendIdempotencyKeys = true;

    private Builder() {}

    /**
     * Whether each submission carries an {@code Idempotency-Key} header (a fresh random key per
     * submission, or the request's own). Default on. Switch it off for a gateway that refuses the
     * header; then no submission counts as safe to repeat by its key.
     */
    public Builder sendIdempotencyKeys(boolean sendIdempotencyKeys) {
      this.sendIdempotencyKeys = sendIdempotencyKeys;
      return this;
    }

    /** Attempts in total, at least 1 (1 = never retry). Default 3. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The wait before the first retry, doubled for each further one. Default 500 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    /** The longest wait between attempts. Default 10 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Share of each wait that is random, from 0 (exact waits) to 1 (full jitter: anywhere between
     * zero and the backoff). Default 1, which spreads clients out best after a shared outage.
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /** The longest {@code Retry-After} honoured; a longer one is cut to this. Default 30 s. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Whether to repeat a submission that may have been received (timeout after sending, broken
     * connection, 500/502/504, an unreadable 2xx answer). Off by default: it can create and bill a
     * second task.
     */
    public Builder retryAmbiguousSubmissions(boolean retryAmbiguousSubmissions) {
      this.retryAmbiguousSubmissions = retryAmbiguousSubmissions;
      return this;
    }

    /** Retries allowed per request made (0 or more). Default 0.2. */
    public Builder budgetRatio(double budgetRatio) {
      if (!(budgetRatio >= 0)) {
        throw new IllegalArgumentException("budgetRatio must not be negative, got " + budgetRatio);
      }
      this.budgetRatio = budgetRatio;
      return this;
    }

    /** Retries always allowed after a quiet period (0 or more). Default 10. */
    public Builder budgetMinRetries(int budgetMinRetries) {
      if (budgetMinRetries < 0) {
        throw new IllegalArgumentException(
            "budgetMinRetries must not be negative, got " + budgetMinRetries);
      }
      this.budgetMinRetries = budgetMinRetries;
      return this;
    }

    /**
     * The policy.
     *
     * @throws IllegalArgumentException when initialBackoff exceeds maxBackoff
     */
    public RetryPolicy build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException(
            "initialBackoff " + initialBackoff + " must not exceed maxBackoff " + maxBackoff);
      }
      return new RetryPolicy(this);
    }
  }

  static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
    return value;
  }

  static Duration nonNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }
}
