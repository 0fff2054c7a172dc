package dev.apimart.core.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An image generation request, immutable. Build one with {@link #builder()}; change one with {@link
 * #toBuilder()}.
 *
 * <p>The request keeps what the user gave — including a model, ratio or tier given as text that may
 * not exist — so that validation can report <em>every</em> problem at once instead of failing on
 * the first builder call. {@code ApiMartClient} validates before it touches the network; {@code
 * RequestValidator} does the same on demand. Optional fields left unset are not sent, so the
 * service's defaults apply (ratio 1:1, tier 1K, one image, no prompt rewriting).
 */
public final class GenerationRequest {

  private final @Nullable String model;

  @NotBlank(message = "prompt is missing or blank: describe the image to generate")
  @CodePointLength(
      max = 800,
      message = "prompt must be at most {max} characters (counted as Unicode code points)")
  private final @Nullable String prompt;

  private final @Nullable String size;
  private final @Nullable String resolution;

  @Min(value = 1, message = "n must be between 1 and 6 images")
  @Max(value = 6, message = "n must be between 1 and 6 images")
  private final @Nullable Integer n;

  @CodePointLength(
      max = 500,
      message = "negative_prompt must be at most {max} characters (counted as Unicode code points)")
  private final @Nullable String negativePrompt;

  private final List<String> imageUrls;
  private final @Nullable Boolean promptExtend;

  private GenerationRequest(Builder b) {
    this.model = b.model;
    this.prompt = b.prompt;
    this.size = b.size;
    this.resolution = b.resolution;
    this.n = b.n;
    this.negativePrompt = b.negativePrompt;
    this.imageUrls = List.copyOf(b.imageUrls);
    this.promptExtend = b.promptExtend;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The smallest valid request: a model and a prompt, everything else left to the service. */
  public static GenerationRequest of(ImageModel model, String prompt) {
    return builder().model(model).prompt(prompt).build();
  }

  /** A builder holding this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.prompt = prompt;
    b.size = size;
    b.resolution = resolution;
    b.n = n;
    b.negativePrompt = negativePrompt;
    b.imageUrls.addAll(imageUrls);
    b.promptExtend = promptExtend;
    return b;
  }

  /** The model name exactly as given, or {@code null} when none was. */
  public @Nullable String modelName() {
    return model;
  }

  /** The model, when the name given is one ApiMart serves. */
  public Optional<ImageModel> model() {
    return model == null ? Optional.empty() : ImageModel.fromId(model);
  }

  /** The prompt, or {@code null} when none was given. */
  public @Nullable String prompt() {
    return prompt;
  }

  /** The {@code size} text exactly as given, or {@code null} (service default 1:1). */
  public @Nullable String sizeValue() {
    return size;
  }

  /** The aspect ratio, when one was given and it is supported. */
  public Optional<AspectRatio> aspectRatio() {
    return size == null ? Optional.empty() : AspectRatio.fromWireValue(size);
  }

  /** The {@code resolution} text exactly as given, or {@code null} (service default 1K). */
  public @Nullable String resolutionValue() {
    return resolution;
  }

  /** The resolution tier, when one was given and it is supported. */
  public Optional<Resolution> resolution() {
    return resolution == null ? Optional.empty() : Resolution.fromWireValue(resolution);
  }

  /** The number of images asked for, or {@code null} when left to the service (1). */
  public @Nullable Integer n() {
    return n;
  }

  /** How many images a successful task will hold: {@code n}, or 1 when unset. */
  public int expectedImageCount() {
    return n == null ? 1 : n;
  }

  /** The negative prompt, or {@code null}. */
  public @Nullable String negativePrompt() {
    return negativePrompt;
  }

  /** Reference image URLs for image-to-image; empty when none. */
  public List<String> imageUrls() {
    return imageUrls;
  }

  /** Whether smart prompt rewriting was asked for; {@code null} when left to the service. */
  public @Nullable Boolean promptExtend() {
    return promptExtend;
  }

  /**
   * The pixel size the images will have, derived from ratio and tier with the service's defaults
   * (1:1, 1K) for what is unset; empty when a given ratio or tier is not supported.
   */
  public Optional<PixelSize> expectedPixelSize() {
    Optional<AspectRatio> ratio =
        size == null ? Optional.of(AspectRatio.RATIO_1_1) : AspectRatio.fromWireValue(size);
    Optional<Resolution> tier =
        resolution == null ? Optional.of(Resolution.RES_1K) : Resolution.fromWireValue(resolution);
    return ratio.flatMap(r -> tier.map(t -> PixelSize.of(r, t)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerationRequest other
        && Objects.equals(model, other.model)
        && Objects.equals(prompt, other.prompt)
        && Objects.equals(size, other.size)
        && Objects.equals(resolution, other.resolution)
        && Objects.equals(n, other.n)
        && Objects.equals(negativePrompt, other.negativePrompt)
        && imageUrls.equals(other.imageUrls)
        && Objects.equals(promptExtend, other.promptExtend);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        model, prompt, size, resolution, n, negativePrompt, imageUrls, promptExtend);
  }

  /** Shows the shape of the request; prompt texts are summarized by length, URLs redacted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("GenerationRequest[model=").append(model);
    sb.append(", prompt=").append(describeText(prompt));
    if (size != null) {
      sb.append(", size=").append(size);
    }
    if (resolution != null) {
      sb.append(", resolution=").append(resolution);
    }
    if (n != null) {
      sb.append(", n=").append(n);
    }
    if (negativePrompt != null) {
      sb.append(", negativePrompt=").append(describeText(negativePrompt));
    }
    if (!imageUrls.isEmpty()) {
      sb.append(", imageUrls=").append(imageUrls.size());
    }
    if (promptExtend != null) {
      sb.append(", promptExtend=").append(promptExtend);
    }
    return sb.append(']').toString();
  }

  private static String describeText(@Nullable String text) {
    return text == null ? "null" : "<" + text.codePointCount(0, text.length()) + " chars>";
  }

  /** Builds a {@link GenerationRequest}. Not thread-safe; every setter returns the builder. */
  public static final class Builder {
    private @Nullable String model;
    private @Nullable String prompt;
    private @Nullable String size;
    private @Nullable String resolution;
    private @Nullable Integer n;
    private @Nullable String negativePrompt;
    private final List<String> imageUrls = new ArrayList<>();
    private @Nullable Boolean promptExtend;

    private Builder() {}

    /** The model to generate with. */
    public Builder model(ImageModel model) {
      this.model = Objects.requireNonNull(model, "model").id();
      return this;
    }

    /** The model by wire name, e.g. from configuration; an unknown name fails validation. */
    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    /** What to draw: up to 800 characters, Chinese or English. */
    public Builder prompt(@Nullable String prompt) {
      this.prompt = prompt;
      return this;
    }

    /** The aspect ratio. */
    public Builder size(AspectRatio ratio) {
      this.size = Objects.requireNonNull(ratio, "ratio").wireValue();
      return this;
    }

    /** The aspect ratio as text such as {@code "16:9"}; an unsupported one fails validation. */
    public Builder size(@Nullable String ratio) {
      this.size = ratio;
      return this;
    }

    /** The resolution tier. */
    public Builder resolution(Resolution tier) {
      this.resolution = Objects.requireNonNull(tier, "tier").wireValue();
      return this;
    }

    /** The tier as text, {@code "1K"} or {@code "2K"}; another value fails validation. */
    public Builder resolution(@Nullable String tier) {
      this.resolution = tier;
      return this;
    }

    /** How many images (qwen models: 1–6; z-image-turbo makes exactly one). */
    public Builder n(@Nullable Integer n) {
      this.n = n;
      return this;
    }

    /** What should not appear (qwen models only), up to 500 characters. */
    public Builder negativePrompt(@Nullable String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /** Replaces the reference images (qwen models: image-to-image); public http(s) URLs only. */
    public Builder imageUrls(List<String> urls) {
      Objects.requireNonNull(urls, "urls");
      this.imageUrls.clear();
      urls.forEach(this::addImageUrl);
      return this;
    }

    /** Adds one reference image URL. */
    public Builder addImageUrl(String url) {
      this.imageUrls.add(Objects.requireNonNull(url, "url"));
      return this;
    }

    /** Smart prompt rewriting (z-image-turbo; costs more). */
    public Builder promptExtend(@Nullable Boolean promptExtend) {
      this.promptExtend = promptExtend;
      return this;
    }

    /** The request. Never throws for bad values: validation reports them all at once. */
    public GenerationRequest build() {
      return new GenerationRequest(this);
    }
  }
}
