package dev.apimart.core.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Language of the service's task messages, the {@code language} query parameter of the task status
 * request: the ten codes the status page lists as constants, any other through {@link #of(String)}.
 * The service refuses region tags such as {@code zh-CN}; use the bare language code.
 */
public final class Language {

  /** English (the service's default). */
  public static final Language EN = new Language("en");

  /** Chinese. */
  public static final Language ZH = new Language("zh");

  /** Japanese. */
  public static final Language JA = new Language("ja");

  /** Korean. */
  public static final Language KO = new Language("ko");

  /** Russian. */
  public static final Language RU = new Language("ru");

  /** French. */
  public static final Language FR = new Language("fr");

  /** German. */
  public static final Language DE = new Language("de");

  /** Indonesian. */
  public static final Language ID = new Language("id");

  /** Portuguese. */
  public static final Language PT = new Language("pt");

  /** Spanish. */
  public static final Language ES = new Language("es");

  private static final List<Language> KNOWN = List.of(EN, ZH, JA, KO, RU, FR, DE, ID, PT, ES);

  private final String code;

  private Language(String code) {
    this.code = code;
  }

  /**
   * The language for a code such as {@code "zh"} (blanks stripped, lower-cased); a known code
   * returns its constant.
   *
   * @throws IllegalArgumentException when the code is blank
   */
  public static Language of(String code) {
    Objects.requireNonNull(code, "code");
    String normalized = code.strip().toLowerCase(Locale.ROOT);
    if (normalized.isEmpty()) {
      throw new IllegalArgumentException("language must not be blank");
    }
    return fromWireValue(normalized).orElseGet(() -> new Language(normalized));
  }

  /** The known language for a code (blanks and case ignored); empty for any other code. */
  public static Optional<Language> fromWireValue(String value) {
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    return KNOWN.stream().filter(l -> l.code.equals(normalized)).findFirst();
  }

  /** The languages the status page lists. */
  public static List<Language> known() {
    return KNOWN;
  }

  /** Whether this is one of the listed languages. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /** The query parameter value, e.g. {@code "zh"}. */
  public String wireValue() {
    return code;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Language other && code.equals(other.code);
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  @Override
  public String toString() {
    return code;
  }
}
