package dev.apimart.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and prints the short durations people type and read: {@code 90s}, {@code 5m}, {@code 1h}.
 */
final class Durations {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,6})(ms|s|m|h)?");

  private Durations() {}

  /** Parses {@code 90}, {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms} or ISO {@code PT2M}. */
  static Optional<Duration> parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      Duration d =
          switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
          };
      return d.isZero() ? Optional.empty() : Optional.of(d);
    }
    try {
      Duration d = Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
      return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code 0:07}, {@code 1:05}, {@code 1:02:03}. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }

  /** {@code 1.2s} or {@code 340ms}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}
