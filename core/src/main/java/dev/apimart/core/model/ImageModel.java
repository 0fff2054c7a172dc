package dev.apimart.core.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The image models ApiMart serves through {@code POST /v1/images/generations}, each with what it
 * accepts ({@link ModelCapabilities}). The limits come from ApiMart's model pages; where those
 * pages are silent the choice is recorded in {@code docs/adr/0003-capability-rules.md}.
 */
public enum ImageModel {
  /** Lightweight and fast; always exactly one image; supports {@code prompt_extend}. */
  Z_IMAGE_TURBO(
      "z-image-turbo",
      "lightweight and fast, exactly 1 image",
      new ModelCapabilities(1, 1, false, 800, false, 0, 0, true)),
  /** Standard Qwen image model: 1–6 images, negative prompt, image-to-image. */
  QWEN_IMAGE_2_0(
      "qwen-image-2.0",
      "balanced quality, 1-6 images, negative prompt, reference images",
      new ModelCapabilities(1, 6, true, 800, true, 500, 3, false)),
  /** Pro Qwen image model: stronger text rendering and realistic textures. */
  QWEN_IMAGE_2_0_PRO(
      "qwen-image-2.0-pro",
      "best text rendering, 1-6 images, negative prompt, reference images",
      new ModelCapabilities(1, 6, true, 800, true, 500, 3, false));

  private final String id;
  private final String summary;
  private final ModelCapabilities capabilities;

  ImageModel(String id, String summary, ModelCapabilities capabilities) {
    this.id = id;
    this.summary = summary;
    this.capabilities = capabilities;
  }

  /** The model name on the wire, e.g. {@code "qwen-image-2.0-pro"}. */
  public String id() {
    return id;
  }

  /** One line describing what the model is for. */
  public String summary() {
    return summary;
  }

  /** What this model accepts. */
  public ModelCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Finds a model by its wire name; case and surrounding blanks are ignored.
   *
   * @return the model, or empty for a name ApiMart's image endpoint does not serve
   */
  public static Optional<ImageModel> fromId(String id) {
    String normalized = id.strip();
    return Arrays.stream(values()).filter(m -> m.id.equalsIgnoreCase(normalized)).findFirst();
  }

  /** The model names, comma separated, for messages. */
  public static String allowedIds() {
    return Arrays.stream(values()).map(ImageModel::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
