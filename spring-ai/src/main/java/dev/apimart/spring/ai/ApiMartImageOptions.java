package dev.apimart.spring.ai;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Resolution;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.image.ImageOptions;

/**
 * Spring AI's portable image options plus ApiMart's own, for {@link ApiMartImageModel}. Immutable;
 * build one with {@link #builder()}, change one with {@link #toBuilder()}.
 *
 * <p>The portable fields map as follows:
 *
 * <ul>
 *   <li>{@link #getModel() model}: any ApiMart model id ({@code qwen-image-2.0}, {@code
 *       gpt-image-2}, or one the catalog does not know yet).
 *   <li>{@link #getN() n}: {@code n}, checked against the model's documented counts.
 *   <li>{@link #getWidth() width} × {@link #getHeight() height}: must be a pixel size the model
 *       documents — 1280×720 on qwen-image-2.0 is sent as {@code size 16:9, resolution 1K} — or an
 *       explicit pixel size the model takes ({@code gpt-image-2}: {@code 1881x836}). Anything else
 *       is refused before the network with the sizes the model makes: ApiMart has no free-form
 *       resize, and a near size would be a silent distortion.
 *   <li>{@link #getResponseFormat() responseFormat}: {@value #URL} (the default: the images'
 *       expiring links) or {@value #B64_JSON} (the model downloads each image with the client's
 *       limits and encodes it).
 *   <li>{@link #getStyle() style}: sent as the {@code style} field only to a model whose catalog
 *       entry lists a {@code style} option (none of the documented ones does); refused otherwise.
 * </ul>
 *
 * <p>ApiMart's own: {@link #getSize() size} (a ratio such as {@code 16:9}, {@code auto}, or pixels
 * such as {@code 1536x1024}) and {@link #getResolution() resolution} ({@code 1K}, {@code 2K}, …) —
 * the alternative to width × height —, {@link #getNegativePrompt() negative prompt}, {@link
 * #getImageUrls() reference images} (public URLs) and {@link #getParams() params}: any other field
 * by its wire name ({@code seed}, {@code quality}, {@code watermark}, …), set as a typed option
 * when the value has its type and sent as given otherwise.
 *
 * <p>When options are layered (the model's defaults, then a prompt's options), each field set in
 * the later layer wins, params are merged name by name, and a later layer that sets width or height
 * drops the earlier layer's size and resolution (and the other way round), so the two ways of
 * choosing a size never mix across layers.
 */
public final class ApiMartImageOptions implements ImageOptions {

  /** {@link #getResponseFormat()} for the images' links (the default). */
  public static final String URL = "url";

  /** {@link #getResponseFormat()} for the images' bytes, Base64-encoded. */
  public static final String B64_JSON = "b64_json";

  private final @Nullable String model;
  private final @Nullable Integer n;
  private final @Nullable Integer width;
  private final @Nullable Integer height;
  private final @Nullable String responseFormat;
  private final @Nullable String style;
  private final @Nullable ImageSize size;
  private final @Nullable Resolution resolution;
  private final @Nullable String negativePrompt;
  private final List<String> imageUrls;
  private final Map<String, @Nullable Object> params;

  private ApiMartImageOptions(Builder b) {
    this.model = b.model;
    this.n = b.n;
    this.width = b.width;
    this.height = b.height;
    this.responseFormat = b.responseFormat;
    this.style = b.style;
    this.size = b.size;
    this.resolution = b.resolution;
    this.negativePrompt = b.negativePrompt;
    this.imageUrls = List.copyOf(b.imageUrls);
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.n = n;
    b.width = width;
    b.height = height;
    b.responseFormat = responseFormat;
    b.style = style;
    b.size = size;
    b.resolution = resolution;
    b.negativePrompt = negativePrompt;
    b.imageUrls.addAll(imageUrls);
    b.params.putAll(params);
    return b;
  }

  /**
   * These options with {@code overrides} laid over them: every field {@code overrides} sets wins
   * (for plain {@link ImageOptions}, its six portable fields), params are merged by name; width or
   * height in {@code overrides} drop this layer's size and resolution, and size or resolution there
   * drop this layer's width and height. Both set in {@code overrides} are kept, for the model to
   * check that they agree.
   */
  public ApiMartImageOptions mergedWith(@Nullable ImageOptions overrides) {
    if (overrides == null) {
      return this;
    }
    Builder b = toBuilder();
    boolean overridesPixels = overrides.getWidth() != null || overrides.getHeight() != null;
    ApiMartImageOptions own = overrides instanceof ApiMartImageOptions o ? o : null;
    boolean overridesTier = own != null && (own.size != null || own.resolution != null);
    if (overridesPixels) {
      b.size = null;
      b.resolution = null;
      b.width = overrides.getWidth();
      b.height = overrides.getHeight();
    }
    if (overridesTier && !overridesPixels) {
      b.width = null;
      b.height = null;
    }
    if (overrides.getModel() != null) {
      b.model = overrides.getModel();
    }
    if (overrides.getN() != null) {
      b.n = overrides.getN();
    }
    if (overrides.getResponseFormat() != null) {
      b.responseFormat = overrides.getResponseFormat();
    }
    if (overrides.getStyle() != null) {
      b.style = overrides.getStyle();
    }
    if (own != null) {
      if (own.size != null) {
        b.size = own.size;
      }
      if (own.resolution != null) {
        b.resolution = own.resolution;
      }
      if (own.negativePrompt != null) {
        b.negativePrompt = own.negativePrompt;
      }
      if (!own.imageUrls.isEmpty()) {
        b.imageUrls.clear();
        b.imageUrls.addAll(own.imageUrls);
      }
      b.params.putAll(own.params);
    }
    return b.build();
  }

  /** The ApiMart model id, or {@code null} for the default. */
  @Override
  public @Nullable String getModel() {
    return model;
  }

  /** How many images one call makes, or {@code null} for the model's default. */
  @Override
  public @Nullable Integer getN() {
    return n;
  }

  /** Width in pixels; goes with {@link #getHeight()}. */
  @Override
  public @Nullable Integer getWidth() {
    return width;
  }

  /** Height in pixels; goes with {@link #getWidth()}. */
  @Override
  public @Nullable Integer getHeight() {
    return height;
  }

  /** {@value #URL} (also when unset) or {@value #B64_JSON}. */
  @Override
  public @Nullable String getResponseFormat() {
    return responseFormat;
  }

  /** The style, sent only to a model whose catalog entry lists a {@code style} option. */
  @Override
  public @Nullable String getStyle() {
    return style;
  }

  /** ApiMart's {@code size}: a ratio, {@code auto} or pixels; the alternative to width × height. */
  public @Nullable ImageSize getSize() {
    return size;
  }

  /** ApiMart's {@code resolution} tier ({@code 1K}, {@code 2K}, …). */
  public @Nullable Resolution getResolution() {
    return resolution;
  }

  /** What the image should not show, for models that take a negative prompt. */
  public @Nullable String getNegativePrompt() {
    return negativePrompt;
  }

  /** Reference images (public http(s) URLs), for models that edit or take references. */
  public List<String> getImageUrls() {
    return imageUrls;
  }

  /** Further fields by wire name, set with {@code GenerationRequest.Builder.param}. */
  public Map<String, @Nullable Object> getParams() {
    return params;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApiMartImageOptions other
        && Objects.equals(model, other.model)
        && Objects.equals(n, other.n)
        && Objects.equals(width, other.width)
        && Objects.equals(height, other.height)
        && Objects.equals(responseFormat, other.responseFormat)
        && Objects.equals(style, other.style)
        && Objects.equals(size, other.size)
        && Objects.equals(resolution, other.resolution)
        && Objects.equals(negativePrompt, other.negativePrompt)
        && imageUrls.equals(other.imageUrls)
        && params.equals(other.params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        model,
        n,
        width,
        height,
        responseFormat,
        style,
        size,
        resolution,
        negativePrompt,
        imageUrls,
        params);
  }

  /** The options that are set; reference image URLs are counted, not shown (they may be signed). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ApiMartImageOptions[");
    append(sb, "model", model);
    append(sb, "n", n);
    append(sb, "width", width);
    append(sb, "height", height);
    append(sb, "responseFormat", responseFormat);
    append(sb, "style", style);
    append(sb, "size", size);
    append(sb, "resolution", resolution);
    append(sb, "negativePrompt", negativePrompt);
    if (!imageUrls.isEmpty()) {
      append(sb, "imageUrls", imageUrls.size() + " URL(s)");
    }
    if (!params.isEmpty()) {
      append(sb, "params", params.keySet());
    }
    return sb.append(']').toString();
  }

  private static void append(StringBuilder sb, String name, @Nullable Object value) {
    if (value != null) {
      if (sb.charAt(sb.length() - 1) != '[') {
        sb.append(", ");
      }
      sb.append(name).append('=').append(value);
    }
  }

  /** Builds {@link ApiMartImageOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String model;
    private @Nullable Integer n;
    private @Nullable Integer width;
    private @Nullable Integer height;
    private @Nullable String responseFormat;
    private @Nullable String style;
    private @Nullable ImageSize size;
    private @Nullable Resolution resolution;
    private @Nullable String negativePrompt;
    private final List<String> imageUrls = new ArrayList<>();
    private final Map<String, @Nullable Object> params = new LinkedHashMap<>();

    private Builder() {}

    /** Any ApiMart model id. */
    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    /** A model from the catalog's constants. */
    public Builder model(ImageModel model) {
      this.model = Objects.requireNonNull(model, "model").id();
      return this;
    }

    /** How many images one call makes. */
    public Builder n(@Nullable Integer n) {
      this.n = n;
      return this;
    }

    /** Width in pixels (with {@link #height}): must be a size the model documents. */
    public Builder width(@Nullable Integer width) {
      this.width = width;
      return this;
    }

    /** Height in pixels (with {@link #width}): must be a size the model documents. */
    public Builder height(@Nullable Integer height) {
      this.height = height;
      return this;
    }

    /** {@value ApiMartImageOptions#URL} or {@value ApiMartImageOptions#B64_JSON}. */
    public Builder responseFormat(@Nullable String responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    /** A style, for a model whose catalog entry lists a {@code style} option. */
    public Builder style(@Nullable String style) {
      this.style = style;
      return this;
    }

    /** ApiMart's {@code size}: a ratio, {@code auto} or pixels. */
    public Builder size(@Nullable ImageSize size) {
      this.size = size;
      return this;
    }

    /** ApiMart's {@code size} as text ({@code "16:9"}, {@code "auto"}, {@code "1536x1024"}). */
    public Builder size(@Nullable String size) {
      this.size = size == null ? null : ImageSize.of(size);
      return this;
    }

    /** ApiMart's {@code resolution} tier. */
    public Builder resolution(@Nullable Resolution resolution) {
      this.resolution = resolution;
      return this;
    }

    /** ApiMart's {@code resolution} tier as text ({@code "2K"}, any case). */
    public Builder resolution(@Nullable String resolution) {
      this.resolution = resolution == null ? null : Resolution.of(resolution);
      return this;
    }

    /** What the image should not show. */
    public Builder negativePrompt(@Nullable String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /** Replaces the reference images (public http(s) URLs). */
    public Builder imageUrls(List<String> urls) {
      imageUrls.clear();
      for (String url : urls) {
        imageUrls.add(Objects.requireNonNull(url, "image URL"));
      }
      return this;
    }

    /** Adds a reference image (a public http(s) URL). */
    public Builder addImageUrl(String url) {
      imageUrls.add(Objects.requireNonNull(url, "url"));
      return this;
    }

    /**
     * Any field by wire name ({@code seed}, {@code quality}, {@code watermark}, …): a typed option
     * when the value has its type, else sent as given. {@code null} clears a typed field.
     */
    public Builder param(String name, @Nullable Object value) {
      params.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /** Several params at once, as {@link #param(String, Object)}. */
    public Builder params(Map<String, ? extends @Nullable Object> params) {
      params.forEach(this::param);
      return this;
    }

    /** The options. */
    public ApiMartImageOptions build() {
      return new ApiMartImageOptions(this);
    }
  }
}
