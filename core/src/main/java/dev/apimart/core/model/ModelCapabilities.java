package dev.apimart.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What one image model accepts, as data: one entry of the {@link ModelCatalog}. The request
 * validator reads only this, so a change in ApiMart's documentation is a change of data (in the
 * catalog, or at run time through the client builder or the starter's {@code apimart.models.*}
 * properties), never of code.
 *
 * <p><b>What an entry does not say is not checked.</b> A fact left unset in the builder — the
 * sizes, the tiers, the image count, a limit, the options — is not enforced, so an entry written
 * from a thin page never refuses a request the service would take. Set a fact to enforce it.
 *
 * <p>Immutable and thread-safe; change one with {@link #toBuilder()}.
 */
public final class ModelCapabilities {

  private final ImageModel model;
  private final String description;
  private final @Nullable List<ImageSize> sizes;
  private final @Nullable PixelRange pixelSizes;
  private final @Nullable ImageSize defaultSize;
  private final @Nullable Map<Resolution, String> tiers;
  private final @Nullable Resolution defaultTier;
  private final @Nullable Set<Integer> counts;
  private final boolean acceptsCount;
  private final @Nullable Integer maxPromptCodePoints;
  private final @Nullable Boolean negativePrompt;
  private final @Nullable Integer maxNegativePromptCodePoints;
  private final @Nullable Boolean promptExtend;
  private final @Nullable Integer maxReferenceImages;
  private final boolean referenceDataUris;
  private final @Nullable Boolean mask;
  private final @Nullable Integer maxReferencesPlusImages;
  private final boolean autoSizeNeedsReferences;
  private final @Nullable Resolution maxTierWithReferences;
  private final @Nullable Map<String, List<String>> options;
  private final Map<String, PixelSize> pixelTable;
  private final List<ImageModel> alternatives;
  private final boolean uncertain;
  private final boolean honoursIdempotencyKey;
  private final String source;

  private ModelCapabilities(Builder b) {
    this.model = Objects.requireNonNull(b.model, "model");
    this.description = b.description;
    this.sizes = b.sizes == null ? null : List.copyOf(b.sizes);
    this.pixelSizes = b.pixelSizes;
    this.defaultSize = b.defaultSize;
    this.tiers = b.tiers == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.tiers));
    this.defaultTier = b.defaultTier;
    this.counts = b.counts == null ? null : Collections.unmodifiableSet(new TreeSet<>(b.counts));
    this.acceptsCount = b.acceptsCount;
    this.maxPromptCodePoints = b.maxPromptCodePoints;
    this.negativePrompt = b.negativePrompt;
    this.maxNegativePromptCodePoints = b.maxNegativePromptCodePoints;
    this.promptExtend = b.promptExtend;
    this.maxReferenceImages = b.maxReferenceImages;
    this.referenceDataUris = b.referenceDataUris;
    this.mask = b.mask;
    this.maxReferencesPlusImages = b.maxReferencesPlusImages;
    this.autoSizeNeedsReferences = b.autoSizeNeedsReferences;
    this.maxTierWithReferences = b.maxTierWithReferences;
    this.options = b.options == null ? null : copyOptions(b.options);
    this.pixelTable = Collections.unmodifiableMap(new LinkedHashMap<>(b.pixelTable));
    this.alternatives = List.copyOf(b.alternatives);
    this.uncertain = b.uncertain;
    this.honoursIdempotencyKey = b.honoursIdempotencyKey;
    this.source = b.source;
  }

  private static Map<String, List<String>> copyOptions(Map<String, List<String>> options) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    options.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** A builder for the given model, with nothing checked yet. */
  public static Builder builder(ImageModel model) {
    return new Builder(Objects.requireNonNull(model, "model"));
  }

  /** A builder holding this entry's facts, to correct one of them. */
  public Builder toBuilder() {
    Builder b = new Builder(model);
    b.description = description;
    b.sizes = sizes == null ? null : new ArrayList<>(sizes);
    b.pixelSizes = pixelSizes;
    b.defaultSize = defaultSize;
    b.tiers = tiers == null ? null : new LinkedHashMap<>(tiers);
    b.defaultTier = defaultTier;
    b.counts = counts == null ? null : new TreeSet<>(counts);
    b.acceptsCount = acceptsCount;
    b.maxPromptCodePoints = maxPromptCodePoints;
    b.negativePrompt = negativePrompt;
    b.maxNegativePromptCodePoints = maxNegativePromptCodePoints;
    b.promptExtend = promptExtend;
    b.maxReferenceImages = maxReferenceImages;
    b.referenceDataUris = referenceDataUris;
    b.mask = mask;
    b.maxReferencesPlusImages = maxReferencesPlusImages;
    b.autoSizeNeedsReferences = autoSizeNeedsReferences;
    b.maxTierWithReferences = maxTierWithReferences;
    b.options = options == null ? null : new LinkedHashMap<>(options);
    b.pixelTable.putAll(pixelTable);
    b.alternatives.addAll(alternatives);
    b.uncertain = uncertain;
    b.honoursIdempotencyKey = honoursIdempotencyKey;
    b.source = source;
    return b;
  }

  /** The model this entry describes. */
  public ImageModel model() {
    return model;
  }

  /** One line saying what the model is for; empty when unknown. */
  public String description() {
    return description;
  }

  /**
   * The {@code size} values accepted besides explicit pixels: documented ratios and, where the
   * model takes it, {@code auto}, in the documentation's order. Empty when the model takes no
   * {@code size} (or only pixels); {@code Optional.empty()} when the entry does not say (any size
   * is sent as given).
   */
  public Optional<List<ImageSize>> sizes() {
    return Optional.ofNullable(sizes);
  }

  /** The explicit pixel sizes {@code WxH} accepted, when the model takes them. */
  public Optional<PixelRange> pixelSizes() {
    return Optional.ofNullable(pixelSizes);
  }

  /** The size the service uses when none is sent, when documented. */
  public Optional<ImageSize> defaultSize() {
    return Optional.ofNullable(defaultSize);
  }

  /**
   * Whether {@code size} may carry this value: true when the entry does not list sizes, when the
   * value is listed, or when it is a pixel size inside {@link #pixelSizes()}.
   */
  public boolean acceptsSize(ImageSize size) {
    if (sizes == null) {
      return true;
    }
    if (sizes.contains(size)) {
      return true;
    }
    return size.isPixels()
        && pixelSizes != null
        && pixelSizes.contains(size.width(), size.height());
  }

  /**
   * The tiers accepted, smallest first; empty when the model takes no {@code resolution}; {@code
   * Optional.empty()} when the entry does not say.
   */
  public Optional<List<Resolution>> tiers() {
    return tiers == null ? Optional.empty() : Optional.of(List.copyOf(tiers.keySet()));
  }

  /** The tier the service uses when none is sent, when documented. */
  public Optional<Resolution> defaultTier() {
    return Optional.ofNullable(defaultTier);
  }

  /**
   * The spelling of a tier on the wire for this model: the documented one ({@code 1k} for
   * gpt-image-2, {@code 1K} elsewhere), or the canonical text when the entry does not list it.
   */
  public String wireTier(Resolution tier) {
    if (tiers != null) {
      String spelled = tiers.get(tier);
      if (spelled != null) {
        return spelled;
      }
    }
    return tier.value();
  }

  /** Whether {@code resolution} may carry this tier (true when the entry does not list tiers). */
  public boolean acceptsTier(Resolution tier) {
    return tiers == null || tiers.containsKey(tier);
  }

  /**
   * The accepted values of {@code n}, smallest first, when the entry says; a model that makes
   * exactly one image lists {@code [1]}.
   */
  public Optional<Set<Integer>> counts() {
    return Optional.ofNullable(counts);
  }

  /** Whether {@code n} may be this value (true when the entry does not say). */
  public boolean acceptsCount(int n) {
    return counts == null ? n >= 1 : counts.contains(n);
  }

  /** Smallest accepted {@code n} (1 when the entry does not say). */
  public int minImages() {
    return counts == null || counts.isEmpty() ? 1 : new TreeSet<>(counts).first();
  }

  /** Largest accepted {@code n} ({@link Integer#MAX_VALUE} when the entry does not say). */
  public int maxImages() {
    return counts == null || counts.isEmpty() ? Integer.MAX_VALUE : new TreeSet<>(counts).last();
  }

  /** Whether the model makes more than one image per task ({@code n} other than 1 may be sent). */
  public boolean acceptsCount() {
    return acceptsCount;
  }

  /** Prompt limit in Unicode code points, when documented. */
  public Optional<Integer> maxPromptCodePoints() {
    return Optional.ofNullable(maxPromptCodePoints);
  }

  /** Whether {@code negative_prompt} is accepted (true when the entry does not say). */
  public boolean negativePrompt() {
    return negativePrompt == null || negativePrompt;
  }

  /** Whether the entry says explicitly that the model takes a negative prompt. */
  public boolean documentsNegativePrompt() {
    return Boolean.TRUE.equals(negativePrompt);
  }

  /** Negative prompt limit in code points, when documented. */
  public Optional<Integer> maxNegativePromptCodePoints() {
    return Optional.ofNullable(maxNegativePromptCodePoints);
  }

  /** Whether {@code prompt_extend: true} is accepted (true when the entry does not say). */
  public boolean promptExtend() {
    return promptExtend == null || promptExtend;
  }

  /** Whether the entry says explicitly that the model takes {@code prompt_extend}. */
  public boolean documentsPromptExtend() {
    return Boolean.TRUE.equals(promptExtend);
  }

  /** How many reference images ({@code image_urls}) are accepted, when the entry says; 0: none. */
  public Optional<Integer> maxReferenceImages() {
    return Optional.ofNullable(maxReferenceImages);
  }

  /**
   * Whether the model takes reference images (image-to-image); true when the entry does not say.
   */
  public boolean imageToImage() {
    return maxReferenceImages == null || maxReferenceImages > 0;
  }

  /**
   * Whether a reference image may be a {@code data:image/…;base64,} URI as well as a public URL.
   * Uploading ({@code POST /v1/uploads/images}) is the portable way to use a local file.
   */
  public boolean referenceDataUris() {
    return referenceDataUris;
  }

  /** Whether {@code mask_url} is accepted (true when the entry does not say). */
  public boolean mask() {
    return mask == null || mask;
  }

  /** Whether the entry says explicitly that the model takes a mask. */
  public boolean documentsMask() {
    return Boolean.TRUE.equals(mask);
  }

  /** A limit on reference images plus images asked for together, when documented (Seedream). */
  public Optional<Integer> maxReferencesPlusImages() {
    return Optional.ofNullable(maxReferencesPlusImages);
  }

  /** Whether {@code size: auto} needs reference images (the model reads the size from them). */
  public boolean autoSizeNeedsReferences() {
    return autoSizeNeedsReferences;
  }

  /** The largest tier when editing reference images, when lower than for text-to-image. */
  public Optional<Resolution> maxTierWithReferences() {
    return Optional.ofNullable(maxTierWithReferences);
  }

  /**
   * The typed options the model takes (wire names such as {@code quality}), each with its allowed
   * values (empty: any value of the option's type); {@code Optional.empty()} when the entry does
   * not say, in which case every typed option is sent as given.
   */
  public Optional<Map<String, List<String>>> options() {
    return Optional.ofNullable(options);
  }

  /** Whether the typed option (wire name) is accepted (true when the entry lists no options). */
  public boolean acceptsOption(String wireName) {
    return options == null || options.containsKey(wireName);
  }

  /** The documented values of an option; empty when any value is accepted. */
  public List<String> optionValues(String wireName) {
    if (options == null) {
      return List.of();
    }
    List<String> values = options.get(wireName);
    return values == null ? List.of() : values;
  }

  /** The documented pixel table: {@code "ratio@tier"} (e.g. {@code "16:9@2K"}) to pixel size. */
  public Map<String, PixelSize> pixelTable() {
    return pixelTable;
  }

  /**
   * The pixel size an image will have, when it is knowable: an explicit pixel size, else the
   * documented table entry for the ratio and tier (the model's defaults standing in for what is
   * unset).
   */
  public Optional<PixelSize> pixelSize(@Nullable ImageSize size, @Nullable Resolution tier) {
    ImageSize s = size != null ? size : defaultSize;
    if (s == null) {
      return Optional.empty();
    }
    if (s.isPixels()) {
      return s.pixelSize();
    }
    Resolution t = tier != null ? tier : defaultTier;
    if (t == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(pixelTable.get(tableKey(s, t)));
  }

  /** Models to suggest when this one refuses a request, most similar first. */
  public List<ImageModel> alternatives() {
    return alternatives;
  }

  /**
   * Whether the entry rests on uncertain sources (third-party notes, or pages that contradict each
   * other); its limits are then the lenient reading.
   */
  public boolean uncertain() {
    return uncertain;
  }

  /**
   * Whether ApiMart is known to honour the {@code Idempotency-Key} header for this model: a
   * repeated submission with the same key returns the task the first one created instead of
   * creating (and billing) a second. When true, a submission whose answer was lost is retried with
   * the same key by default; when false (the default for every built-in entry, because no ApiMart
   * page confirms it — see ADR 0016) the client never repeats such a submission unless told to. Set
   * it only for a model whose key handling you have verified.
   */
  public boolean honoursIdempotencyKey() {
    return honoursIdempotencyKey;
  }

  /** Where the facts come from (documentation page paths, notes); empty when unknown. */
  public String source() {
    return source;
  }

  static String tableKey(ImageSize size, Resolution tier) {
    return size.value() + "@" + tier.value();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ModelCapabilities other
        && model.equals(other.model)
        && description.equals(other.description)
        && Objects.equals(sizes, other.sizes)
        && Objects.equals(pixelSizes, other.pixelSizes)
        && Objects.equals(defaultSize, other.defaultSize)
        && Objects.equals(tiers, other.tiers)
        && Objects.equals(defaultTier, other.defaultTier)
        && Objects.equals(counts, other.counts)
        && acceptsCount == other.acceptsCount
        && Objects.equals(maxPromptCodePoints, other.maxPromptCodePoints)
        && Objects.equals(negativePrompt, other.negativePrompt)
        && Objects.equals(maxNegativePromptCodePoints, other.maxNegativePromptCodePoints)
        && Objects.equals(promptExtend, other.promptExtend)
        && Objects.equals(maxReferenceImages, other.maxReferenceImages)
        && referenceDataUris == other.referenceDataUris
        && Objects.equals(mask, other.mask)
        && Objects.equals(maxReferencesPlusImages, other.maxReferencesPlusImages)
        && autoSizeNeedsReferences == other.autoSizeNeedsReferences
        && Objects.equals(maxTierWithReferences, other.maxTierWithReferences)
        && Objects.equals(options, other.options)
        && pixelTable.equals(other.pixelTable)
        && alternatives.equals(other.alternatives)
        && uncertain == other.uncertain
        && honoursIdempotencyKey == other.honoursIdempotencyKey
        && source.equals(other.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, sizes, tiers, counts, maxPromptCodePoints, maxReferenceImages);
  }

  @Override
  public String toString() {
    return "ModelCapabilities[" + model + (uncertain ? ", uncertain" : "") + "]";
  }

  /** Builds a {@link ModelCapabilities}; unset facts are not checked. Not thread-safe. */
  public static final class Builder {
    private final ImageModel model;
    private String description = "";
    private @Nullable List<ImageSize> sizes;
    private @Nullable PixelRange pixelSizes;
    private @Nullable ImageSize defaultSize;
    private @Nullable Map<Resolution, String> tiers;
    private @Nullable Resolution defaultTier;
    private @Nullable Set<Integer> counts;
    private boolean acceptsCount = true;
    private @Nullable Integer maxPromptCodePoints;
    private @Nullable Boolean negativePrompt;
    private @Nullable Integer maxNegativePromptCodePoints;
    private @Nullable Boolean promptExtend;
    private @Nullable Integer maxReferenceImages;
    private boolean referenceDataUris;
    private @Nullable Boolean mask;
    private @Nullable Integer maxReferencesPlusImages;
    private boolean autoSizeNeedsReferences;
    private @Nullable Resolution maxTierWithReferences;
    private @Nullable Map<String, List<String>> options;
    private final Map<String, PixelSize> pixelTable = new LinkedHashMap<>();
    private final List<ImageModel> alternatives = new ArrayList<>();
    private boolean uncertain;
    private boolean honoursIdempotencyKey;
    private String source = "";

    private Builder(ImageModel model) {
      this.model = model;
    }

    /** One line saying what the model is for. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** The accepted ratios (and {@code auto}), e.g. {@code "1:1", "16:9", "auto"}. */
    public Builder sizes(String... sizes) {
      List<ImageSize> list = new ArrayList<>(sizes.length);
      for (String s : sizes) {
        list.add(ImageSize.of(s));
      }
      return sizes(list);
    }

    /** The accepted ratios (and {@code auto}); an empty list means the model takes no size. */
    public Builder sizes(List<ImageSize> sizes) {
      this.sizes = new ArrayList<>(new LinkedHashSet<>(Objects.requireNonNull(sizes, "sizes")));
      return this;
    }

    /** Forgets the sizes: any {@code size} is sent as given. */
    public Builder anySize() {
      this.sizes = null;
      this.pixelSizes = null;
      return this;
    }

    /** The explicit pixel sizes accepted (gpt-image-2); {@code null} for none. */
    public Builder pixelSizes(@Nullable PixelRange range) {
      this.pixelSizes = range;
      if (range != null && sizes == null) {
        sizes = new ArrayList<>();
      }
      return this;
    }

    /** The size used when none is sent. */
    public Builder defaultSize(@Nullable String size) {
      this.defaultSize = size == null ? null : ImageSize.of(size);
      return this;
    }

    /**
     * The accepted tiers in their documented spelling, e.g. {@code "1K", "2K"} or {@code "1k",
     * "2k", "4k"}; a user's {@code 2K} is sent as the model spells it. No argument: the model takes
     * no {@code resolution}.
     */
    public Builder tiers(String... spellings) {
      Map<Resolution, String> map = new LinkedHashMap<>();
      for (String spelling : spellings) {
        map.put(Resolution.of(spelling), spelling.strip());
      }
      this.tiers = map;
      return this;
    }

    /** Forgets the tiers: any {@code resolution} is sent as given. */
    public Builder anyTier() {
      this.tiers = null;
      return this;
    }

    /** The tier used when none is sent. */
    public Builder defaultTier(@Nullable String tier) {
      this.defaultTier = tier == null ? null : Resolution.of(tier);
      return this;
    }

    /**
     * {@code n} may be any value from {@code min} to {@code max}.
     *
     * @throws IllegalArgumentException unless {@code 1 <= min <= max <= 1000}
     */
    public Builder countRange(int min, int max) {
      if (min < 1 || max < min || max > 1000) {
        throw new IllegalArgumentException(
            "count range must satisfy 1 <= min <= max <= 1000, got " + min + ".." + max);
      }
      Set<Integer> set = new TreeSet<>();
      for (int i = min; i <= max; i++) {
        set.add(i);
      }
      this.counts = set;
      this.acceptsCount = max > 1;
      return this;
    }

    /**
     * {@code n} may be only one of these values (gpt-4o-image: 1, 2 or 4).
     *
     * @throws IllegalArgumentException when empty or a value is below 1
     */
    public Builder counts(Integer... values) {
      Set<Integer> set = new TreeSet<>();
      for (Integer v : values) {
        if (v == null || v < 1) {
          throw new IllegalArgumentException("counts must be positive, got " + v);
        }
        set.add(v);
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException("counts must not be empty");
      }
      this.counts = set;
      this.acceptsCount = set.size() > 1 || !set.contains(1);
      return this;
    }

    /** The model always makes exactly one image; an explicit {@code n = 1} is still accepted. */
    public Builder singleImage() {
      this.counts = new TreeSet<>(Set.of(1));
      this.acceptsCount = false;
      return this;
    }

    /** Forgets the count rule: any {@code n} of at least 1 is sent. */
    public Builder anyCount() {
      this.counts = null;
      this.acceptsCount = true;
      return this;
    }

    /** Prompt limit in Unicode code points; {@code null}: not checked. */
    public Builder maxPromptCodePoints(@Nullable Integer max) {
      this.maxPromptCodePoints = positiveOrNull(max, "maxPromptCodePoints");
      return this;
    }

    /** Whether {@code negative_prompt} is accepted; {@code null}: not checked. */
    public Builder negativePrompt(@Nullable Boolean accepted) {
      this.negativePrompt = accepted;
      return this;
    }

    /** The negative prompt is accepted, up to this many code points. */
    public Builder negativePrompt(int maxCodePoints) {
      this.negativePrompt = true;
      this.maxNegativePromptCodePoints = positiveOrNull(maxCodePoints, "maxNegativePrompt");
      return this;
    }

    /** Whether {@code prompt_extend: true} is accepted; {@code null}: not checked. */
    public Builder promptExtend(@Nullable Boolean accepted) {
      this.promptExtend = accepted;
      return this;
    }

    /** How many reference images are accepted (0: none); {@code null}: not checked. */
    public Builder maxReferenceImages(@Nullable Integer max) {
      if (max != null && max < 0) {
        throw new IllegalArgumentException("maxReferenceImages must not be negative, got " + max);
      }
      this.maxReferenceImages = max;
      return this;
    }

    /** Whether reference images may be data URIs as well as public URLs. Default false. */
    public Builder referenceDataUris(boolean accepted) {
      this.referenceDataUris = accepted;
      return this;
    }

    /** Whether {@code mask_url} is accepted; {@code null}: not checked. */
    public Builder mask(@Nullable Boolean accepted) {
      this.mask = accepted;
      return this;
    }

    /** A limit on reference images plus {@code n} together; {@code null}: none. */
    public Builder maxReferencesPlusImages(@Nullable Integer max) {
      this.maxReferencesPlusImages = positiveOrNull(max, "maxReferencesPlusImages");
      return this;
    }

    /** {@code size: auto} needs reference images (Seedream reads the size from them). */
    public Builder autoSizeNeedsReferences(boolean needed) {
      this.autoSizeNeedsReferences = needed;
      return this;
    }

    /** The largest tier when editing reference images (wan2.7-image-pro: 2K); null for none. */
    public Builder maxTierWithReferences(@Nullable String tier) {
      this.maxTierWithReferences = tier == null ? null : Resolution.of(tier);
      return this;
    }

    /**
     * The model takes this option (wire name) with these documented values (none: any value). A
     * typed field or an extra body field: either one's value is checked against the list. Listing
     * one option makes every unlisted typed option a violation.
     */
    public Builder option(String wireName, String... values) {
      Objects.requireNonNull(wireName, "wireName");
      if (options == null) {
        options = new LinkedHashMap<>();
      }
      options.put(wireName, List.of(values));
      return this;
    }

    /** The model takes no typed option at all. */
    public Builder noOptions() {
      this.options = new LinkedHashMap<>();
      return this;
    }

    /** Forgets the options: every typed option is sent as given. */
    public Builder anyOptions() {
      this.options = null;
      return this;
    }

    /** One row of the documented pixel table. */
    public Builder pixelSize(String size, String tier, int width, int height) {
      pixelTable.put(
          tableKey(ImageSize.of(size), Resolution.of(tier)), new PixelSize(width, height));
      return this;
    }

    /** Models to suggest when this one refuses a request. */
    public Builder alternatives(ImageModel... models) {
      alternatives.clear();
      alternatives.addAll(List.of(models));
      return this;
    }

    /**
     * Declares that ApiMart honours the {@code Idempotency-Key} for this model (see {@link
     * ModelCapabilities#honoursIdempotencyKey()}). Default false.
     */
    public Builder honoursIdempotencyKey(boolean honoursIdempotencyKey) {
      this.honoursIdempotencyKey = honoursIdempotencyKey;
      return this;
    }

    /** Marks the entry as resting on uncertain sources. */
    public Builder uncertain(boolean uncertain) {
      this.uncertain = uncertain;
      return this;
    }

    /** Where the facts come from. */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The entry. */
    public ModelCapabilities build() {
      return new ModelCapabilities(this);
    }

    private static @Nullable Integer positiveOrNull(@Nullable Integer value, String name) {
      if (value != null && value < 1) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
