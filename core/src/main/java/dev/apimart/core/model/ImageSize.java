package dev.apimart.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code size} field: an aspect ratio {@code W:H} (any, not only the documented ones), {@code
 * auto} (the model chooses, usually from the reference images), or explicit pixels {@code WxH} for
 * models that take them (gpt-image-2). Any other text is kept through {@link #of(String)}, so a
 * value ApiMart adds can be sent before this SDK knows it.
 *
 * <p>{@link #of(String)} strips blanks, lower-cases {@code auto} and the {@code x} of a pixel size,
 * and removes blanks around {@code :}; values are equal when their canonical text is. Whether the
 * chosen model takes a size is the {@link ModelCatalog}'s business, not this type's.
 */
public final class ImageSize {

  private static final Pattern RATIO = Pattern.compile("(\\d{1,5})\\s*:\\s*(\\d{1,5})");
  private static final Pattern PIXELS = Pattern.compile("(\\d{1,5})\\s*[xX×*]\\s*(\\d{1,5})");

  /** The model chooses the size (from the reference images, where it takes them). */
  public static final ImageSize AUTO = new ImageSize("auto", Kind.AUTO, 0, 0);

  /** The aspect ratio {@code 1:1}. */
  public static final ImageSize RATIO_1_1 = ratio(1, 1);

  /** The aspect ratio {@code 4:3}. */
  public static final ImageSize RATIO_4_3 = ratio(4, 3);

  /** The aspect ratio {@code 3:4}. */
  public static final ImageSize RATIO_3_4 = ratio(3, 4);

  /** The aspect ratio {@code 16:9}. */
  public static final ImageSize RATIO_16_9 = ratio(16, 9);

  /** The aspect ratio {@code 9:16}. */
  public static final ImageSize RATIO_9_16 = ratio(9, 16);

  /** The aspect ratio {@code 3:2}. */
  public static final ImageSize RATIO_3_2 = ratio(3, 2);

  /** The aspect ratio {@code 2:3}. */
  public static final ImageSize RATIO_2_3 = ratio(2, 3);

  /** The aspect ratio {@code 5:4}. */
  public static final ImageSize RATIO_5_4 = ratio(5, 4);

  /** The aspect ratio {@code 4:5}. */
  public static final ImageSize RATIO_4_5 = ratio(4, 5);

  /** The aspect ratio {@code 2:1}. */
  public static final ImageSize RATIO_2_1 = ratio(2, 1);

  /** The aspect ratio {@code 1:2}. */
  public static final ImageSize RATIO_1_2 = ratio(1, 2);

  /** The aspect ratio {@code 3:1}. */
  public static final ImageSize RATIO_3_1 = ratio(3, 1);

  /** The aspect ratio {@code 1:3}. */
  public static final ImageSize RATIO_1_3 = ratio(1, 3);

  /** The aspect ratio {@code 21:9}. */
  public static final ImageSize RATIO_21_9 = ratio(21, 9);

  /** The aspect ratio {@code 9:21}. */
  public static final ImageSize RATIO_9_21 = ratio(9, 21);

  /** The aspect ratio {@code 1:4}. */
  public static final ImageSize RATIO_1_4 = ratio(1, 4);

  /** The aspect ratio {@code 4:1}. */
  public static final ImageSize RATIO_4_1 = ratio(4, 1);

  /** The aspect ratio {@code 1:8}. */
  public static final ImageSize RATIO_1_8 = ratio(1, 8);

  /** The aspect ratio {@code 8:1}. */
  public static final ImageSize RATIO_8_1 = ratio(8, 1);

  private static final List<ImageSize> KNOWN =
      List.of(
          AUTO,
          RATIO_1_1,
          RATIO_4_3,
          RATIO_3_4,
          RATIO_16_9,
          RATIO_9_16,
          RATIO_3_2,
          RATIO_2_3,
          RATIO_5_4,
          RATIO_4_5,
          RATIO_2_1,
          RATIO_1_2,
          RATIO_3_1,
          RATIO_1_3,
          RATIO_21_9,
          RATIO_9_21,
          RATIO_1_4,
          RATIO_4_1,
          RATIO_1_8,
          RATIO_8_1);

  private enum Kind {
    RATIO,
    AUTO,
    PIXELS,
    OTHER
  }

  private final String value;
  private final Kind kind;
  private final int width;
  private final int height;

  private ImageSize(String value, Kind kind, int width, int height) {
    this.value = value;
    this.kind = kind;
    this.width = width;
    this.height = height;
  }

  /**
   * The aspect ratio {@code width:height}.
   *
   * @throws IllegalArgumentException when a side is not positive
   */
  public static ImageSize ratio(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "ratio sides must be positive, got " + width + ":" + height);
    }
    return new ImageSize(width + ":" + height, Kind.RATIO, width, height);
  }

  /**
   * An explicit pixel size {@code widthxheight}, for models that take one.
   *
   * @throws IllegalArgumentException when a side is not positive
   */
  public static ImageSize pixels(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "pixel sides must be positive, got " + width + "x" + height);
    }
    return new ImageSize(width + "x" + height, Kind.PIXELS, width, height);
  }

  /**
   * The size for a text such as {@code "16:9"}, {@code "auto"} or {@code "1024x768"}; any other
   * text is kept (stripped) as given, for the validator to judge against the model.
   *
   * @throws IllegalArgumentException when the text is blank
   */
  public static ImageSize of(String value) {
    Objects.requireNonNull(value, "value");
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("size must not be blank");
    }
    if (stripped.equalsIgnoreCase("auto")) {
      return AUTO;
    }
    Matcher ratio = RATIO.matcher(stripped);
    if (ratio.matches()) {
      int w = Integer.parseInt(ratio.group(1));
      int h = Integer.parseInt(ratio.group(2));
      if (w > 0 && h > 0) {
        String canonical = w + ":" + h;
        for (ImageSize known : KNOWN) {
          if (known.value.equals(canonical)) {
            return known;
          }
        }
        return new ImageSize(canonical, Kind.RATIO, w, h);
      }
    }
    Matcher pixels = PIXELS.matcher(stripped);
    if (pixels.matches()) {
      int w = Integer.parseInt(pixels.group(1));
      int h = Integer.parseInt(pixels.group(2));
      if (w > 0 && h > 0) {
        return new ImageSize(w + "x" + h, Kind.PIXELS, w, h);
      }
    }
    return new ImageSize(stripped, Kind.OTHER, 0, 0);
  }

  /** {@code auto} and the ratios ApiMart's model pages document, as constants. */
  public static List<ImageSize> known() {
    return KNOWN;
  }

  /** Whether this is one of the constants. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /** Whether this is an aspect ratio {@code W:H}. */
  public boolean isRatio() {
    return kind == Kind.RATIO;
  }

  /** Whether this is {@code auto}. */
  public boolean isAuto() {
    return kind == Kind.AUTO;
  }

  /** Whether this is an explicit pixel size {@code WxH}. */
  public boolean isPixels() {
    return kind == Kind.PIXELS;
  }

  /**
   * The width part of a ratio or pixel size ({@code 16} of {@code 16:9}).
   *
   * @throws IllegalStateException for {@code auto} and unparsed text
   */
  public int width() {
    requireShape();
    return width;
  }

  /**
   * The height part of a ratio or pixel size ({@code 9} of {@code 16:9}).
   *
   * @throws IllegalStateException for {@code auto} and unparsed text
   */
  public int height() {
    requireShape();
    return height;
  }

  /** The explicit pixel size, when this is one. */
  public Optional<PixelSize> pixelSize() {
    return kind == Kind.PIXELS ? Optional.of(new PixelSize(width, height)) : Optional.empty();
  }

  private void requireShape() {
    if (kind != Kind.RATIO && kind != Kind.PIXELS) {
      throw new IllegalStateException("'" + value + "' is neither a ratio nor a pixel size");
    }
  }

  /**
   * The canonical text sent on the wire, e.g. {@code "16:9"}, {@code "auto"}, {@code "1881x836"}.
   */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ImageSize other && value.equals(other.value);
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
