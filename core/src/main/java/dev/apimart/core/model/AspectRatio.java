package dev.apimart.core.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The aspect ratios ApiMart accepts in the {@code size} field. The wire value is the ratio text
 * (for example {@code "16:9"}); {@link #RATIO_1_1} is the service's default.
 */
public enum AspectRatio {
  /** Square, {@code 1:1} (the service's default). */
  RATIO_1_1("1:1"),
  /** Landscape {@code 4:3}. */
  RATIO_4_3("4:3"),
  /** Portrait {@code 3:4}. */
  RATIO_3_4("3:4"),
  /** Landscape widescreen {@code 16:9}. */
  RATIO_16_9("16:9"),
  /** Portrait vertical {@code 9:16}. */
  RATIO_9_16("9:16"),
  /** Landscape {@code 3:2}. */
  RATIO_3_2("3:2"),
  /** Portrait {@code 2:3}. */
  RATIO_2_3("2:3");

  private final String wireValue;

  AspectRatio(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The value sent in the {@code size} field, e.g. {@code "16:9"}. */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Finds the ratio for a wire value such as {@code "16:9"} (surrounding blanks ignored).
   *
   * @return the ratio, or empty when the text names none of the supported ratios
   */
  public static Optional<AspectRatio> fromWireValue(String value) {
    String trimmed = value.strip();
    return Arrays.stream(values()).filter(r -> r.wireValue.equals(trimmed)).findFirst();
  }

  /** The supported wire values, comma separated, for messages. */
  public static String allowedValues() {
    return Arrays.stream(values()).map(AspectRatio::wireValue).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
