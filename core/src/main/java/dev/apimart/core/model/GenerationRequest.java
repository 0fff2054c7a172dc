package dev.apimart.core.model;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An image generation request, immutable. Build one with {@link #builder()}; change one with {@link
 * #toBuilder()}.
 *
 * <p>The request keeps what the user gave — including a model, size or tier that may not exist or
 * that the model does not take — so that validation can report <em>every</em> problem at once
 * instead of failing on the first builder call. {@code ApiMartClient} validates against its {@link
 * ModelCatalog} before it touches the network; {@code RequestValidator} does the same on demand.
 * Optional fields left unset are not sent, so the service's defaults apply.
 *
 * <p>The common options are typed ({@link Builder#quality(String)}, {@link Builder#seed(Long)}, …);
 * anything else ApiMart accepts goes through {@link Builder#extraBody(String, Object)}, which never
 * overrides a typed field.
 */
public final class GenerationRequest {

  /**
   * The wire names of the typed fields, in the order they are written and reported; an extra body
   * value may not use one of them.
   */
  public static final List<String> TYPED_FIELDS =
      List.of(
          "model",
          "prompt",
          "size",
          "resolution",
          "n",
          "negative_prompt",
          "image_urls",
          "mask_url",
          "prompt_extend",
          "quality",
          "background",
          "moderation",
          "output_format",
          "output_compression",
          "seed",
          "watermark",
          "nsfw_check",
          "official_fallback",
          "google_search");

  private final @Nullable String model;

  @NotBlank(message = "prompt is missing or blank: describe the image to generate")
  private final @Nullable String prompt;

  private final @Nullable String size;
  private final @Nullable String resolution;

  @Min(value = 1, message = "n must be at least 1 image")
  private final @Nullable Integer n;

  private final @Nullable String negativePrompt;
  private final List<String> imageUrls;
  private final @Nullable String maskUrl;
  private final @Nullable Boolean promptExtend;
  private final @Nullable String quality;
  private final @Nullable String background;
  private final @Nullable String moderation;
  private final @Nullable String outputFormat;
  private final @Nullable Integer outputCompression;
  private final @Nullable Long seed;
  private final @Nullable Boolean watermark;
  private final @Nullable Boolean nsfwCheck;
  private final @Nullable Boolean officialFallback;
  private final @Nullable Boolean googleSearch;
  private final Map<String, @Nullable Object> extraBody;
  private final @Nullable String idempotencyKey;
  private final List<Path> referenceImages;
  private final Set<String> serviceIssuedUrls;
  private final @Nullable URI webhook;

  private GenerationRequest(Builder b) {
    this.model = b.model;
    this.prompt = b.prompt;
    this.size = b.size;
    this.resolution = b.resolution;
    this.n = b.n;
    this.negativePrompt = b.negativePrompt;
    this.imageUrls = List.copyOf(b.imageUrls);
    this.maskUrl = b.maskUrl;
    this.promptExtend = b.promptExtend;
    this.quality = b.quality;
    this.background = b.background;
    this.moderation = b.moderation;
    this.outputFormat = b.outputFormat;
    this.outputCompression = b.outputCompression;
    this.seed = b.seed;
    this.watermark = b.watermark;
    this.nsfwCheck = b.nsfwCheck;
    this.officialFallback = b.officialFallback;
    this.googleSearch = b.googleSearch;
    this.extraBody =
        b.extraBody.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(b.extraBody));
    this.idempotencyKey = b.idempotencyKey;
    this.referenceImages = List.copyOf(b.referenceImages);
    this.serviceIssuedUrls = Set.copyOf(b.serviceIssuedUrls);
    this.webhook = b.webhook;
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
    b.maskUrl = maskUrl;
    b.promptExtend = promptExtend;
    b.quality = quality;
    b.background = background;
    b.moderation = moderation;
    b.outputFormat = outputFormat;
    b.outputCompression = outputCompression;
    b.seed = seed;
    b.watermark = watermark;
    b.nsfwCheck = nsfwCheck;
    b.officialFallback = officialFallback;
    b.googleSearch = googleSearch;
    b.extraBody.putAll(extraBody);
    b.idempotencyKey = idempotencyKey;
    b.referenceImages.addAll(referenceImages);
    b.serviceIssuedUrls.addAll(serviceIssuedUrls);
    b.webhook = webhook;
    return b;
  }

  /**
   * The callback URL sent as the top-level {@code webhook} field, when set: ApiMart posts the
   * finished task to it with {@code /callback} appended (see {@code WebhookEvent}).
   */
  public Optional<URI> webhook() {
    return Optional.ofNullable(webhook);
  }

  /**
   * Local reference images: files the client uploads ({@code POST /v1/uploads/images}) just before
   * submitting, adding their URLs after {@link #imageUrls()}. Not part of the JSON body.
   */
  public List<Path> referenceImages() {
    return referenceImages;
  }

  /**
   * The URLs among {@link #imageUrls()} and {@link #maskUrl()} that ApiMart itself issued (added
   * with {@link Builder#referenceImage(UploadedImage)} or {@link
   * Builder#maskImage(UploadedImage)}): the service can reach them by construction, so the check
   * that a reference URL is publicly reachable does not apply to them — which is what lets an
   * upload to a server on this machine (a fake in tests, a gateway) be used as a reference. Not
   * part of the JSON body.
   */
  public Set<String> serviceIssuedUrls() {
    return serviceIssuedUrls;
  }

  /**
   * The {@code Idempotency-Key} this request is submitted with, when the caller chose one; empty
   * when the client makes a fresh random key for each submission. Not part of the JSON body.
   */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  /** The model name exactly as given, or {@code null} when none was. */
  public @Nullable String modelName() {
    return model;
  }

  /** The model named, when a non-blank name was given (known to this SDK or not). */
  public Optional<ImageModel> model() {
    return model == null || model.isBlank() ? Optional.empty() : Optional.of(ImageModel.of(model));
  }

  /** The prompt, or {@code null} when none was given. */
  public @Nullable String prompt() {
    return prompt;
  }

  /** The {@code size} text exactly as given, or {@code null} (the model's default). */
  public @Nullable String sizeValue() {
    return size;
  }

  /** The size, when a non-blank one was given. */
  public Optional<ImageSize> size() {
    return size == null || size.isBlank() ? Optional.empty() : Optional.of(ImageSize.of(size));
  }

  /** The {@code resolution} text exactly as given, or {@code null} (the model's default). */
  public @Nullable String resolutionValue() {
    return resolution;
  }

  /** The resolution tier, when a non-blank one was given. */
  public Optional<Resolution> resolution() {
    return resolution == null || resolution.isBlank()
        ? Optional.empty()
        : Optional.of(Resolution.of(resolution));
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

  /** Reference images for image-to-image (URLs, or data URIs where the model takes them). */
  public List<String> imageUrls() {
    return imageUrls;
  }

  /** The mask ({@code mask_url}) for editing, or {@code null}. */
  public @Nullable String maskUrl() {
    return maskUrl;
  }

  /** Whether smart prompt rewriting was asked for; {@code null} when left to the service. */
  public @Nullable Boolean promptExtend() {
    return promptExtend;
  }

  /** {@code quality} (gpt-image official channels: auto, low, medium, high), or {@code null}. */
  public @Nullable String quality() {
    return quality;
  }

  /** {@code background} (auto, opaque, transparent), or {@code null}. */
  public @Nullable String background() {
    return background;
  }

  /** {@code moderation} (auto, low), or {@code null}. */
  public @Nullable String moderation() {
    return moderation;
  }

  /** {@code output_format} (png, jpeg, webp where the model takes them), or {@code null}. */
  public @Nullable String outputFormat() {
    return outputFormat;
  }

  /** {@code output_compression} 0–100, or {@code null}. */
  public @Nullable Integer outputCompression() {
    return outputCompression;
  }

  /** {@code seed}, or {@code null}. */
  public @Nullable Long seed() {
    return seed;
  }

  /** {@code watermark}, or {@code null}. */
  public @Nullable Boolean watermark() {
    return watermark;
  }

  /** {@code nsfw_check}, or {@code null}. */
  public @Nullable Boolean nsfwCheck() {
    return nsfwCheck;
  }

  /** {@code official_fallback}, or {@code null}. */
  public @Nullable Boolean officialFallback() {
    return officialFallback;
  }

  /** {@code google_search}, or {@code null}. */
  public @Nullable Boolean googleSearch() {
    return googleSearch;
  }

  /**
   * The typed options that are set, by wire name, in a fixed order: {@code mask_url}, {@code
   * quality}, {@code background}, {@code moderation}, {@code output_format}, {@code
   * output_compression}, {@code seed}, {@code watermark}, {@code nsfw_check}, {@code
   * official_fallback}, {@code google_search}.
   */
  public Map<String, Object> options() {
    Map<String, Object> options = new LinkedHashMap<>();
    putIfSet(options, "mask_url", maskUrl);
    putIfSet(options, "quality", quality);
    putIfSet(options, "background", background);
    putIfSet(options, "moderation", moderation);
    putIfSet(options, "output_format", outputFormat);
    putIfSet(options, "output_compression", outputCompression);
    putIfSet(options, "seed", seed);
    putIfSet(options, "watermark", watermark);
    putIfSet(options, "nsfw_check", nsfwCheck);
    putIfSet(options, "official_fallback", officialFallback);
    putIfSet(options, "google_search", googleSearch);
    return Collections.unmodifiableMap(options);
  }

  private static void putIfSet(Map<String, Object> map, String name, @Nullable Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }

  /**
   * Fields sent as given beside the typed ones, by wire name, in the order they were added. Values
   * are JSON-shaped: {@code null}, {@link String}, {@link Boolean}, a {@link Number}, a {@link
   * List} or a {@link Map} with string keys, nested freely.
   */
  public Map<String, @Nullable Object> extraBody() {
    return extraBody;
  }

  /**
   * The pixel size the images will have according to the default {@link ModelCatalog}, when it is
   * knowable: an explicit pixel size, or the model's documented table for the ratio and tier (the
   * model's defaults standing in for what is unset). A client with a corrected catalog uses that
   * one instead.
   */
  public Optional<PixelSize> expectedPixelSize() {
    return expectedPixelSize(ModelCatalog.defaults());
  }

  /** Like {@link #expectedPixelSize()}, against the given catalog. */
  public Optional<PixelSize> expectedPixelSize(ModelCatalog catalog) {
    Optional<ImageSize> requested;
    Optional<Resolution> tier;
    try {
      requested = size();
      tier = resolution();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (requested.isPresent() && requested.get().isPixels()) {
      return requested.get().pixelSize();
    }
    return model()
        .flatMap(catalog::find)
        .flatMap(c -> c.pixelSize(requested.orElse(null), tier.orElse(null)));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GenerationRequest other
        && Objects.equals(model, other.model)
        && Objects.equals(prompt, other.prompt)
        && Objects.equals(size, other.size)
        && Objects.equals(resolution, other.resolution)
        && Objects.equals(n, other.n)
        && Objects.equals(negativePrompt, other.negativePrompt)
        && imageUrls.equals(other.imageUrls)
        && Objects.equals(maskUrl, other.maskUrl)
        && Objects.equals(promptExtend, other.promptExtend)
        && options().equals(other.options())
        && extraBody.equals(other.extraBody)
        && Objects.equals(idempotencyKey, other.idempotencyKey)
        && referenceImages.equals(other.referenceImages)
        && serviceIssuedUrls.equals(other.serviceIssuedUrls)
        && Objects.equals(webhook, other.webhook);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        model,
        prompt,
        size,
        resolution,
        n,
        negativePrompt,
        imageUrls,
        maskUrl,
        promptExtend,
        options(),
        extraBody,
        idempotencyKey,
        referenceImages,
        serviceIssuedUrls,
        webhook);
  }

  /** Shows the shape of the request; prompt texts are summarized by length, URLs counted. */
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
    Map<String, Object> options = options();
    for (Map.Entry<String, Object> option : options.entrySet()) {
      sb.append(", ").append(option.getKey()).append('=');
      sb.append(option.getKey().equals("mask_url") ? "<url>" : option.getValue());
    }
    if (!extraBody.isEmpty()) {
      sb.append(", extraBody=").append(extraBody.keySet());
    }
    if (idempotencyKey != null) {
      sb.append(", idempotencyKey=given");
    }
    if (!referenceImages.isEmpty()) {
      sb.append(", referenceImages=").append(referenceImages.size());
    }
    if (webhook != null) {
      // The URL may carry the receiver's secret: only its host is shown.
      sb.append(", webhook=").append(webhook.getHost());
    }
    return sb.append(']').toString();
  }

  private static String describeText(@Nullable String text) {
    return text == null ? "null" : "<" + text.codePointCount(0, text.length()) + " chars>";
  }

  /** The longest {@code Idempotency-Key} accepted. */
  public static final int MAX_IDEMPOTENCY_KEY_CHARS = 255;

  /** How deep extra body values may nest; the validator reports anything deeper. */
  private static final int MAX_EXTRA_DEPTH = 32;

  /** Stands in for a list or map nested deeper than {@link #MAX_EXTRA_DEPTH} levels. */
  private enum TooDeep {
    INSTANCE;

    @Override
    public String toString() {
      return "<nested more than " + MAX_EXTRA_DEPTH + " levels deep>";
    }
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
    private @Nullable String maskUrl;
    private @Nullable Boolean promptExtend;
    private @Nullable String quality;
    private @Nullable String background;
    private @Nullable String moderation;
    private @Nullable String outputFormat;
    private @Nullable Integer outputCompression;
    private @Nullable Long seed;
    private @Nullable Boolean watermark;
    private @Nullable Boolean nsfwCheck;
    private @Nullable Boolean officialFallback;
    private @Nullable Boolean googleSearch;
    private final Map<String, @Nullable Object> extraBody = new LinkedHashMap<>();
    private @Nullable String idempotencyKey;
    private final List<Path> referenceImages = new ArrayList<>();
    private final Set<String> serviceIssuedUrls = new LinkedHashSet<>();
    private @Nullable URI webhook;

    private Builder() {}

    /**
     * Asks ApiMart to post the finished task ({@code completed} or {@code failed}) to this URL with
     * {@code /callback} appended — {@code https://example.com/hooks/apimart} receives at {@code
     * https://example.com/hooks/apimart/callback}. ApiMart requires a publicly reachable http(s)
     * URL on a standard port (80/443) and refuses internal addresses. Callbacks are not signed: put
     * a long random secret in the URL and check it (see {@code WebhookEvent}). {@code null} removes
     * it.
     */
    public Builder webhook(@Nullable URI webhook) {
      this.webhook = webhook;
      return this;
    }

    /**
     * Adds a local reference image. Before submitting, the client validates the request (counting
     * local images with {@code image_urls} against the model's limits), checks every file — a JPEG,
     * PNG, WebP or GIF judged by its first bytes, at most 20 MB, readable — and only then uploads
     * them and submits with their URLs appended to {@code image_urls}: an invalid request or file
     * uploads nothing. Uploaded URLs are valid for 72 hours.
     */
    public Builder referenceImage(Path file) {
      referenceImages.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    /**
     * Adds an image already uploaded with {@code ApiMartClient.upload(…)} as a reference: its URL
     * is appended to {@code image_urls} and, having been issued by the service, is exempt from the
     * public-reachability check (see {@link GenerationRequest#serviceIssuedUrls()}). Counts against
     * the model's reference limit like any URL.
     */
    public Builder referenceImage(UploadedImage uploaded) {
      String url = Objects.requireNonNull(uploaded, "uploaded").url().toString();
      imageUrls.add(url);
      serviceIssuedUrls.add(url);
      return this;
    }

    /**
     * Uses an uploaded image as the mask ({@code mask_url}), as {@link
     * #referenceImage(UploadedImage)}.
     */
    public Builder maskImage(UploadedImage uploaded) {
      String url = Objects.requireNonNull(uploaded, "uploaded").url().toString();
      maskUrl = url;
      serviceIssuedUrls.add(url);
      return this;
    }

    /** Replaces the local reference images (see {@link #referenceImage(Path)}). */
    public Builder referenceImages(List<Path> files) {
      List<Path> copy = List.copyOf(files);
      referenceImages.clear();
      referenceImages.addAll(copy);
      return this;
    }

    /**
     * The {@code Idempotency-Key} to submit with, instead of a fresh random one per submission.
     * Give your own when the same logical submission may be sent again from elsewhere — after a
     * restart, from a queue's redelivery — so that, where ApiMart honours keys, it creates one
     * task. The same key with a different request is refused by the service ({@code
     * IdempotencyConflictException}, reason {@code KEY_REUSED}). 1 to 255 visible ASCII characters;
     * {@code null} goes back to a random key per submission.
     *
     * @throws IllegalArgumentException when the key is empty, longer than 255 characters or holds
     *     anything but visible ASCII (it travels in an HTTP header)
     */
    public Builder idempotencyKey(@Nullable String idempotencyKey) {
      if (idempotencyKey != null) {
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_CHARS) {
          throw new IllegalArgumentException(
              "idempotencyKey must have 1 to "
                  + MAX_IDEMPOTENCY_KEY_CHARS
                  + " characters, got "
                  + idempotencyKey.length());
        }
        for (int i = 0; i < idempotencyKey.length(); i++) {
          char c = idempotencyKey.charAt(i);
          if (c <= 0x20 || c >= 0x7f) {
            throw new IllegalArgumentException(
                "idempotencyKey may hold visible ASCII only (it is an HTTP header); character "
                    + (i + 1)
                    + " is not");
          }
        }
      }
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** The model to generate with. */
    public Builder model(ImageModel model) {
      this.model = Objects.requireNonNull(model, "model").id();
      return this;
    }

    /**
     * The model by wire name, e.g. from configuration. A name in the client's catalog gets every
     * rule of its entry; any other name is sent as given, after the rules every request shares.
     */
    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    /** What to draw. The limit depends on the model (800 characters for the Qwen models). */
    public Builder prompt(@Nullable String prompt) {
      this.prompt = prompt;
      return this;
    }

    /** The size: a ratio, {@link ImageSize#AUTO}, or explicit pixels. */
    public Builder size(ImageSize size) {
      this.size = Objects.requireNonNull(size, "size").value();
      return this;
    }

    /**
     * The size as text such as {@code "16:9"}, {@code "auto"} or {@code "1536x1024"}; one the model
     * does not take fails validation.
     */
    public Builder size(@Nullable String size) {
      this.size = size;
      return this;
    }

    /** The resolution tier. */
    public Builder resolution(Resolution tier) {
      this.resolution = Objects.requireNonNull(tier, "tier").value();
      return this;
    }

    /**
     * The tier as text, e.g. {@code "2K"} (any case: it is sent as the model spells it); one the
     * model does not take fails validation.
     */
    public Builder resolution(@Nullable String tier) {
      this.resolution = tier;
      return this;
    }

    /** How many images (the range depends on the model; z-image-turbo makes exactly one). */
    public Builder n(@Nullable Integer n) {
      this.n = n;
      return this;
    }

    /** What should not appear, for models that take a negative prompt. */
    public Builder negativePrompt(@Nullable String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /** Replaces the reference images: public http(s) URLs (or data URIs where accepted). */
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

    /** The mask for editing ({@code mask_url}): a public URL of a PNG with an alpha channel. */
    public Builder maskUrl(@Nullable String maskUrl) {
      this.maskUrl = maskUrl;
      return this;
    }

    /** Smart prompt rewriting (z-image-turbo; costs more). */
    public Builder promptExtend(@Nullable Boolean promptExtend) {
      this.promptExtend = promptExtend;
      return this;
    }

    /** {@code quality}: auto, low, medium or high (gpt-image official channels). */
    public Builder quality(@Nullable String quality) {
      this.quality = quality;
      return this;
    }

    /** {@code background}: auto, opaque or transparent (gpt-image official channels). */
    public Builder background(@Nullable String background) {
      this.background = background;
      return this;
    }

    /** {@code moderation}: auto or low (gpt-image official channels). */
    public Builder moderation(@Nullable String moderation) {
      this.moderation = moderation;
      return this;
    }

    /** {@code output_format}: png, jpeg or webp, as the model documents. */
    public Builder outputFormat(@Nullable String outputFormat) {
      this.outputFormat = outputFormat;
      return this;
    }

    /** {@code output_compression}: 0–100, for jpeg and webp output. */
    public Builder outputCompression(@Nullable Integer outputCompression) {
      this.outputCompression = outputCompression;
      return this;
    }

    /** {@code seed}, for models that take one. */
    public Builder seed(@Nullable Long seed) {
      this.seed = seed;
      return this;
    }

    /** {@code watermark}, for models that take it. */
    public Builder watermark(@Nullable Boolean watermark) {
      this.watermark = watermark;
      return this;
    }

    /** {@code nsfw_check} (gpt-image-2). */
    public Builder nsfwCheck(@Nullable Boolean nsfwCheck) {
      this.nsfwCheck = nsfwCheck;
      return this;
    }

    /** {@code official_fallback}: let the service fall back to the official channel. */
    public Builder officialFallback(@Nullable Boolean officialFallback) {
      this.officialFallback = officialFallback;
      return this;
    }

    /** {@code google_search} (gemini-3.1-flash-image-preview). */
    public Builder googleSearch(@Nullable Boolean googleSearch) {
      this.googleSearch = googleSearch;
      return this;
    }

    /**
     * A field sent as given beside the typed ones, for anything the SDK has no setter for. The
     * value is JSON-shaped ({@code null}, text, a boolean, a number, a list, a map with text keys,
     * nested freely); lists and maps are copied. A name that is a typed field (see {@link
     * #TYPED_FIELDS}) or a value that cannot be written as JSON fails validation — it never
     * overrides silently.
     */
    public Builder extraBody(String name, @Nullable Object value) {
      Objects.requireNonNull(name, "name");
      extraBody.put(name, copyJson(value, 0));
      return this;
    }

    /** Removes an extra field. */
    public Builder removeExtraBody(String name) {
      extraBody.remove(name);
      return this;
    }

    /**
     * Sets a field by its wire name, as configuration and command lines give it: a typed field when
     * the value has its type ({@code seed} 42, {@code quality} "high", {@code n} 2, {@code
     * image_urls} a list of texts…), else an extra body field — where a typed name with a value of
     * the wrong type fails validation with the type it expects. {@code null} for a typed name
     * clears that field.
     */
    public Builder param(String name, @Nullable Object value) {
      Objects.requireNonNull(name, "name");
      if (value == null && TYPED_FIELDS.contains(name)) {
        clearTyped(name);
        extraBody.remove(name);
        return this;
      }
      if (!setTyped(name, value)) {
        extraBody(name, value);
      } else {
        extraBody.remove(name);
      }
      return this;
    }

    private boolean setTyped(String name, @Nullable Object value) {
      switch (name) {
        case "model" -> {
          return value instanceof String s && assign(() -> model = s);
        }
        case "prompt" -> {
          return value instanceof String s && assign(() -> prompt = s);
        }
        case "size" -> {
          return value instanceof String s && assign(() -> size = s);
        }
        case "resolution" -> {
          return value instanceof String s && assign(() -> resolution = s);
        }
        case "negative_prompt" -> {
          return value instanceof String s && assign(() -> negativePrompt = s);
        }
        case "mask_url" -> {
          return value instanceof String s && assign(() -> maskUrl = s);
        }
        case "quality" -> {
          return value instanceof String s && assign(() -> quality = s);
        }
        case "background" -> {
          return value instanceof String s && assign(() -> background = s);
        }
        case "moderation" -> {
          return value instanceof String s && assign(() -> moderation = s);
        }
        case "output_format" -> {
          return value instanceof String s && assign(() -> outputFormat = s);
        }
        case "n" -> {
          Integer i = asInt(value);
          return i != null && assign(() -> n = i);
        }
        case "output_compression" -> {
          Integer i = asInt(value);
          return i != null && assign(() -> outputCompression = i);
        }
        case "seed" -> {
          Long l = asLong(value);
          return l != null && assign(() -> seed = l);
        }
        case "prompt_extend" -> {
          return value instanceof Boolean b && assign(() -> promptExtend = b);
        }
        case "watermark" -> {
          return value instanceof Boolean b && assign(() -> watermark = b);
        }
        case "nsfw_check" -> {
          return value instanceof Boolean b && assign(() -> nsfwCheck = b);
        }
        case "official_fallback" -> {
          return value instanceof Boolean b && assign(() -> officialFallback = b);
        }
        case "google_search" -> {
          return value instanceof Boolean b && assign(() -> googleSearch = b);
        }
        case "image_urls" -> {
          if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            imageUrls.clear();
            list.forEach(u -> imageUrls.add((String) u));
            return true;
          }
          return false;
        }
        default -> {
          return false;
        }
      }
    }

    private void clearTyped(String name) {
      switch (name) {
        case "model" -> model = null;
        case "prompt" -> prompt = null;
        case "size" -> size = null;
        case "resolution" -> resolution = null;
        case "n" -> n = null;
        case "negative_prompt" -> negativePrompt = null;
        case "image_urls" -> imageUrls.clear();
        case "mask_url" -> maskUrl = null;
        case "prompt_extend" -> promptExtend = null;
        case "quality" -> quality = null;
        case "background" -> background = null;
        case "moderation" -> moderation = null;
        case "output_format" -> outputFormat = null;
        case "output_compression" -> outputCompression = null;
        case "seed" -> seed = null;
        case "watermark" -> watermark = null;
        case "nsfw_check" -> nsfwCheck = null;
        case "official_fallback" -> officialFallback = null;
        case "google_search" -> googleSearch = null;
        default -> throw new IllegalStateException("not a typed field: " + name);
      }
    }

    private static boolean assign(Runnable setter) {
      setter.run();
      return true;
    }

    private static @Nullable Integer asInt(@Nullable Object value) {
      Long l = asLong(value);
      return l != null && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE
          ? Integer.valueOf(l.intValue())
          : null;
    }

    private static @Nullable Long asLong(@Nullable Object value) {
      if (value instanceof Integer
          || value instanceof Long
          || value instanceof Short
          || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      if (value instanceof BigInteger big && big.bitLength() < 64) {
        return big.longValue();
      }
      if (value instanceof BigDecimal dec) {
        try {
          return dec.longValueExact();
        } catch (ArithmeticException e) {
          return null;
        }
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        // 42.0 from a YAML or JSON map is the whole number 42; beyond 2^53 doubles are not exact.
        return d == Math.rint(d) && Math.abs(d) <= 9_007_199_254_740_992d ? (long) d : null;
      }
      return null;
    }

    /**
     * A deep, unmodifiable copy. Nesting deeper than any JSON the service takes (a cycle, say) is
     * cut off with a marker the validator reports, so the builder itself never fails.
     */
    private static @Nullable Object copyJson(@Nullable Object value, int depth) {
      if ((value instanceof Map<?, ?> || value instanceof List<?>) && depth > MAX_EXTRA_DEPTH) {
        return TooDeep.INSTANCE;
      }
      if (value instanceof Map<?, ?> map) {
        Map<Object, @Nullable Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, copyJson(v, depth + 1)));
        return Collections.unmodifiableMap(copy);
      }
      if (value instanceof List<?> list) {
        List<@Nullable Object> copy = new ArrayList<>(list.size());
        list.forEach(v -> copy.add(copyJson(v, depth + 1)));
        return Collections.unmodifiableList(copy);
      }
      return value;
    }

    /** The request. Never throws for bad values: validation reports them all at once. */
    public GenerationRequest build() {
      return new GenerationRequest(this);
    }
  }
}
