package dev.apimart.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The name of an image model on ApiMart's {@code POST /v1/images/generations} endpoint: one of the
 * constants this SDK version knows, or any other name through {@link #of(String)} — so a model
 * ApiMart adds tomorrow can be used today.
 *
 * <p>Equal when the names are equal. {@link #of(String)} strips surrounding blanks and maps a name
 * that matches a known model in any case to that constant, so {@code of(" GPT-Image-2 ")} is {@link
 * #GPT_IMAGE_2}. What a model accepts is not here but in the {@link ModelCatalog}, which users can
 * extend and correct at run time.
 */
public final class ImageModel {

  private static final Map<String, ImageModel> KNOWN_BY_KEY = new ConcurrentHashMap<>();
  private static final List<ImageModel> KNOWN = Collections.synchronizedList(new ArrayList<>());

  /** {@code z-image-turbo}. */
  public static final ImageModel Z_IMAGE_TURBO = known("z-image-turbo");

  /** {@code qwen-image-2.0}. */
  public static final ImageModel QWEN_IMAGE_2_0 = known("qwen-image-2.0");

  /** {@code qwen-image-2.0-pro}. */
  public static final ImageModel QWEN_IMAGE_2_0_PRO = known("qwen-image-2.0-pro");

  /** {@code qwen-image-3.0}. */
  public static final ImageModel QWEN_IMAGE_3_0 = known("qwen-image-3.0");

  /** {@code qwen-image-3.0-pro}. */
  public static final ImageModel QWEN_IMAGE_3_0_PRO = known("qwen-image-3.0-pro");

  /** {@code gpt-image-2}. */
  public static final ImageModel GPT_IMAGE_2 = known("gpt-image-2");

  /** {@code gpt-image-2-ext}. */
  public static final ImageModel GPT_IMAGE_2_EXT = known("gpt-image-2-ext");

  /** {@code gpt-image-2-official}. */
  public static final ImageModel GPT_IMAGE_2_OFFICIAL = known("gpt-image-2-official");

  /** {@code gpt-image-1-official}. */
  public static final ImageModel GPT_IMAGE_1_OFFICIAL = known("gpt-image-1-official");

  /** {@code gpt-image-1.5-official}. */
  public static final ImageModel GPT_IMAGE_1_5_OFFICIAL = known("gpt-image-1.5-official");

  /** {@code gpt-4o-image}. */
  public static final ImageModel GPT_4O_IMAGE = known("gpt-4o-image");

  /** {@code gemini-3-pro-image-preview}. */
  public static final ImageModel GEMINI_3_PRO_IMAGE_PREVIEW = known("gemini-3-pro-image-preview");

  /** {@code gemini-3-pro-image-preview-official}. */
  public static final ImageModel GEMINI_3_PRO_IMAGE_PREVIEW_OFFICIAL =
      known("gemini-3-pro-image-preview-official");

  /** {@code gemini-3.1-flash-image-preview}. */
  public static final ImageModel GEMINI_3_1_FLASH_IMAGE_PREVIEW =
      known("gemini-3.1-flash-image-preview");

  /** {@code gemini-3.1-flash-image-preview-official}. */
  public static final ImageModel GEMINI_3_1_FLASH_IMAGE_PREVIEW_OFFICIAL =
      known("gemini-3.1-flash-image-preview-official");

  /** {@code gemini-3.1-flash-lite-image}. */
  public static final ImageModel GEMINI_3_1_FLASH_LITE_IMAGE = known("gemini-3.1-flash-lite-image");

  /** {@code gemini-2.5-flash-image-preview}. */
  public static final ImageModel GEMINI_2_5_FLASH_IMAGE_PREVIEW =
      known("gemini-2.5-flash-image-preview");

  /** {@code gemini-2.5-flash-image-preview-official}. */
  public static final ImageModel GEMINI_2_5_FLASH_IMAGE_PREVIEW_OFFICIAL =
      known("gemini-2.5-flash-image-preview-official");

  /** {@code imagen-4.0-apimart}. */
  public static final ImageModel IMAGEN_4_0_APIMART = known("imagen-4.0-apimart");

  /** {@code doubao-seedream-4-5}. */
  public static final ImageModel DOUBAO_SEEDREAM_4_5 = known("doubao-seedream-4-5");

  /** {@code doubao-seedream-5-0-lite}. */
  public static final ImageModel DOUBAO_SEEDREAM_5_0_LITE = known("doubao-seedream-5-0-lite");

  /** {@code flux-2-flex}. */
  public static final ImageModel FLUX_2_FLEX = known("flux-2-flex");

  /** {@code flux-2-pro}. */
  public static final ImageModel FLUX_2_PRO = known("flux-2-pro");

  /** {@code wan2.7-image}. */
  public static final ImageModel WAN_2_7_IMAGE = known("wan2.7-image");

  /** {@code wan2.7-image-pro}. */
  public static final ImageModel WAN_2_7_IMAGE_PRO = known("wan2.7-image-pro");

  /** {@code grok-imagine-1.0-apimart}. */
  public static final ImageModel GROK_IMAGINE_1_0_APIMART = known("grok-imagine-1.0-apimart");

  /** {@code grok-imagine-2.0-ext}. */
  public static final ImageModel GROK_IMAGINE_2_0_EXT = known("grok-imagine-2.0-ext");

  private final String id;
  private final boolean known;

  private ImageModel(String id, boolean known) {
    this.id = id;
    this.known = known;
  }

  private static ImageModel known(String id) {
    ImageModel model = new ImageModel(id, true);
    KNOWN_BY_KEY.put(id.toLowerCase(Locale.ROOT), model);
    KNOWN.add(model);
    return model;
  }

  /**
   * The model with this name: the constant when the name (surrounding blanks and case ignored) is
   * one this SDK knows, else a new value holding the stripped name as given.
   *
   * @throws IllegalArgumentException when the name is blank
   * @throws NullPointerException when the name is null
   */
  public static ImageModel of(String id) {
    Objects.requireNonNull(id, "id");
    String stripped = id.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("model name must not be blank");
    }
    ImageModel known = KNOWN_BY_KEY.get(stripped.toLowerCase(Locale.ROOT));
    return known != null ? known : new ImageModel(stripped, false);
  }

  /**
   * The known model with this name (case and surrounding blanks ignored).
   *
   * @return the constant, or empty for a name this SDK version has no constant for
   */
  public static Optional<ImageModel> fromId(@Nullable String id) {
    return id == null
        ? Optional.empty()
        : Optional.ofNullable(KNOWN_BY_KEY.get(id.strip().toLowerCase(Locale.ROOT)));
  }

  /** Every model this SDK version has a constant for, in the catalog's order. */
  public static List<ImageModel> known() {
    return List.copyOf(KNOWN);
  }

  /** Whether this is one of the constants; code that must branch on the model checks this first. */
  public boolean isKnown() {
    return known;
  }

  /** The model name on the wire, e.g. {@code "qwen-image-2.0-pro"}. */
  public String id() {
    return id;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ImageModel other && id.equals(other.id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  /** The wire name. */
  @Override
  public String toString() {
    return id;
  }
}
