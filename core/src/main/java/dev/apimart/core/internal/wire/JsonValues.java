package dev.apimart.core.internal.wire;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lenient readers for optional JSON values: a value of the wrong type, out of range or unreadable
 * reads as absent ({@code null}) instead of failing, because ApiMart's answers vary between
 * versions of its documentation. Every conversion is bounded, so a number like {@code 1e999999999}
 * costs nothing and never overflows.
 */
final class JsonValues {

  private static final Pattern NUMERIC_TEXT =
      Pattern.compile("[+-]?(\\d{1,60}(\\.\\d{0,60})?|\\.\\d{1,60})([eE][+-]?\\d{1,4})?");

  /** Seconds beyond this (about 3 million years) are not a plausible time from the service. */
  private static final int MAX_INTEGER_DIGITS_OF_SECONDS = 14;

  private JsonValues() {}

  /** A non-blank string property, else null. */
  static @Nullable String text(@Nullable JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode value = object.get(name);
    return value != null && value.isString() && !value.stringValue().isBlank()
        ? value.stringValue()
        : null;
  }

  /** A number, or a string holding a plain decimal number, as an exact decimal; else null. */
  static @Nullable BigDecimal decimal(@Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isNumber()) {
      // The mapper reads floating-point numbers as BigDecimal, from their text: no double rounding.
      return value.decimalValue();
    }
    if (value.isString()) {
      String text = value.stringValue().strip();
      if (NUMERIC_TEXT.matcher(text).matches()) {
        try {
          return new BigDecimal(text);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** A code that may be a number or a string, as text; else null. */
  static @Nullable String codeText(@Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isString()) {
      String text = value.stringValue().strip();
      return text.isEmpty() ? null : text;
    }
    BigDecimal number = decimal(value);
    if (number == null) {
      return null;
    }
    Long whole = wholeValue(number);
    return whole != null && number.compareTo(BigDecimal.valueOf(whole)) == 0
        ? Long.toString(whole)
        : number.toPlainString();
  }

  /** The integer part of a number when it fits comfortably in a long, else null. */
  static @Nullable Long wholeValue(BigDecimal number) {
    int integerDigits = number.precision() - number.scale();
    if (integerDigits <= 0) {
      return 0L;
    }
    if (integerDigits > 18) {
      return null;
    }
    return number.setScale(0, RoundingMode.DOWN).longValueExact();
  }

  /** A number (or numeric text) as an int clamped to {@code [min, max]}; else null. */
  static @Nullable Integer clampedInt(@Nullable JsonNode value, int min, int max) {
    BigDecimal number = decimal(value);
    if (number == null) {
      return null;
    }
    Long whole = wholeValue(number);
    if (whole == null) {
      return number.signum() < 0 ? min : max;
    }
    return (int) Math.max(min, Math.min(max, whole));
  }

  /** A non-negative number of seconds (integer or fractional) as a duration; else null. */
  static @Nullable Duration seconds(@Nullable JsonNode value) {
    BigDecimal number = decimal(value);
    if (number == null || number.signum() < 0) {
      return null;
    }
    long[] parts = secondsAndNanos(number);
    return parts == null ? null : Duration.ofSeconds(parts[0], parts[1]);
  }

  /** Unix seconds (integer or fractional) as an instant; else null. */
  static @Nullable Instant epochSeconds(@Nullable JsonNode value) {
    BigDecimal number = decimal(value);
    if (number == null) {
      return null;
    }
    long[] parts = secondsAndNanos(number);
    if (parts == null) {
      return null;
    }
    try {
      return Instant.ofEpochSecond(parts[0], parts[1]);
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  private static long @Nullable [] secondsAndNanos(BigDecimal number) {
    int integerDigits = number.precision() - number.scale();
    if (integerDigits > MAX_INTEGER_DIGITS_OF_SECONDS) {
      return null;
    }
    if (integerDigits < -9) {
      return new long[] {0, 0}; // less than a nanosecond
    }
    long whole = number.setScale(0, RoundingMode.FLOOR).longValueExact();
    long nanos =
        number
            .subtract(BigDecimal.valueOf(whole))
            .movePointRight(9)
            .setScale(0, RoundingMode.DOWN)
            .longValueExact();
    return new long[] {whole, nanos};
  }
}
