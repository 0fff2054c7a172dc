package dev.apimart.core.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The remaining and used balance of an API key, from the free {@code GET /v1/balance}. The unit
 * (USD, CNY or tokens) depends on the account and is not reported by the service. Immutable; build
 * one with {@link #builder()} (or {@link #limited}/{@link #unlimited}).
 */
public final class Balance {

  private final @Nullable BigDecimal remaining;
  private final BigDecimal used;

  private Balance(Builder b) {
    this.used = Objects.requireNonNull(b.used, "used");
    if (b.unlimited == (b.remaining != null)) {
      throw new IllegalArgumentException(
          b.unlimited
              ? "an unlimited balance has no remaining amount"
              : "a limited balance needs a remaining amount (or mark it unlimited)");
    }
    this.remaining = b.remaining;
  }

  /** A balance with {@code remaining} left after spending {@code used}. */
  public static Balance limited(BigDecimal remaining, BigDecimal used) {
    return builder().remaining(remaining).used(used).build();
  }

  /** An unlimited quota, {@code used} spent so far. */
  public static Balance unlimited(BigDecimal used) {
    return builder().unlimited(true).used(used).build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this balance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.remaining = remaining;
    b.used = used;
    b.unlimited = remaining == null;
    return b;
  }

  /** What is left; empty exactly when the quota is unlimited (the service sends -1). */
  public Optional<BigDecimal> remaining() {
    return Optional.ofNullable(remaining);
  }

  /** What has been spent. */
  public BigDecimal used() {
    return used;
  }

  /** Whether the key has an unlimited quota. */
  public boolean unlimited() {
    return remaining == null;
  }

  /** Whether at least {@code amount} is left (always true for an unlimited quota). */
  public boolean covers(BigDecimal amount) {
    return remaining == null || remaining.compareTo(amount) >= 0;
  }

  /** Equal when both are unlimited or both have the same remaining amount, and the same used. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Balance other
        && Objects.equals(remaining, other.remaining)
        && used.equals(other.used);
  }

  @Override
  public int hashCode() {
    return Objects.hash(remaining, used);
  }

  @Override
  public String toString() {
    return "Balance[remaining="
        + (remaining == null ? "unlimited" : remaining.toPlainString())
        + ", used="
        + used.toPlainString()
        + "]";
  }

  /** Collects a balance's values; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private @Nullable BigDecimal remaining;
    private @Nullable BigDecimal used;
    private boolean unlimited;

    private Builder() {}

    /** What is left; for a limited quota. */
    public Builder remaining(@Nullable BigDecimal remaining) {
      this.remaining = remaining;
      return this;
    }

    /** What has been spent; required. */
    public Builder used(BigDecimal used) {
      this.used = Objects.requireNonNull(used, "used");
      return this;
    }

    /** Whether the quota is unlimited (then no remaining amount is given). */
    public Builder unlimited(boolean unlimited) {
      this.unlimited = unlimited;
      return this;
    }

    /**
     * The balance.
     *
     * @throws IllegalArgumentException unless a remaining amount is given exactly when the quota is
     *     not unlimited
     */
    public Balance build() {
      return new Balance(this);
    }
  }
}
