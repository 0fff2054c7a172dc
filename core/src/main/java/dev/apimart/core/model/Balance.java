package dev.apimart.core.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The remaining and used balance of an API key, from the free {@code GET /v1/balance}. The unit
 * (USD, CNY or tokens) depends on the account and is not reported by the service.
 *
 * @param remaining what is left; {@code null} when the quota is unlimited (the service sends -1)
 * @param used what has been spent
 * @param unlimited whether the key has an unlimited quota
 */
public record Balance(@Nullable BigDecimal remaining, BigDecimal used, boolean unlimited) {

  /** Checks consistency: an unlimited balance has no remaining amount, a limited one has. */
  public Balance {
    Objects.requireNonNull(used, "used");
    if (unlimited != (remaining == null)) {
      throw new IllegalArgumentException(
          "remaining must be absent exactly when the quota is unlimited");
    }
  }

  /** The remaining amount, empty for an unlimited quota. */
  public Optional<BigDecimal> remainingAmount() {
    return Optional.ofNullable(remaining);
  }

  /** Whether at least {@code amount} is left (always true for an unlimited quota). */
  public boolean covers(BigDecimal amount) {
    return unlimited || remaining.compareTo(amount) >= 0;
  }
}
