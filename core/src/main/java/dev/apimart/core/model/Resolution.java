package dev.apimart.core.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A resolution tier, the {@code resolution} field: {@code 0.5K}, {@code 1K}, {@code 1.5K}, {@code
 * 2K}, {@code 3K}, {@code 4K}, or any other value through {@link #of(String)}.
 *
 * <p>{@link #of(String)} strips blanks and writes the {@code K} in upper case ({@code " 2k "} is
 * {@link #RES_2K}); values are equal when their canonical text is. The spelling sent on the wire is
 * the one the chosen model documents (gpt-image-2 documents {@code 1k}), which {@link
 * ModelCapabilities#wireTier(Resolution)} gives.
 */
public final class Resolution {

  private static final Pattern TIER = Pattern.compile("(\\d{1,2}(?:\\.\\d)?)K");

  /** Half of 1K (gemini-3.1-flash-image-preview). */
  public static final Resolution RES_0_5K = new Resolution("0.5K");

  /** Standard resolution, the default of most models. */
  public static final Resolution RES_1K = new Resolution("1K");

  /** Between 1K and 2K. */
  public static final Resolution RES_1_5K = new Resolution("1.5K");

  /** High definition. */
  public static final Resolution RES_2K = new Resolution("2K");

  /** Between 2K and 4K (doubao-seedream-5-0-lite). */
  public static final Resolution RES_3K = new Resolution("3K");

  /** Ultra high definition. */
  public static final Resolution RES_4K = new Resolution("4K");

  private static final List<Resolution> KNOWN =
      List.of(RES_0_5K, RES_1K, RES_1_5K, RES_2K, RES_3K, RES_4K);

  private final String value;

  private Resolution(String value) {
    this.value = value;
  }

  /**
   * The tier for a text such as {@code "2K"} or {@code "2k"}: blanks stripped, a trailing {@code k}
   * upper-cased; a known tier returns its constant.
   *
   * @throws IllegalArgumentException when the text is blank
   */
  public static Resolution of(String value) {
    Objects.requireNonNull(value, "value");
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("resolution must not be blank");
    }
    String canonical = canonical(stripped);
    for (Resolution known : KNOWN) {
      if (known.value.equals(canonical)) {
        return known;
      }
    }
    return new Resolution(canonical);
  }

  private static String canonical(String stripped) {
    String upper = stripped.toUpperCase(Locale.ROOT);
    return TIER.matcher(upper).matches() ? upper : stripped;
  }

  /** The tiers this SDK version has constants for, smallest first. */
  public static List<Resolution> known() {
    return KNOWN;
  }

  /** Whether this is one of the constants. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /** The canonical text, e.g. {@code "2K"}. */
  public String value() {
    return value;
  }

  /**
   * The tier as a number of "K" ({@code 0.5}, {@code 2}), or {@code null} when the text is not of
   * the form {@code <number>K}.
   */
  public @Nullable BigDecimal kilo() {
    return TIER.matcher(value).matches()
        ? new BigDecimal(value.substring(0, value.length() - 1))
        : null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Resolution other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
