package dev.apimart.core.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * Width and height of a generated image in pixels. The output size is a pure function of (aspect
 * ratio, resolution tier); {@link #of(AspectRatio, Resolution)} holds ApiMart's table.
 *
 * @param width width in pixels, positive
 * @param height height in pixels, positive
 */
public record PixelSize(int width, int height) {

  private static final Map<Resolution, Map<AspectRatio, PixelSize>> TABLE = table();

  /** Checks that both sides are positive. */
  public PixelSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "width and height must be positive, got " + width + "x" + height);
    }
  }

  /** The pixel size ApiMart produces for this ratio and tier. */
  public static PixelSize of(AspectRatio ratio, Resolution resolution) {
    return TABLE.get(resolution).get(ratio);
  }

  /** Total number of pixels. */
  public long pixels() {
    return (long) width * height;
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }

  private static Map<Resolution, Map<AspectRatio, PixelSize>> table() {
    Map<AspectRatio, PixelSize> oneK = new EnumMap<>(AspectRatio.class);
    oneK.put(AspectRatio.RATIO_1_1, new PixelSize(1024, 1024));
    oneK.put(AspectRatio.RATIO_4_3, new PixelSize(1152, 864));
    oneK.put(AspectRatio.RATIO_3_4, new PixelSize(864, 1152));
    oneK.put(AspectRatio.RATIO_16_9, new PixelSize(1280, 720));
    oneK.put(AspectRatio.RATIO_9_16, new PixelSize(720, 1280));
    oneK.put(AspectRatio.RATIO_3_2, new PixelSize(1248, 832));
    oneK.put(AspectRatio.RATIO_2_3, new PixelSize(832, 1248));
    Map<AspectRatio, PixelSize> twoK = new EnumMap<>(AspectRatio.class);
    twoK.put(AspectRatio.RATIO_1_1, new PixelSize(2048, 2048));
    twoK.put(AspectRatio.RATIO_4_3, new PixelSize(2048, 1536));
    twoK.put(AspectRatio.RATIO_3_4, new PixelSize(1536, 2048));
    twoK.put(AspectRatio.RATIO_16_9, new PixelSize(2048, 1152));
    twoK.put(AspectRatio.RATIO_9_16, new PixelSize(1152, 2048));
    twoK.put(AspectRatio.RATIO_3_2, new PixelSize(2048, 1360));
    twoK.put(AspectRatio.RATIO_2_3, new PixelSize(1360, 2048));
    Map<Resolution, Map<AspectRatio, PixelSize>> all = new EnumMap<>(Resolution.class);
    all.put(Resolution.RES_1K, Map.copyOf(oneK));
    all.put(Resolution.RES_2K, Map.copyOf(twoK));
    return Map.copyOf(all);
  }
}
