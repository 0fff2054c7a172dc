package dev.apimart.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and prints the short durations people type and read: {@code 90s}, {@code 5m}, {@code 1h}.
 */
final class Durations {

  /** The longest {@code --timeout} taken: a day; longer is a typo, and overflows arithmetic. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  private Durations() {}

  /** Parses {@code 90}, {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms} or ISO {@code PT2M}. */
  static Optional<Duration> parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(t);
    try {
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
      Duration d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * A {@code --timeout} value: a duration between 1 ms and {@link #MAX_TIMEOUT}, or a problem added
   * to {@code problems} in the flag's words.
   */
  static Optional<Duration> timeout(String flag, String text, java.util.List<String> problems) {
    Optional<Duration> d = parse(text);
    if (d.isEmpty()) {
      problems.add(flag + ": '" + text + "' is not a duration; write e.g. 90s, 5m or 1h");
      return Optional.empty();
    }
    if (d.get().compareTo(MAX_TIMEOUT) > 0) {
      problems.add(
          flag
              + ": '"
              + text
              + "' is longer than "
              + words(MAX_TIMEOUT)
              + ", the longest wait taken");
      return Optional.empty();
    }
    return d;
  }

  /** {@code 0:07}, {@code 1:05}, {@code 1:02:03}. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** {@code 1.2s} or {@code 340ms}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }

  /** As a flag takes it: {@code 200ms}, {@code 4s}, {@code 2m}, {@code 1h30m}, {@code 24h}. */
  static String words(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return "0s";
    }
    if (d.toMillis() < 1000 || d.toMillisPart() != 0 && d.toSeconds() < 60) {
      return d.toMillis() < 1000
          ? d.toMillis() + "ms"
          : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    StringBuilder sb = new StringBuilder();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (s > 0 || sb.length() == 0) {
      sb.append(s).append('s');
    }
    return sb.toString();
  }
}
