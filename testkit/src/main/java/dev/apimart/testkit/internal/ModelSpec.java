package dev.apimart.testkit.internal;

import dev.apimart.core.model.ImageModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fake's own table of what each model accepts, written from ApiMart's model pages and
 * independent of the client's capability rules (where the pages are silent it follows ADR 0003, so
 * client and fake agree). Also the defaults for how long a task takes and what an image costs.
 */
public enum ModelSpec {
  /** Exactly one image; takes {@code prompt_extend}. */
  Z_IMAGE_TURBO(ImageModel.Z_IMAGE_TURBO, "z-image-turbo", 1, false, 0, false, true, 5, "0.02"),
  /** One to six images, negative prompt, reference images. */
  QWEN_IMAGE_2_0(ImageModel.QWEN_IMAGE_2_0, "qwen-image-2.0", 6, true, 3, true, false, 20, "0.04"),
  /** As qwen-image-2.0, slower and dearer. */
  QWEN_IMAGE_2_0_PRO(
      ImageModel.QWEN_IMAGE_2_0_PRO, "qwen-image-2.0-pro", 6, true, 3, true, false, 30, "0.08");

  /** Every model: at most this many prompt characters (code points). */
  public static final int MAX_PROMPT_CHARS = 800;

  /** Models that take a negative prompt: at most this many characters (code points). */
  public static final int MAX_NEGATIVE_PROMPT_CHARS = 500;

  private final ImageModel model;
  private final String id;
  private final int maxImages;
  private final boolean acceptsCount;
  private final int maxReferenceImages;
  private final boolean negativePrompt;
  private final boolean promptExtend;
  private final Duration defaultDuration;
  private final BigDecimal defaultPrice;

  ModelSpec(
      ImageModel model,
      String id,
      int maxImages,
      boolean acceptsCount,
      int maxReferenceImages,
      boolean negativePrompt,
      boolean promptExtend,
      int defaultSeconds,
      String defaultPrice) {
    this.model = model;
    this.id = id;
    this.maxImages = maxImages;
    this.acceptsCount = acceptsCount;
    this.maxReferenceImages = maxReferenceImages;
    this.negativePrompt = negativePrompt;
    this.promptExtend = promptExtend;
    this.defaultDuration = Duration.ofSeconds(defaultSeconds);
    this.defaultPrice = new BigDecimal(defaultPrice);
  }

  /** The spec whose wire id is exactly {@code id} (case-sensitive, as the service's routing). */
  public static Optional<ModelSpec> byId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  /** The spec of a domain model. */
  public static ModelSpec of(ImageModel model) {
    return Arrays.stream(values()).filter(m -> m.model == model).findFirst().orElseThrow();
  }

  /** Model ids, comma separated, for messages. */
  public static String ids() {
    return Arrays.stream(values()).map(m -> m.id).collect(Collectors.joining(", "));
  }

  /** The domain model. */
  public ImageModel model() {
    return model;
  }

  /** The wire id. */
  public String id() {
    return id;
  }

  /** Largest {@code n}. */
  public int maxImages() {
    return maxImages;
  }

  /** Whether {@code n} other than 1 may be sent. */
  public boolean acceptsCount() {
    return acceptsCount;
  }

  /** How many {@code image_urls} it takes (0: none). */
  public int maxReferenceImages() {
    return maxReferenceImages;
  }

  /** Whether it takes {@code negative_prompt}. */
  public boolean negativePrompt() {
    return negativePrompt;
  }

  /** Whether it takes {@code prompt_extend: true}. */
  public boolean promptExtend() {
    return promptExtend;
  }

  /** How long a task takes unless configured or scripted otherwise. */
  public Duration defaultDuration() {
    return defaultDuration;
  }

  /** What one image costs unless configured otherwise. */
  public BigDecimal defaultPrice() {
    return defaultPrice;
  }
}
