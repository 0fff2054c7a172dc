package dev.apimart.spring.ai.internal;

import dev.apimart.core.error.Violation;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.PixelRange;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a framework's width × height into ApiMart's {@code size} and {@code resolution}, using only
 * what a model's catalog entry documents: a row of its pixel table (1280×720 on qwen-image-2.0 is
 * {@code 16:9} at {@code 1K}), or an explicit pixel size inside its documented range (gpt-image-2).
 * Anything else is refused with the sizes the model makes — never rounded to a near size.
 */
public final class PixelSizeMapping {

  private PixelSizeMapping() {}

  /**
   * What to send for a pixel size.
   *
   * @param size the {@code size} field: a ratio, or pixels
   * @param tier the {@code resolution} field, or {@code null} when the size is explicit pixels
   * @param pixels the size the images will have
   */
  public record Mapped(ImageSize size, @Nullable Resolution tier, PixelSize pixels) {}

  /**
   * The documented size for {@code width × height} on the model, or a violation saying which sizes
   * the model makes.
   *
   * @param caps the model's catalog entry, or {@code null} when the catalog does not know it
   * @param modelName the model's id, for messages
   */
  public static Result map(
      @Nullable ModelCapabilities caps, String modelName, int width, int height) {
    String asked = width + "x" + height;
    if (width <= 0 || height <= 0) {
      return refused(asked, "width and height must be positive pixel counts");
    }
    if (caps == null) {
      return refused(
          asked,
          "the model catalog has no entry for "
              + modelName
              + ", so its pixel sizes are unknown: choose ApiMart's size and resolution instead"
              + " (ApiMartImageOptions.size/resolution), or add a catalog entry for it");
    }
    for (Map.Entry<String, PixelSize> row : caps.pixelTable().entrySet()) {
      if (row.getValue().width() == width && row.getValue().height() == height) {
        Optional<Mapped> mapped = documentedRow(caps, row.getKey(), row.getValue());
        if (mapped.isPresent()) {
          return new Result(mapped.get(), null);
        }
      }
    }
    Optional<PixelRange> range = caps.pixelSizes();
    if (range.isPresent() && range.get().contains(width, height)) {
      ImageSize pixels = ImageSize.pixels(width, height);
      if (caps.acceptsSize(pixels)) {
        return new Result(new Mapped(pixels, null, new PixelSize(width, height)), null);
      }
    }
    return refused(asked, modelName + " makes no " + asked + " image; " + documented(caps));
  }

  /** The sizes the model documents, for a message: "its sizes: 1024x1024 (1:1, 1K), …". */
  public static String documented(ModelCapabilities caps) {
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, PixelSize> row : caps.pixelTable().entrySet()) {
      documentedRow(caps, row.getKey(), row.getValue())
          .ifPresent(m -> rows.add(m.pixels() + " (" + m.size() + ", " + m.tier() + ")"));
    }
    Optional<PixelRange> range = caps.pixelSizes();
    StringBuilder sb = new StringBuilder();
    if (!rows.isEmpty()) {
      sb.append("its documented sizes: ").append(String.join(", ", rows));
    }
    if (range.isPresent()) {
      sb.append(rows.isEmpty() ? "it takes " : "; or ").append("any WxH of ").append(range.get());
    }
    if (sb.length() == 0) {
      sb.append("its page documents no pixel sizes: choose ApiMart's size and resolution instead");
      caps.sizes()
          .filter(s -> !s.isEmpty())
          .ifPresent(s -> sb.append(" (sizes ").append(join(s)).append(')'));
      caps.tiers()
          .filter(t -> !t.isEmpty())
          .ifPresent(t -> sb.append(" (resolutions ").append(join(t)).append(')'));
    }
    return sb.toString();
  }

  private static Optional<Mapped> documentedRow(
      ModelCapabilities caps, String key, PixelSize pixels) {
    int at = key.lastIndexOf('@');
    if (at <= 0) {
      return Optional.empty();
    }
    ImageSize size = ImageSize.of(key.substring(0, at));
    Resolution tier = Resolution.of(key.substring(at + 1));
    if (!caps.acceptsSize(size) || !caps.acceptsTier(tier)) {
      return Optional.empty();
    }
    return Optional.of(new Mapped(size, tier, pixels));
  }

  private static String join(List<?> values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(v);
    }
    return sb.toString();
  }

  private static Result refused(String asked, String message) {
    return new Result(null, new Violation("size", asked, message));
  }

  /**
   * The mapping, or why there is none.
   *
   * @param mapped what to send, when the size is documented
   * @param violation why not, otherwise (field {@code size})
   */
  public record Result(@Nullable Mapped mapped, @Nullable Violation violation) {}
}
