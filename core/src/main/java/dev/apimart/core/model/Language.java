package dev.apimart.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Language of the service's task messages ({@code language} query parameter). */
public enum Language {
  /** English (the service's default). */
  EN,
  /** Chinese. */
  ZH,
  /** Korean. */
  KO,
  /** Japanese. */
  JA;

  /** The query parameter value, e.g. {@code "zh"}. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Finds a language by its code ({@code en}, {@code zh}, {@code ko}, {@code ja}). */
  public static Optional<Language> fromWireValue(String value) {
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(l -> l.wireValue().equals(normalized)).findFirst();
  }
}
