package dev.apimart.testkit.internal;

import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelRange;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Resolution;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the fake accepts for one model and what it produces.
 *
 * <p>The three seed models carry the fake's <em>own</em> rules and pixel table, written from
 * ApiMart's seed pages and independent of the client's catalog, so a rule the client gets wrong
 * shows up as a disagreement. Every other model's rules are derived from a {@link
 * ModelCapabilities} entry (core's default catalog, or one configured on the fake): what the entry
 * leaves unset is not checked, as in the client. Also the defaults for how long a task takes and
 * what an image costs.
 *
 * <p>Pixel sizes: a documented table row when there is one, an explicit {@code WxH} as given,
 * otherwise computed — tier {@code K} gives about {@code (K·1024)²} pixels in the requested ratio,
 * each side rounded to a multiple of 16, scaled down into the model's documented pixel range
 * (largest side, pixel cap) when it has one; {@code auto} stands for the model's default ratio (1:1
 * when it has none), a missing tier for the default tier (1K when it has none).
 */
public final class ModelSpec {

  /** Every seed model: at most this many prompt characters (code points). */
  public static final int MAX_PROMPT_CHARS = 800;

  /** Seed models that take a negative prompt: at most this many characters (code points). */
  public static final int MAX_NEGATIVE_PROMPT_CHARS = 500;

  /** The largest {@code n} the fake makes for a model whose entry sets no count rule. */
  public static final int MAX_IMAGES_UNCHECKED = 1000;

  /** The longest side the fake computes or serves. */
  public static final int MAX_SIDE = 16_384;

  /** How long a task of a non-seed model takes unless configured otherwise. */
  public static final Duration NON_SEED_DURATION = Duration.ofSeconds(30);

  /** What one image of a non-seed model costs unless configured otherwise. */
  public static final BigDecimal NON_SEED_PRICE = new BigDecimal("0.05");

  private static final List<String> SEED_RATIOS =
      List.of("1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3");

  /** The seed pages' table (api-contract §1), typed in rather than taken from the client. */
  private static final Map<String, PixelSize> SEED_TABLE = seedTable();

  /**
   * Explicit pixel sizes the fake serves for a model whose entry lists no sizes: it must be able to
   * write the PNG.
   */
  public static final PixelRange UNCHECKED_PIXELS = PixelRange.of(1, MAX_SIDE, 64L * 1024 * 1024);

  private static final Pattern RATIO = Pattern.compile("(\\d{1,5}):(\\d{1,5})");
  private static final Pattern PIXELS = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
  private static final Pattern TIER = Pattern.compile("(\\d{1,2}(?:\\.\\d)?)[kK]");

  /** Exactly one image; takes {@code prompt_extend}. */
  public static final ModelSpec Z_IMAGE_TURBO =
      seed("z-image-turbo", Set.of(1), false, 0, false, true, 5, "0.02");

  /** One to six images, negative prompt, reference images. */
  public static final ModelSpec QWEN_IMAGE_2_0 =
      seed("qwen-image-2.0", range(1, 6), true, 3, true, false, 20, "0.04");

  /** As qwen-image-2.0, slower and dearer. */
  public static final ModelSpec QWEN_IMAGE_2_0_PRO =
      seed("qwen-image-2.0-pro", range(1, 6), true, 3, true, false, 30, "0.08");

  private static final List<ModelSpec> SEEDS =
      List.of(Z_IMAGE_TURBO, QWEN_IMAGE_2_0, QWEN_IMAGE_2_0_PRO);

  private final String id;
  private final boolean seed;
  private final @Nullable List<String> sizes;
  private final @Nullable PixelRange pixelRange;
  private final String defaultRatio;
  private final @Nullable Map<String, String> tiers;
  private final String defaultTier;
  private final @Nullable Set<Integer> counts;
  private final boolean acceptsCount;
  private final @Nullable Integer maxPromptChars;
  private final boolean negativePrompt;
  private final @Nullable Integer maxNegativePromptChars;
  private final boolean promptExtend;
  private final @Nullable Integer maxReferenceImages;
  private final boolean referenceDataUris;
  private final boolean mask;
  private final @Nullable Integer maxReferencesPlusImages;
  private final @Nullable Map<String, List<String>> options;
  private final Map<String, PixelSize> pixelTable;
  private final Duration defaultDuration;
  private final BigDecimal defaultPrice;

  private ModelSpec(Values v) {
    this.id = v.id;
    this.seed = v.seed;
    this.sizes = v.sizes == null ? null : List.copyOf(v.sizes);
    this.pixelRange = v.pixelRange;
    this.defaultRatio = v.defaultRatio;
    this.tiers = v.tiers == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(v.tiers));
    this.defaultTier = v.defaultTier;
    this.counts = v.counts == null ? null : Collections.unmodifiableSet(new TreeSet<>(v.counts));
    this.acceptsCount = v.acceptsCount;
    this.maxPromptChars = v.maxPromptChars;
    this.negativePrompt = v.negativePrompt;
    this.maxNegativePromptChars = v.maxNegativePromptChars;
    this.promptExtend = v.promptExtend;
    this.maxReferenceImages = v.maxReferenceImages;
    this.referenceDataUris = v.referenceDataUris;
    this.mask = v.mask;
    this.maxReferencesPlusImages = v.maxReferencesPlusImages;
    this.options = v.options == null ? null : Collections.unmodifiableMap(v.options);
    this.pixelTable = Map.copyOf(v.pixelTable);
    this.defaultDuration = v.defaultDuration;
    this.defaultPrice = v.defaultPrice;
  }

  /** The seed models, with the fake's own rules. */
  public static List<ModelSpec> seeds() {
    return SEEDS;
  }

  /** The seed spec whose id is exactly {@code id}. */
  public static Optional<ModelSpec> seedById(String id) {
    for (ModelSpec spec : SEEDS) {
      if (spec.id.equals(id)) {
        return Optional.of(spec);
      }
    }
    return Optional.empty();
  }

  /**
   * The rules a catalog entry implies: what it sets is checked, what it leaves unset is not; the
   * pixel table is the entry's; default duration {@link #NON_SEED_DURATION}, price {@link
   * #NON_SEED_PRICE}.
   */
  public static ModelSpec fromCatalog(ModelCapabilities c) {
    // Plain loops, no lambdas: this runs when a fake starts, and starting fast is part of the
    // contract (the first lambda in a fresh JVM costs tens of milliseconds).
    Values v = new Values(c.model().id(), false);
    Optional<List<ImageSize>> sizes = c.sizes();
    if (sizes.isPresent()) {
      List<String> texts = new ArrayList<>();
      for (ImageSize size : sizes.get()) {
        texts.add(size.value());
      }
      v.sizes = texts;
    }
    v.pixelRange = c.pixelSizes().orElse(null);
    ImageSize defaultSize = c.defaultSize().orElse(null);
    v.defaultRatio = defaultSize != null && defaultSize.isRatio() ? defaultSize.value() : "1:1";
    Optional<List<Resolution>> tiers = c.tiers();
    if (tiers.isPresent()) {
      Map<String, String> map = new LinkedHashMap<>();
      for (Resolution tier : tiers.get()) {
        map.put(tier.value(), c.wireTier(tier));
      }
      v.tiers = map;
    }
    Resolution defaultTier = c.defaultTier().orElse(null);
    v.defaultTier = defaultTier != null ? defaultTier.value() : "1K";
    v.counts = c.counts().orElse(null);
    v.acceptsCount = c.acceptsCount();
    v.maxPromptChars = c.maxPromptCodePoints().orElse(null);
    v.negativePrompt = c.negativePrompt();
    v.maxNegativePromptChars = c.maxNegativePromptCodePoints().orElse(null);
    v.promptExtend = c.promptExtend();
    v.maxReferenceImages = c.maxReferenceImages().orElse(null);
    v.referenceDataUris = c.referenceDataUris();
    v.mask = c.mask();
    v.maxReferencesPlusImages = c.maxReferencesPlusImages().orElse(null);
    Optional<Map<String, List<String>>> options = c.options();
    v.options = options.isPresent() ? new LinkedHashMap<>(options.get()) : null;
    v.pixelTable = c.pixelTable();
    v.defaultDuration = NON_SEED_DURATION;
    v.defaultPrice = NON_SEED_PRICE;
    return new ModelSpec(v);
  }

  /**
   * The seed models with the fake's own rules, then every other model of {@link
   * ModelCatalog#defaults()} with rules derived from its entry; built once.
   */
  public static Map<String, ModelSpec> defaults() {
    return Defaults.SPECS;
  }

  private static ModelSpec seed(
      String id,
      Set<Integer> counts,
      boolean negativePrompt,
      int maxReferenceImages,
      boolean acceptsCount,
      boolean promptExtend,
      int defaultSeconds,
      String defaultPrice) {
    Values v = new Values(id, true);
    v.sizes = SEED_RATIOS;
    v.defaultRatio = "1:1";
    v.tiers = new LinkedHashMap<>();
    v.tiers.put("1K", "1K");
    v.tiers.put("2K", "2K");
    v.defaultTier = "1K";
    v.counts = counts;
    v.acceptsCount = acceptsCount;
    v.maxPromptChars = MAX_PROMPT_CHARS;
    v.negativePrompt = negativePrompt;
    v.maxNegativePromptChars = negativePrompt ? MAX_NEGATIVE_PROMPT_CHARS : null;
    v.promptExtend = promptExtend;
    v.maxReferenceImages = maxReferenceImages;
    v.mask = false;
    v.options = new LinkedHashMap<>();
    v.pixelTable = SEED_TABLE;
    v.defaultDuration = Duration.ofSeconds(defaultSeconds);
    v.defaultPrice = new BigDecimal(defaultPrice);
    return new ModelSpec(v);
  }

  private static Map<String, PixelSize> seedTable() {
    Map<String, PixelSize> t = new LinkedHashMap<>();
    t.put("1:1@1K", new PixelSize(1024, 1024));
    t.put("4:3@1K", new PixelSize(1152, 864));
    t.put("3:4@1K", new PixelSize(864, 1152));
    t.put("16:9@1K", new PixelSize(1280, 720));
    t.put("9:16@1K", new PixelSize(720, 1280));
    t.put("3:2@1K", new PixelSize(1248, 832));
    t.put("2:3@1K", new PixelSize(832, 1248));
    t.put("1:1@2K", new PixelSize(2048, 2048));
    t.put("4:3@2K", new PixelSize(2048, 1536));
    t.put("3:4@2K", new PixelSize(1536, 2048));
    t.put("16:9@2K", new PixelSize(2048, 1152));
    t.put("9:16@2K", new PixelSize(1152, 2048));
    t.put("3:2@2K", new PixelSize(2048, 1360));
    t.put("2:3@2K", new PixelSize(1360, 2048));
    return Collections.unmodifiableMap(t);
  }

  private static Set<Integer> range(int min, int max) {
    Set<Integer> set = new TreeSet<>();
    for (int i = min; i <= max; i++) {
      set.add(i);
    }
    return set;
  }

  // ---------------------------------------------------------------- reading requests

  /**
   * The canonical ratio ({@code "16:9"}), {@code "auto"} or pixel size ({@code "1536x1024"}) a
   * {@code size} text stands for, when this model accepts it.
   */
  public Optional<String> acceptSize(String text) {
    if (sizes != null && sizes.contains(text)) {
      return Optional.of(text);
    }
    if (seed) {
      return Optional.empty();
    }
    Matcher pixels = PIXELS.matcher(text);
    if (pixels.matches()) {
      int w = Integer.parseInt(pixels.group(1));
      int h = Integer.parseInt(pixels.group(2));
      boolean inRange =
          pixelRange != null
              ? pixelRange.contains(w, h)
              : sizes == null && UNCHECKED_PIXELS.contains(w, h);
      return inRange ? Optional.of(w + "x" + h) : Optional.empty();
    }
    if (sizes == null) {
      if (text.equals("auto")) {
        return Optional.of(text);
      }
      Matcher ratio = RATIO.matcher(text);
      if (ratio.matches()
          && Integer.parseInt(ratio.group(1)) > 0
          && Integer.parseInt(ratio.group(2)) > 0) {
        return Optional.of(text);
      }
    }
    return Optional.empty();
  }

  /**
   * The canonical tier ({@code "2K"}) a {@code resolution} text stands for, when this model accepts
   * it: every model takes its documented spelling only ({@code 1k} for gpt-image-2, {@code 1K}
   * elsewhere) — stricter than the service may be, so that a client that does not send a model's
   * own spelling is caught here — and any {@code <number>K} when its entry lists no tiers.
   */
  public Optional<String> acceptTier(String text) {
    if (seed) {
      return tiers != null && tiers.containsValue(text) ? Optional.of(text) : Optional.empty();
    }
    if (tiers != null) {
      for (Map.Entry<String, String> e : tiers.entrySet()) {
        if (e.getValue().equals(text)) {
          return Optional.of(e.getKey());
        }
      }
      return Optional.empty();
    }
    return TIER.matcher(text).matches()
        ? Optional.of(text.toUpperCase(Locale.ROOT))
        : Optional.empty();
  }

  /**
   * The pixel size of the images for an accepted size and tier ({@code null}: not sent): a table
   * row, an explicit pixel size, or the computed size described in the class documentation.
   */
  public PixelSize pixelSize(@Nullable String size, @Nullable String tier) {
    String s = size == null || size.equals("auto") ? defaultRatio : size;
    Matcher pixels = PIXELS.matcher(s);
    if (pixels.matches()) {
      return new PixelSize(Integer.parseInt(pixels.group(1)), Integer.parseInt(pixels.group(2)));
    }
    String t = tier == null ? defaultTier : tier;
    PixelSize row = pixelTable.get(s + "@" + t);
    if (row != null) {
      return row;
    }
    return withinRange(computed(s, t), pixelRange);
  }

  /**
   * A computed size scaled down, ratio kept, into the model's documented pixel range (a side limit,
   * a pixel cap): gpt-image-2 at 21:9 and 4k stays within 3840 px and 8,294,400 px.
   */
  static PixelSize withinRange(PixelSize size, @Nullable PixelRange range) {
    if (range == null) {
      return size;
    }
    double scale = 1.0;
    scale = Math.min(scale, (double) range.maxSide() / Math.max(size.width(), size.height()));
    if (range.maxPixels() > 0) {
      scale = Math.min(scale, Math.sqrt((double) range.maxPixels() / size.pixels()));
    }
    if (scale >= 1.0) {
      return size;
    }
    int w = (int) Math.max(16, Math.floor(size.width() * scale / 16) * 16);
    int h = (int) Math.max(16, Math.floor(size.height() * scale / 16) * 16);
    return new PixelSize(w, h);
  }

  /** Tier {@code K}: about {@code (K·1024)²} pixels in the ratio, sides multiples of 16. */
  static PixelSize computed(String ratio, String tier) {
    Matcher r = RATIO.matcher(ratio);
    int rw = 1;
    int rh = 1;
    if (r.matches() && Integer.parseInt(r.group(1)) > 0 && Integer.parseInt(r.group(2)) > 0) {
      rw = Integer.parseInt(r.group(1));
      rh = Integer.parseInt(r.group(2));
    }
    Matcher k = TIER.matcher(tier);
    double kilo = k.matches() ? Double.parseDouble(k.group(1)) : 1.0;
    double side = Math.max(kilo, 0.0625) * 1024;
    double aspect = Math.sqrt((double) rw / rh);
    return new PixelSize(multipleOf16(side * aspect), multipleOf16(side / aspect));
  }

  private static int multipleOf16(double length) {
    return (int) Math.min(MAX_SIDE, Math.max(16, Math.round(length / 16) * 16));
  }

  // ---------------------------------------------------------------- facts

  /** The wire id. */
  public String id() {
    return id;
  }

  /** Whether this is a seed model with the fake's own rules. */
  public boolean isSeed() {
    return seed;
  }

  /** The accepted size texts, when listed. */
  public @Nullable List<String> sizes() {
    return sizes;
  }

  /** The accepted explicit pixel sizes, when the model takes them. */
  public @Nullable PixelRange pixelRange() {
    return pixelRange;
  }

  /** The accepted tiers as spelled on the wire, when listed. */
  public @Nullable List<String> tierSpellings() {
    return tiers == null ? null : List.copyOf(tiers.values());
  }

  /** The accepted image counts, when the model sets a rule. */
  public @Nullable Set<Integer> counts() {
    return counts;
  }

  /** Largest {@code n}. */
  public int maxImages() {
    return counts == null ? MAX_IMAGES_UNCHECKED : new TreeSet<>(counts).last();
  }

  /** Whether {@code n} other than 1 may be sent. */
  public boolean acceptsCount() {
    return acceptsCount;
  }

  /** Prompt limit in code points, when there is one. */
  public @Nullable Integer maxPromptChars() {
    return maxPromptChars;
  }

  /** Whether it takes {@code negative_prompt}. */
  public boolean negativePrompt() {
    return negativePrompt;
  }

  /** Negative prompt limit in code points, when there is one. */
  public @Nullable Integer maxNegativePromptChars() {
    return maxNegativePromptChars;
  }

  /** Whether it takes {@code prompt_extend: true}. */
  public boolean promptExtend() {
    return promptExtend;
  }

  /** How many {@code image_urls} it takes (0: none), when there is a limit. */
  public @Nullable Integer maxReferenceImages() {
    return maxReferenceImages;
  }

  /** Whether reference images may be {@code data:image/…;base64,} URIs. */
  public boolean referenceDataUris() {
    return referenceDataUris;
  }

  /** Whether it takes {@code mask_url}. */
  public boolean mask() {
    return mask;
  }

  /** Limit on references plus images, when there is one. */
  public @Nullable Integer maxReferencesPlusImages() {
    return maxReferencesPlusImages;
  }

  /** Whether it takes this option (true when the model lists none). */
  public boolean acceptsOption(String name) {
    return options == null || options.containsKey(name);
  }

  /** Whether the model lists this option by name. */
  public boolean listsOption(String name) {
    return options != null && options.containsKey(name);
  }

  /** The documented values of an option; empty when any value goes. */
  public List<String> optionValues(String name) {
    List<String> values = options == null ? null : options.get(name);
    return values == null ? List.of() : values;
  }

  /** The listed option names, when the model lists them. */
  public @Nullable List<String> optionNames() {
    return options == null ? null : new ArrayList<>(options.keySet());
  }

  /** How long a task takes unless configured or scripted otherwise. */
  public Duration defaultDuration() {
    return defaultDuration;
  }

  /** What one image costs unless configured otherwise. */
  public BigDecimal defaultPrice() {
    return defaultPrice;
  }

  @Override
  public String toString() {
    return "ModelSpec[" + id + (seed ? ", seed" : "") + "]";
  }

  private static final class Defaults {
    static final Map<String, ModelSpec> SPECS = build();

    private static Map<String, ModelSpec> build() {
      Map<String, ModelSpec> specs = new LinkedHashMap<>();
      for (ModelSpec seed : SEEDS) {
        specs.put(seed.id(), seed);
      }
      for (ModelCapabilities entry : ModelCatalog.defaults().entries()) {
        if (!specs.containsKey(entry.model().id())) {
          specs.put(entry.model().id(), fromCatalog(entry));
        }
      }
      return Collections.unmodifiableMap(specs);
    }
  }

  /** Mutable holder for the constructor. */
  private static final class Values {
    final String id;
    final boolean seed;
    @Nullable List<String> sizes;
    @Nullable PixelRange pixelRange;
    String defaultRatio = "1:1";
    @Nullable Map<String, String> tiers;
    String defaultTier = "1K";
    @Nullable Set<Integer> counts;
    boolean acceptsCount = true;
    @Nullable Integer maxPromptChars;
    boolean negativePrompt = true;
    @Nullable Integer maxNegativePromptChars;
    boolean promptExtend = true;
    @Nullable Integer maxReferenceImages;
    boolean referenceDataUris;
    boolean mask = true;
    @Nullable Integer maxReferencesPlusImages;
    @Nullable Map<String, List<String>> options;
    Map<String, PixelSize> pixelTable = Map.of();
    Duration defaultDuration = NON_SEED_DURATION;
    BigDecimal defaultPrice = NON_SEED_PRICE;

    Values(String id, boolean seed) {
      this.id = id;
      this.seed = seed;
    }
  }
}
