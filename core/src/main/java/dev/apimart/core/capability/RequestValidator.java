package dev.apimart.core.capability;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelRange;
import dev.apimart.core.model.Resolution;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.validator.PredefinedScopeHibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a {@link GenerationRequest} against a {@link ModelCatalog} and returns every problem at
 * once, each naming the field (its wire name), the rejected value and what would be accepted.
 *
 * <p>The policy (ADR 0012): a model in the catalog gets every rule its entry states; a model not in
 * the catalog gets only the rules every request shares — a model name and a prompt are present,
 * {@code n} is at least 1, reference and mask URLs are safe, {@code output_compression} is 0–100,
 * extra body values can be written as JSON and do not collide with typed fields — and is sent as
 * given, with one warning per model name in the log. {@link #prepare(GenerationRequest)} also
 * normalises values to the model's documented spelling ({@code 2k} → {@code 2K}, {@code 2K} →
 * {@code 2k} for gpt-image-2, blanks stripped).
 *
 * <p>Field constraints that hold for every model are Bean Validation annotations on the request,
 * checked by one Hibernate Validator built once per JVM with parameter-only message interpolation
 * (no Jakarta EL). Thread-safe; share one instance per catalog.
 */
public final class RequestValidator {

  private static final Logger LOG = LoggerFactory.getLogger(RequestValidator.class);

  /** Violations are listed in the order of the request's fields. */
  private static final List<String> FIELD_ORDER = GenerationRequest.TYPED_FIELDS;

  private static final Pattern DATA_URI =
      Pattern.compile(
          "data:image/(png|jpeg|jpg|webp|gif|bmp);base64,[A-Za-z0-9+/=\\s]+",
          Pattern.CASE_INSENSITIVE);

  /** 20 MB of image as base64, the documented limit per reference image. */
  private static final int MAX_DATA_URI_CHARS = 28_000_000;

  private static final int MAX_WARNED_MODELS = 256;

  private final ModelCatalog catalog;
  private final Set<String> warnedModels = ConcurrentHashMap.newKeySet();

  private RequestValidator(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  /** The validator for the default catalog. */
  public static RequestValidator instance() {
    return Default.INSTANCE;
  }

  /** The default catalog's validator, made on first use. */
  private static final class Default {
    static final RequestValidator INSTANCE = new RequestValidator(ModelCatalog.defaults());
  }

  /** A validator for the given catalog. */
  public static RequestValidator forCatalog(ModelCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog");
    return catalog == ModelCatalog.defaults() ? instance() : new RequestValidator(catalog);
  }

  /** The catalog this validator checks against. */
  public ModelCatalog catalog() {
    return catalog;
  }

  /**
   * All violations of the request, in field order; empty when it may be sent.
   *
   * <p>Never throws for bad values and never touches the network (image URL hosts are not
   * resolved). A model not in the catalog is logged once (WARN) per name.
   */
  public List<Violation> validate(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    List<Violation> violations = new ArrayList<>();
    Optional<ModelCapabilities> caps = checkModel(request, violations);
    for (ConstraintViolation<GenerationRequest> cv : BeanValidation.VALIDATOR.validate(request)) {
      String field = cv.getPropertyPath().toString();
      if (field.equals("n") && caps.isPresent() && caps.get().counts().isPresent()) {
        continue; // the model's own count rule says more
      }
      violations.add(new Violation(field, shorten(cv.getInvalidValue()), cv.getMessage()));
    }
    checkInvisible(request.prompt(), violations);
    checkBlank("size", request.sizeValue(), violations);
    checkBlank("resolution", request.resolutionValue(), violations);
    caps.ifPresent(c -> checkModelRules(c, request, violations));
    checkImageUrls(request, caps, violations);
    checkWebhook(request, violations);
    checkOptions(request, caps, violations);
    checkExtraBody(request, caps, violations);
    violations.sort(Comparator.comparingInt(v -> fieldRank(v.field())));
    return List.copyOf(violations);
  }

  /**
   * Validates and throws when anything is wrong.
   *
   * @return the request, unchanged
   * @throws InvalidRequestException with every violation
   */
  public GenerationRequest requireValid(GenerationRequest request) {
    List<Violation> violations = validate(request);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return request;
  }

  /**
   * Validates, then returns the request as it will be sent: the model name, size and tier in the
   * model's documented spelling, option values in their documented case, blanks stripped. A model
   * not in the catalog keeps its values, only stripped.
   *
   * @throws InvalidRequestException with every violation
   */
  public GenerationRequest prepare(GenerationRequest request) {
    requireValid(request);
    Optional<ModelCapabilities> caps = request.model().flatMap(catalog::find);
    GenerationRequest.Builder b = request.toBuilder();
    if (caps.isEmpty()) {
      String name = request.modelName();
      b.model(name == null ? null : name.strip());
      b.size(strip(request.sizeValue()));
      b.resolution(strip(request.resolutionValue()));
      return b.build();
    }
    ModelCapabilities c = caps.get();
    b.model(c.model());
    String rawSize = request.sizeValue();
    if (rawSize != null) {
      // Rewritten only to a spelling the entry documents; a size it does not list stays as given.
      ImageSize parsed = ImageSize.of(rawSize);
      b.size(c.sizes().isPresent() && c.acceptsSize(parsed) ? parsed.value() : rawSize.strip());
    }
    request.resolution().ifPresent(r -> b.resolution(c.wireTier(r)));
    b.quality(documented(c, "quality", request.quality()));
    b.background(documented(c, "background", request.background()));
    b.moderation(documented(c, "moderation", request.moderation()));
    b.outputFormat(documented(c, "output_format", request.outputFormat()));
    return b.build();
  }

  private static @Nullable String strip(@Nullable String text) {
    return text == null ? null : text.strip();
  }

  private static @Nullable String documented(
      ModelCapabilities caps, String option, @Nullable String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    for (String allowed : caps.optionValues(option)) {
      if (allowed.equalsIgnoreCase(stripped)) {
        return allowed;
      }
    }
    return stripped;
  }

  private Optional<ModelCapabilities> checkModel(
      GenerationRequest request, List<Violation> violations) {
    String name = request.modelName();
    if (name == null || name.isBlank() || !hasVisibleText(name)) {
      violations.add(
          new Violation(
              "model",
              name,
              "model is required: choose one of "
                  + catalog.models().stream().map(ImageModel::id).collect(Collectors.joining(", "))
                  + ", or give any model name ApiMart serves"));
      return Optional.empty();
    }
    Optional<ModelCapabilities> caps = catalog.find(name);
    if (caps.isEmpty()) {
      warnOnce(name.strip());
    }
    return caps;
  }

  private void warnOnce(String name) {
    if (warnedModels.size() < MAX_WARNED_MODELS && warnedModels.add(name)) {
      LOG.warn(
          "Model '{}' is not in the SDK's model catalog: only the checks every request shares are"
              + " made, and the request is sent as given. Add a catalog entry to have it checked.",
          shorten(name));
    }
  }

  private static void checkInvisible(@Nullable String prompt, List<Violation> out) {
    if (prompt != null && !prompt.isBlank() && !hasVisibleText(prompt)) {
      out.add(
          new Violation(
              "prompt",
              "<" + prompt.length() + " invisible characters>",
              "prompt has no visible characters: describe the image to generate"));
    }
  }

  /** Whether the text has a character other than white space and invisible format characters. */
  static boolean hasVisibleText(String text) {
    return text.codePoints()
        .anyMatch(
            c ->
                !Character.isWhitespace(c)
                    && !Character.isSpaceChar(c)
                    && Character.getType(c) != Character.FORMAT);
  }

  private static void checkBlank(String field, @Nullable String value, List<Violation> out) {
    if (value != null && (value.isBlank() || !hasVisibleText(value))) {
      out.add(new Violation(field, value, field + " is blank: leave it unset for the default"));
    }
  }

  private void checkModelRules(
      ModelCapabilities caps, GenerationRequest request, List<Violation> violations) {
    String id = caps.model().id();
    checkSize(caps, request, violations);
    checkTier(caps, request, violations);
    Integer n = request.n();
    if (n != null && caps.counts().isPresent() && !caps.acceptsCount(n)) {
      violations.add(new Violation("n", n, countMessage(caps, n)));
    }
    String prompt = request.prompt();
    Optional<Integer> promptLimit = caps.maxPromptCodePoints();
    if (prompt != null
        && promptLimit.isPresent()
        && prompt.codePointCount(0, prompt.length()) > promptLimit.get()) {
      violations.add(
          new Violation(
              "prompt",
              shorten(prompt),
              "prompt for "
                  + id
                  + " must be at most "
                  + promptLimit.get()
                  + " characters (counted as Unicode code points)"));
    }
    String negative = request.negativePrompt();
    if (negative != null && !caps.negativePrompt()) {
      violations.add(
          new Violation(
              "negative_prompt",
              shorten(negative),
              id
                  + " does not take a negative prompt — "
                  + suggest(caps, ModelCapabilities::documentsNegativePrompt, "use ", ", or ")
                  + "describe what you want in the prompt"));
    } else if (negative != null && caps.maxNegativePromptCodePoints().isPresent()) {
      int limit = caps.maxNegativePromptCodePoints().get();
      if (negative.codePointCount(0, negative.length()) > limit) {
        violations.add(
            new Violation(
                "negative_prompt",
                shorten(negative),
                "negative_prompt for " + id + " must be at most " + limit + " characters"));
      }
    }
    if (Boolean.TRUE.equals(request.promptExtend()) && !caps.promptExtend()) {
      violations.add(
          new Violation(
              "prompt_extend",
              true,
              "prompt_extend is documented only for "
                  + catalogModelsThat(ModelCapabilities::documentsPromptExtend)
                  + "; "
                  + id
                  + " does not take it (it would be billed without a documented effect) —"
                  + " leave it unset"));
    }
    if (request.maskUrl() != null && !caps.mask()) {
      violations.add(
          new Violation(
              "mask_url",
              "<url>",
              id
                  + " does not take a mask — "
                  + suggest(caps, ModelCapabilities::documentsMask, "use ", "; or ")
                  + "leave mask_url unset"));
    }
  }

  private static void checkSize(
      ModelCapabilities caps, GenerationRequest request, List<Violation> violations) {
    String raw = request.sizeValue();
    if (raw == null || raw.isBlank()) {
      return;
    }
    ImageSize size = ImageSize.of(raw);
    if (caps.acceptsSize(size)) {
      if (size.isAuto() && caps.autoSizeNeedsReferences() && request.imageUrls().isEmpty()) {
        violations.add(
            new Violation(
                "size",
                "auto",
                caps.model().id()
                    + " chooses the size from the reference images: size auto needs image_urls"
                    + " — give a ratio"
                    + caps.defaultSize().map(d -> " (default " + d + ")").orElse("")
                    + " or reference images"));
      }
      return;
    }
    List<ImageSize> sizes = caps.sizes().orElse(List.of());
    Optional<PixelRange> pixels = caps.pixelSizes();
    String id = caps.model().id();
    String message;
    if (sizes.isEmpty() && pixels.isEmpty()) {
      message = id + " does not take a size — leave it unset";
    } else if (size.isPixels() && pixels.isPresent()) {
      message =
          "pixel size '"
              + size
              + "' is outside what "
              + id
              + " makes: "
              + pixels.get()
              + (sizes.isEmpty() ? "" : "; or use one of " + join(sizes));
    } else {
      message =
          "unsupported size '"
              + shorten(raw.strip())
              + "' for "
              + id
              + ": use one of "
              + join(sizes)
              + pixels.map(p -> ", or pixels WxH (" + p + ")").orElse("")
              + caps.defaultSize().map(d -> " (default " + d + ")").orElse("");
    }
    violations.add(new Violation("size", shorten(raw), message));
  }

  private static void checkTier(
      ModelCapabilities caps, GenerationRequest request, List<Violation> violations) {
    String raw = request.resolutionValue();
    if (raw == null || raw.isBlank()) {
      return;
    }
    Resolution tier = Resolution.of(raw);
    if (caps.acceptsTier(tier)) {
      Optional<Resolution> editLimit = caps.maxTierWithReferences();
      if (editLimit.isPresent()
          && !request.imageUrls().isEmpty()
          && compareTiers(tier, editLimit.get()) > 0) {
        violations.add(
            new Violation(
                "resolution",
                shorten(raw),
                caps.model().id()
                    + " makes at most "
                    + caps.wireTier(editLimit.get())
                    + " when editing reference images; "
                    + caps.wireTier(tier)
                    + " is only for text-to-image"));
      }
      return;
    }
    List<Resolution> tiers = caps.tiers().orElse(List.of());
    String id = caps.model().id();
    String message =
        tiers.isEmpty()
            ? id + " does not take a resolution — leave it unset"
            : "unsupported resolution '"
                + shorten(raw.strip())
                + "' for "
                + id
                + ": use one of "
                + tiers.stream().map(caps::wireTier).collect(Collectors.joining(", "))
                + caps.defaultTier().map(d -> " (default " + caps.wireTier(d) + ")").orElse("");
    violations.add(new Violation("resolution", shorten(raw), message));
  }

  private static int compareTiers(Resolution a, Resolution b) {
    java.math.BigDecimal ka = a.kilo();
    java.math.BigDecimal kb = b.kilo();
    return ka == null || kb == null ? 0 : ka.compareTo(kb);
  }

  private String countMessage(ModelCapabilities caps, int n) {
    String id = caps.model().id();
    if (!caps.acceptsCount()) {
      List<ModelCapabilities> more =
          alternatives(caps, c -> c.counts().isPresent() && c.acceptsCount(n));
      return id
          + " always makes exactly 1 image; n="
          + n
          + " is not supported"
          + (more.isEmpty()
              ? ""
              : " — use "
                  + names(more)
                  + " for up to "
                  + more.stream().mapToInt(ModelCapabilities::maxImages).max().orElse(n));
    }
    Set<Integer> counts = caps.counts().orElseThrow();
    int min = caps.minImages();
    int max = caps.maxImages();
    boolean range = counts.size() == max - min + 1;
    if (range) {
      return "n must be between " + min + " and " + max + " images for " + id + ", got " + n;
    }
    List<String> values = counts.stream().map(String::valueOf).toList();
    String listed =
        String.join(", ", values.subList(0, values.size() - 1))
            + " or "
            + values.get(values.size() - 1);
    return id + " makes " + listed + " images; n=" + n + " is not supported";
  }

  /** A webhook must be an absolute http(s) URL with a host, without user info. */
  private static void checkWebhook(GenerationRequest request, List<Violation> violations) {
    java.net.URI hook = request.webhook().orElse(null);
    if (hook == null) {
      return;
    }
    String scheme = hook.getScheme() == null ? "" : hook.getScheme().toLowerCase(Locale.ROOT);
    if (!hook.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      violations.add(new Violation("webhook", hook.getHost(), "must be an absolute http(s) URL"));
    } else if (hook.getHost() == null || hook.getHost().isEmpty()) {
      violations.add(new Violation("webhook", null, "has no host"));
    } else if (hook.getRawUserInfo() != null) {
      violations.add(
          new Violation(
              "webhook", hook.getHost(), "must not carry user:password; put a secret in the path"));
    } else if (hook.getRawFragment() != null) {
      violations.add(new Violation("webhook", hook.getHost(), "must not have a #fragment"));
    }
  }

  private void checkImageUrls(
      GenerationRequest request, Optional<ModelCapabilities> caps, List<Violation> violations) {
    List<String> urls = request.imageUrls();
    boolean dataUris = caps.map(ModelCapabilities::referenceDataUris).orElse(false);
    if (!urls.isEmpty() && caps.isPresent()) {
      ModelCapabilities c = caps.get();
      String id = c.model().id();
      if (!c.imageToImage()) {
        violations.add(
            new Violation(
                "image_urls",
                urls.size() + " URL(s)",
                id
                    + " does not take reference images (image-to-image)"
                    + suggest(c, m -> m.maxReferenceImages().orElse(0) > 0, " — use ", "")));
        return;
      }
      int max = c.maxReferenceImages().orElse(Integer.MAX_VALUE);
      if (urls.size() > max) {
        violations.add(
            new Violation(
                "image_urls",
                urls.size() + " URLs",
                id + " takes at most " + max + " reference images, got " + urls.size()));
      }
      Optional<Integer> together = c.maxReferencesPlusImages();
      int n = request.expectedImageCount();
      if (together.isPresent() && urls.size() + n > together.get()) {
        violations.add(
            new Violation(
                "image_urls",
                urls.size() + " URLs",
                id
                    + " makes at most "
                    + together.get()
                    + " images counting the references: "
                    + urls.size()
                    + " references + n="
                    + n
                    + " is too many"));
      }
    }
    Set<String> issued = request.serviceIssuedUrls();
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      Optional<String> problem =
          issued.contains(url) ? Optional.empty() : urlProblem(url, dataUris);
      if (problem.isPresent()) {
        violations.add(new Violation("image_urls[" + i + "]", shorten(url), problem.get()));
      }
    }
    String mask = request.maskUrl();
    if (mask != null && !issued.contains(mask)) {
      urlProblem(mask, dataUris)
          .ifPresent(p -> violations.add(new Violation("mask_url", shorten(mask), p)));
    }
  }

  private static Optional<String> urlProblem(String url, boolean dataUrisAccepted) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    if (dataUrisAccepted && lower.startsWith("data:")) {
      String stripped = url.strip();
      if (stripped.length() > MAX_DATA_URI_CHARS) {
        return Optional.of("data URI is larger than 20 MB: upload the image instead");
      }
      return DATA_URI.matcher(stripped).matches()
          ? Optional.empty()
          : Optional.of(
              "not a data:image/<png|jpeg|webp|gif|bmp>;base64,… URI: give a public http(s)"
                  + " URL or a well-formed data URI");
    }
    return ImageUrlRules.problem(url);
  }

  private void checkOptions(
      GenerationRequest request, Optional<ModelCapabilities> caps, List<Violation> violations) {
    Integer compression = request.outputCompression();
    if (compression != null && (compression < 0 || compression > 100)) {
      violations.add(
          new Violation(
              "output_compression",
              compression,
              "output_compression must be between 0 and 100, got " + compression));
    }
    if (caps.isEmpty()) {
      return;
    }
    ModelCapabilities c = caps.get();
    for (Map.Entry<String, Object> option : request.options().entrySet()) {
      String name = option.getKey();
      if (name.equals("mask_url")) {
        continue;
      }
      if (!c.acceptsOption(name)) {
        violations.add(
            new Violation(
                name,
                shorten(option.getValue()),
                name
                    + " is not documented for "
                    + c.model().id()
                    + optionTakers(name)
                    + " — leave it unset"));
        continue;
      }
      List<String> allowed = c.optionValues(name);
      if (!allowed.isEmpty() && option.getValue() instanceof String text) {
        boolean ok = allowed.stream().anyMatch(a -> a.equalsIgnoreCase(text.strip()));
        if (!ok) {
          violations.add(
              new Violation(
                  name,
                  shorten(text),
                  name
                      + " for "
                      + c.model().id()
                      + " must be one of "
                      + String.join(", ", allowed)
                      + ", got '"
                      + shorten(text)
                      + "'"));
        }
      }
    }
  }

  private String optionTakers(String option) {
    List<String> takers =
        catalog.entries().stream()
            .filter(e -> e.options().map(o -> o.containsKey(option)).orElse(false))
            .map(e -> e.model().id())
            .toList();
    if (takers.isEmpty()) {
      return "";
    }
    return " (models that take it: " + limited(takers) + ")";
  }

  private static void checkExtraBody(
      GenerationRequest request, Optional<ModelCapabilities> caps, List<Violation> violations) {
    for (Map.Entry<String, @Nullable Object> extra : request.extraBody().entrySet()) {
      String name = extra.getKey();
      String field = "extra_body." + name;
      if (name.isBlank()) {
        violations.add(new Violation(field, name, "an extra body field needs a name"));
        continue;
      }
      if (GenerationRequest.TYPED_FIELDS.contains(name)) {
        violations.add(
            new Violation(
                field,
                shorten(describeValue(extra.getValue())),
                "'"
                    + name
                    + "' is a typed field ("
                    + expectedType(name)
                    + "): set it through its own setter; an extra body value never overrides it"));
        continue;
      }
      String problem = jsonProblem(extra.getValue(), 0);
      if (problem != null) {
        violations.add(
            new Violation(
                field,
                shorten(describeValue(extra.getValue())),
                "extra body value '" + name + "' cannot be sent as JSON: " + problem));
        continue;
      }
      List<String> allowed = caps.map(c -> c.optionValues(name)).orElse(List.of());
      if (!allowed.isEmpty()
          && !(extra.getValue() instanceof String text
              && allowed.stream().anyMatch(a -> a.equalsIgnoreCase(text.strip())))) {
        violations.add(
            new Violation(
                field,
                shorten(describeValue(extra.getValue())),
                name
                    + " for "
                    + caps.get().model().id()
                    + " must be one of "
                    + String.join(", ", allowed)
                    + ", got '"
                    + shorten(describeValue(extra.getValue()))
                    + "'"));
      }
    }
  }

  private static String expectedType(String typedField) {
    return switch (typedField) {
      case "n", "output_compression" -> "expects a whole number";
      case "seed" -> "expects a whole number";
      case "prompt_extend", "watermark", "nsfw_check", "official_fallback", "google_search" ->
          "expects true or false";
      case "image_urls" -> "expects a list of URLs";
      default -> "expects text";
    };
  }

  private static @Nullable String jsonProblem(@Nullable Object value, int depth) {
    if (depth > 33 || (value instanceof Enum<?> e && e.toString().startsWith("<nested"))) {
      return "nested more than 32 levels deep (a list or map that contains itself?)";
    }
    if (value == null || value instanceof String || value instanceof Boolean) {
      return null;
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "the number " + d + " has no JSON form" : null;
    }
    if (value instanceof Float f) {
      return f.isNaN() || f.isInfinite() ? "the number " + f + " has no JSON form" : null;
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return null;
    }
    if (value instanceof List<?> list) {
      for (Object each : list) {
        String p = jsonProblem(each, depth + 1);
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String)) {
          return "a map key is " + describeValue(e.getKey()) + ", not text";
        }
        String p = jsonProblem(e.getValue(), depth + 1);
        if (p != null) {
          return p;
        }
      }
      return null;
    }
    return "a "
        + value.getClass().getSimpleName()
        + " is not text, a number, a boolean, a list"
        + " or a map";
  }

  private static String describeValue(@Nullable Object value) {
    return value == null ? "null" : String.valueOf(value);
  }

  private String suggest(
      ModelCapabilities caps, Predicate<ModelCapabilities> accepts, String before, String after) {
    List<ModelCapabilities> candidates = alternatives(caps, accepts);
    return candidates.isEmpty() ? "" : before + names(candidates) + after;
  }

  /** The model's declared alternatives, present in the catalog, that pass the test. */
  private List<ModelCapabilities> alternatives(
      ModelCapabilities caps, Predicate<ModelCapabilities> accepts) {
    return caps.alternatives().stream()
        .map(catalog::find)
        .flatMap(Optional::stream)
        .filter(accepts)
        .toList();
  }

  private String catalogModelsThat(Predicate<ModelCapabilities> accepts) {
    List<String> ids = catalog.entries().stream().filter(accepts).map(c -> c.model().id()).toList();
    return ids.isEmpty() ? "no model in the catalog" : limited(ids);
  }

  private static String names(List<ModelCapabilities> models) {
    return models.stream().map(c -> c.model().id()).collect(Collectors.joining(" or "));
  }

  private static String limited(List<String> ids) {
    if (ids.size() <= 4) {
      return ids.size() == 1
          ? ids.get(0)
          : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }
    return String.join(", ", ids.subList(0, 4)) + " and " + (ids.size() - 4) + " more";
  }

  private static String join(List<ImageSize> sizes) {
    return sizes.stream().map(ImageSize::value).collect(Collectors.joining(", "));
  }

  private static int fieldRank(String field) {
    int bracket = field.indexOf('[');
    String base = bracket < 0 ? field : field.substring(0, bracket);
    int rank = FIELD_ORDER.indexOf(base);
    return rank < 0 ? FIELD_ORDER.size() : rank;
  }

  private static @Nullable Object shorten(@Nullable Object value) {
    if (!(value instanceof String text)) {
      return value;
    }
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints <= 60) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, 57)) + "… (" + codePoints + " characters)";
  }

  /**
   * Holds the one Hibernate Validator; built on first use, costly, thread-safe. Its predefined
   * scope registers only the built-in constraints {@link GenerationRequest} uses and reads no
   * {@code validation.xml}: about a quarter fewer classes and less start-up time than a general
   * validator, which matters to the command line's first request.
   */
  private static final class BeanValidation {
    static final Validator VALIDATOR =
        Validation.byProvider(PredefinedScopeHibernateValidator.class)
            .configure()
            .ignoreXmlConfiguration()
            .builtinConstraints(Set.of(NotBlank.class.getName(), Min.class.getName()))
            .initializeBeanMetaData(Set.of(GenerationRequest.class))
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
  }
}
