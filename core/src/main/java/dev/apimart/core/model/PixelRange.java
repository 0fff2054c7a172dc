package dev.apimart.core.model;

import org.jspecify.annotations.Nullable;

/**
 * The explicit pixel sizes ({@code WxH}) a model accepts in {@code size}: each side within {@link
 * #minSide()}..{@link #maxSide()} and, when {@link #maxPixels()} is positive, at most that many
 * pixels in all.
 */
public final class PixelRange {

  private final int minSide;
  private final int maxSide;
  private final long maxPixels;

  private PixelRange(int minSide, int maxSide, long maxPixels) {
    this.minSide = minSide;
    this.maxSide = maxSide;
    this.maxPixels = maxPixels;
  }

  /**
   * A range of sides, with an optional cap on the total number of pixels.
   *
   * @param minSide smallest width or height, at least 1
   * @param maxSide largest width or height, at least {@code minSide}
   * @param maxPixels most pixels in all; 0 for no cap
   * @throws IllegalArgumentException when the bounds are inconsistent
   */
  public static PixelRange of(int minSide, int maxSide, long maxPixels) {
    if (minSide < 1 || maxSide < minSide || maxPixels < 0) {
      throw new IllegalArgumentException(
          "pixel range needs 1 <= minSide <= maxSide and maxPixels >= 0, got "
              + minSide
              + ".."
              + maxSide
              + ", "
              + maxPixels);
    }
    return new PixelRange(minSide, maxSide, maxPixels);
  }

  /** Smallest width or height. */
  public int minSide() {
    return minSide;
  }

  /** Largest width or height. */
  public int maxSide() {
    return maxSide;
  }

  /** Most pixels in all; 0 when there is no cap. */
  public long maxPixels() {
    return maxPixels;
  }

  /** Whether {@code width x height} lies in the range. */
  public boolean contains(int width, int height) {
    return width >= minSide
        && width <= maxSide
        && height >= minSide
        && height <= maxSide
        && (maxPixels == 0 || (long) width * height <= maxPixels);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PixelRange other
        && minSide == other.minSide
        && maxSide == other.maxSide
        && maxPixels == other.maxPixels;
  }

  @Override
  public int hashCode() {
    return (31 * minSide + maxSide) * 31 + Long.hashCode(maxPixels);
  }

  /** For example {@code "256..3840 px per side, at most 8294400 px"}. */
  @Override
  public String toString() {
    return minSide
        + ".."
        + maxSide
        + " px per side"
        + (maxPixels > 0 ? ", at most " + maxPixels + " px" : "");
  }
}
