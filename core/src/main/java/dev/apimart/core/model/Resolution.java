package dev.apimart.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The resolution tiers ApiMart accepts in the {@code resolution} field; 1K is the default. */
public enum Resolution {
  /** Standard resolution (the service's default). */
  RES_1K("1K"),
  /** High definition. */
  RES_2K("2K");

  private final String wireValue;

  Resolution(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The value sent in the {@code resolution} field, {@code "1K"} or {@code "2K"}. */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Finds the tier for a wire value; {@code "2k"} is accepted as {@code "2K"}.
   *
   * @return the tier, or empty when the text names none
   */
  public static Optional<Resolution> fromWireValue(String value) {
    String normalized = value.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.wireValue.equals(normalized)).findFirst();
  }

  /** The supported wire values, comma separated, for messages. */
  public static String allowedValues() {
    return Arrays.stream(values()).map(Resolution::wireValue).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
