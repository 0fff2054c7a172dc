package dev.apimart.cli.batch;

import java.time.Duration;
import java.util.Locale;

/** Durations as the command line prints them: {@code 1:05}, {@code 1.2s}, {@code 340ms}. */
final class Durations {

  private Durations() {}

  /** {@code 0:07}, {@code 1:05}, {@code 1:02:03}. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** {@code 1.2s}, {@code 340ms}, {@code 2m}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}
