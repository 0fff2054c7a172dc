package dev.apimart.core.model;

/**
 * Width and height of a generated image in pixels. Which size a request yields is the model's
 * business: {@link ModelCapabilities#pixelSize(ImageSize, Resolution)} reads its documented table.
 *
 * @param width width in pixels, positive
 * @param height height in pixels, positive
 */
public record PixelSize(int width, int height) implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks that both sides are positive. */
  public PixelSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "width and height must be positive, got " + width + "x" + height);
    }
  }

  /** Total number of pixels. */
  public long pixels() {
    return (long) width * height;
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
