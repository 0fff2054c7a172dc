package dev.apimart.core.internal.wire;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads {@code Retry-After} (RFC 9110 §10.2.3): delta-seconds or an HTTP-date. */
final class RetryAfterParser {

  private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,30}(\\.\\d{1,9})?");
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private final Clock clock;

  RetryAfterParser(Clock clock) {
    this.clock = clock;
  }

  Optional<Duration> parse(@Nullable Map<String, List<String>> headers) {
    String value = header(headers, "Retry-After");
    if (value == null) {
      return Optional.empty();
    }
    return parseValue(value.strip());
  }

  Optional<Duration> parseValue(String value) {
    if (value.isEmpty() || value.length() > 64) {
      return Optional.empty();
    }
    if (DELTA_SECONDS.matcher(value).matches()) {
      BigDecimal seconds = new BigDecimal(value);
      if (seconds.compareTo(MAX_SECONDS) >= 0) {
        // Out of Duration's range: saturate; the retry engine clamps it anyway.
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
      }
      long whole = seconds.longValue();
      long nanos =
          seconds.subtract(BigDecimal.valueOf(whole)).multiply(NANOS_PER_SECOND).longValue();
      return Optional.of(Duration.ofSeconds(whole, nanos));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration until = Duration.between(clock.instant(), at);
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** The first non-blank value of a header, whatever the case of its name. */
  static @Nullable String header(@Nullable Map<String, List<String>> headers, String name) {
    if (headers == null) {
      return null;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
        for (String v : e.getValue()) {
          if (v != null && !v.isBlank()) {
            return v;
          }
        }
      }
    }
    return null;
  }
}
