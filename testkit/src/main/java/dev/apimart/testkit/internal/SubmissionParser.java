package dev.apimart.testkit.internal;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.PixelSize;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks a {@code POST /v1/images/generations} body the way the service does, reporting
 * every problem at once. Written independently of the client's {@code RequestValidator}: a rule the
 * client gets wrong shows up as a disagreement between the two. The seed models are checked with
 * the messages of their documented service; other models with the service's terse style ({@code
 * invalid size: 3:5, allowed: …}).
 *
 * <p>Fields it does not know are accepted and kept (the journal holds them), as the service does;
 * in strict mode, a field that is a documented field's name in another spelling ({@code
 * negativePrompt}, {@code Image_Urls}) is refused, since that is a client bug the service would
 * silently ignore.
 */
final class SubmissionParser {

  /** The fields the service documents for the endpoint, across models. */
  static final Set<String> DOCUMENTED_FIELDS =
      Set.of(
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

  private static final Set<String> TEXT_OPTIONS =
      Set.of("quality", "background", "moderation", "output_format");
  private static final Set<String> BOOLEAN_OPTIONS =
      Set.of("watermark", "nsfw_check", "official_fallback", "google_search");
  private static final List<String> OPTION_ORDER =
      List.of(
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

  private static final int MAX_URL_LENGTH = 2048;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DATA_IMAGE =
      Pattern.compile("data:image/(png|jpeg|jpg|webp|gif|bmp);base64,[A-Za-z0-9+/=\\s]+");

  private SubmissionParser() {}

  /**
   * A request the service would accept.
   *
   * @param model the model's rules
   * @param prompt the prompt
   * @param size the accepted {@code size} in canonical form, or {@code null} when not sent
   * @param tier the accepted tier in canonical form ({@code "2K"}), or {@code null} when not sent
   * @param pixelSize the size of each image the task will make
   * @param n how many images
   * @param promptExtend whether {@code prompt_extend} was true
   * @param negativePrompt the negative prompt, when sent
   * @param imageUrls the reference images
   */
  public record Submission(
      ModelSpec model,
      String prompt,
      @Nullable String size,
      @Nullable String tier,
      PixelSize pixelSize,
      int n,
      boolean promptExtend,
      @Nullable String negativePrompt,
      List<String> imageUrls) {}

  /** The body is not a request the service would accept; each entry is one problem. */
  public static final class InvalidSubmission extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;
    private final transient @Nullable ModelSpec model;

    InvalidSubmission(List<String> problems, @Nullable ModelSpec model) {
      super(String.join("; ", problems), null, false, false);
      this.problems = List.copyOf(problems);
      this.model = model;
    }

    /** Every problem, in field order. */
    public List<String> problems() {
      return problems;
    }

    /** The model the request named, when the fake serves it. */
    public Optional<ModelSpec> model() {
      return Optional.ofNullable(model);
    }
  }

  /**
   * Parses and checks a body.
   *
   * @param body the request body
   * @param strict whether look-alikes of documented fields and typed options the model does not
   *     take are refused
   * @param models the models served, by exact id, in the order messages list them
   * @throws InvalidSubmission listing every problem
   */
  public static Submission parse(byte[] body, boolean strict, Map<String, ModelSpec> models) {
    return parse(body, strict, models, false);
  }

  /**
   * Like {@link #parse(byte[], boolean, Map)}; with {@code anyModel}, a model name not among {@code
   * models} is served with no rules of its own instead of being refused.
   */
  public static Submission parse(
      byte[] body, boolean strict, Map<String, ModelSpec> models, boolean anyModel) {
    if (body.length == 0) {
      throw invalid("the request body is empty: send a JSON object with at least model and prompt");
    }
    JsonNode root;
    try {
      root = JsonSupport.parse(body);
    } catch (JsonSupport.JsonProblem e) {
      throw invalid("the request body is not valid JSON: " + e.getMessage());
    }
    if (!root.isObject()) {
      throw invalid("the request body must be a JSON object, got " + JsonSupport.describe(root));
    }
    List<String> problems = new ArrayList<>();
    ModelSpec model = model(root, models, anyModel, problems);
    String prompt = text(root, "prompt", problems);
    if (prompt == null && present(root, "prompt") == null) {
      problems.add("prompt is required");
    }
    if (prompt != null) {
      if (prompt.isBlank()) {
        problems.add("prompt must not be blank: describe the image to generate");
      } else if (model != null && model.maxPromptChars() != null) {
        checkLength("prompt", prompt, model.maxPromptChars(), problems);
      }
    }
    String size = size(root, model, problems);
    String tier = tier(root, model, problems);
    int n = count(root, model, problems);
    String negative = negativePrompt(root, model, problems);
    List<String> urls = imageUrls(root, model, n, problems);
    mask(root, model, problems);
    boolean extend = promptExtend(root, model, problems);
    options(root, model, strict, problems);
    if (strict) {
      lookAlikes(root, problems);
    }
    if (!problems.isEmpty() || model == null || prompt == null) {
      throw new InvalidSubmission(problems, model);
    }
    return new Submission(
        model, prompt, size, tier, model.pixelSize(size, tier), n, extend, negative, urls);
  }

  private static @Nullable ModelSpec model(
      JsonNode root, Map<String, ModelSpec> models, boolean anyModel, List<String> problems) {
    JsonNode node = present(root, "model");
    if (node == null) {
      problems.add("model is required: use one of " + ids(models));
      return null;
    }
    String id = text(root, "model", problems);
    if (id == null) {
      return null;
    }
    ModelSpec model = models.get(id);
    if (model == null && anyModel && !id.isBlank()) {
      return ModelSpec.fromCatalog(ModelCapabilities.builder(ImageModel.of(id)).build());
    }
    if (model == null) {
      problems.add(
          "model '"
              + shorten(id)
              + "' does not exist or does not make images here: use one of "
              + ids(models));
    }
    return model;
  }

  private static @Nullable String size(
      JsonNode root, @Nullable ModelSpec model, List<String> problems) {
    String size = text(root, "size", problems);
    if (size == null || model == null) {
      return null;
    }
    Optional<String> accepted = model.acceptSize(size);
    if (accepted.isPresent()) {
      return accepted.get();
    }
    if (model.isSeed()) {
      problems.add(
          "size '"
              + shorten(size)
              + "' is not supported: use one of "
              + String.join(", ", model.sizes()));
      return null;
    }
    List<String> allowed = new ArrayList<>(model.sizes() == null ? List.of() : model.sizes());
    if (model.pixelRange() != null) {
      allowed.add("WxH pixels, " + model.pixelRange());
    } else if (model.sizes() == null) {
      allowed.add("W:H ratios, auto, WxH pixels up to " + ModelSpec.MAX_SIDE + " per side");
    }
    problems.add(
        allowed.isEmpty()
            ? "size is not supported by " + model.id()
            : "invalid size: " + shorten(size) + ", allowed: " + String.join(", ", allowed));
    return null;
  }

  private static @Nullable String tier(
      JsonNode root, @Nullable ModelSpec model, List<String> problems) {
    String resolution = text(root, "resolution", problems);
    if (resolution == null || model == null) {
      return null;
    }
    Optional<String> accepted = model.acceptTier(resolution);
    if (accepted.isPresent()) {
      return accepted.get();
    }
    List<String> spellings = model.tierSpellings();
    if (model.isSeed()) {
      problems.add(
          "resolution '"
              + shorten(resolution)
              + "' is not supported: use "
              + String.join(" or ", spellings));
    } else if (spellings != null && spellings.isEmpty()) {
      problems.add("resolution is not supported by " + model.id());
    } else {
      problems.add(
          "invalid resolution: "
              + shorten(resolution)
              + ", allowed: "
              + (spellings == null ? "<number>K, e.g. 1K" : String.join(", ", spellings)));
    }
    return null;
  }

  private static int count(JsonNode root, @Nullable ModelSpec model, List<String> problems) {
    JsonNode node = present(root, "n");
    if (node == null) {
      return 1;
    }
    if (model == null || model.isSeed()) {
      return seedCount(node, model, problems);
    }
    if (!node.isIntegralNumber()) {
      problems.add("n must be an integer, got " + JsonSupport.describe(node));
      return 1;
    }
    if (!node.canConvertToInt() || node.intValue() < 1) {
      problems.add("n must be at least 1, got " + shorten(node.asString()));
      return 1;
    }
    int n = node.intValue();
    if (model.counts() != null && !model.counts().contains(n)) {
      problems.add("invalid n: " + n + ", allowed: " + describeCounts(model.counts()));
      return 1;
    }
    if (n > model.maxImages()) {
      problems.add("n must be at most " + model.maxImages() + ", got " + n);
      return 1;
    }
    return n;
  }

  private static int seedCount(JsonNode node, @Nullable ModelSpec model, List<String> problems) {
    if (!node.isIntegralNumber()) {
      problems.add("n must be an integer from 1 to 6, got " + JsonSupport.describe(node));
      return 1;
    }
    if (!node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 6) {
      problems.add("n must be from 1 to 6, got " + shorten(node.asString()));
      return 1;
    }
    int n = node.intValue();
    if (model != null && !model.acceptsCount() && n != 1) {
      problems.add(
          model.id()
              + " always generates exactly 1 image and does not support n="
              + n
              + " (qwen-image-2.0 and qwen-image-2.0-pro make up to 6)");
      return 1;
    }
    if (model != null && n > model.maxImages()) {
      problems.add(model.id() + " makes at most " + model.maxImages() + " images, got n=" + n);
      return 1;
    }
    return n;
  }

  private static String describeCounts(Set<Integer> counts) {
    List<Integer> sorted = counts.stream().sorted().toList();
    int first = sorted.get(0);
    int last = sorted.get(sorted.size() - 1);
    if (sorted.size() > 2 && last - first + 1 == sorted.size()) {
      return first + "-" + last;
    }
    return sorted.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static @Nullable String negativePrompt(
      JsonNode root, @Nullable ModelSpec model, List<String> problems) {
    String negative = text(root, "negative_prompt", problems);
    if (negative == null || model == null) {
      return negative;
    }
    if (!model.negativePrompt()) {
      problems.add("negative_prompt is not supported by " + model.id());
      return null;
    }
    if (model.maxNegativePromptChars() != null) {
      checkLength("negative_prompt", negative, model.maxNegativePromptChars(), problems);
    }
    return negative;
  }

  private static List<String> imageUrls(
      JsonNode root, @Nullable ModelSpec model, int n, List<String> problems) {
    JsonNode node = present(root, "image_urls");
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.add("image_urls must be an array of URL strings, got " + JsonSupport.describe(node));
      return List.of();
    }
    Integer max = model == null ? null : model.maxReferenceImages();
    if (model != null && max != null && max == 0) {
      problems.add("image_urls (image-to-image) is not supported by " + model.id());
      return List.of();
    }
    if (max != null && node.size() > max) {
      problems.add("image_urls takes at most " + max + " reference images, got " + node.size());
    }
    Integer together = model == null ? null : model.maxReferencesPlusImages();
    if (together != null && node.size() + n > together) {
      problems.add(
          "image_urls plus n must be at most " + together + ", got " + node.size() + " + " + n);
    }
    boolean dataUris = model != null && model.referenceDataUris();
    List<String> urls = new ArrayList<>();
    int i = 0;
    for (JsonNode element : node.values()) {
      String field = "image_urls[" + i++ + "]";
      if (!element.isString()) {
        problems.add(field + " must be a URL string, got " + JsonSupport.describe(element));
        continue;
      }
      String url = element.stringValue();
      referenceProblem(url, dataUris).ifPresent(p -> problems.add(field + " " + p));
      urls.add(url);
    }
    return List.copyOf(urls);
  }

  private static void mask(JsonNode root, @Nullable ModelSpec model, List<String> problems) {
    String mask = text(root, "mask_url", problems);
    if (mask == null || model == null) {
      return;
    }
    if (!model.mask()) {
      problems.add("mask_url is not supported by " + model.id());
      return;
    }
    urlProblem(mask).ifPresent(p -> problems.add("mask_url " + p));
  }

  private static boolean promptExtend(
      JsonNode root, @Nullable ModelSpec model, List<String> problems) {
    JsonNode node = present(root, "prompt_extend");
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      problems.add("prompt_extend must be true or false, got " + JsonSupport.describe(node));
      return false;
    }
    boolean extend = node.booleanValue();
    if (extend && model != null && !model.promptExtend()) {
      problems.add("prompt_extend is not supported by " + model.id());
      return false;
    }
    return extend;
  }

  /**
   * The typed options: each of its JSON type; a value the model documents a list for must be on it;
   * an option the model does not take is refused in strict mode (the service ignores it). Options
   * the model lists that are not typed fields ({@code sequential_image_generation}) are checked
   * against their documented values too.
   */
  private static void options(
      JsonNode root, @Nullable ModelSpec model, boolean strict, List<String> problems) {
    for (String name : OPTION_ORDER) {
      JsonNode node = present(root, name);
      if (node == null) {
        continue;
      }
      if (TEXT_OPTIONS.contains(name) && !node.isString()) {
        problems.add(name + " must be a string, got " + JsonSupport.describe(node));
        continue;
      }
      if (BOOLEAN_OPTIONS.contains(name) && !node.isBoolean()) {
        problems.add(name + " must be true or false, got " + JsonSupport.describe(node));
        continue;
      }
      if (name.equals("seed") && !(node.isIntegralNumber() && node.canConvertToLong())) {
        problems.add("seed must be an integer, got " + JsonSupport.describe(node));
        continue;
      }
      if (name.equals("output_compression")
          && !(node.isIntegralNumber()
              && node.canConvertToInt()
              && node.intValue() >= 0
              && node.intValue() <= 100)) {
        problems.add(
            "output_compression must be an integer from 0 to 100, got "
                + (node.isIntegralNumber()
                    ? shorten(node.asString())
                    : JsonSupport.describe(node)));
        continue;
      }
      if (model != null && !model.acceptsOption(name)) {
        if (strict) {
          problems.add(name + " is not supported by " + model.id());
        }
        continue;
      }
      if (model != null) {
        checkValue(name, node, model, problems);
      }
    }
    if (model != null && model.optionNames() != null) {
      for (String name : model.optionNames()) {
        JsonNode node = present(root, name);
        if (node != null && !DOCUMENTED_FIELDS.contains(name)) {
          checkValue(name, node, model, problems);
        }
      }
    }
  }

  private static void checkValue(
      String name, JsonNode node, ModelSpec model, List<String> problems) {
    List<String> values = model.optionValues(name);
    if (values.isEmpty()) {
      return;
    }
    String given = node.isString() ? node.stringValue() : node.toString();
    if (!values.contains(given)) {
      problems.add(
          model.isSeed()
              ? name + " '" + shorten(given) + "' is not supported: use one of " + values
              : "invalid "
                  + name
                  + ": "
                  + shorten(given)
                  + ", allowed: "
                  + String.join(", ", values));
    }
  }

  /** In strict mode: a documented field's name in another spelling is a client bug. */
  private static void lookAlikes(JsonNode root, List<String> problems) {
    for (String name : root.propertyNames()) {
      if (DOCUMENTED_FIELDS.contains(name)) {
        continue;
      }
      String key = squash(name);
      for (String documented : DOCUMENTED_FIELDS) {
        if (squash(documented).equals(key)) {
          problems.add(
              "unknown field '"
                  + shorten(name)
                  + "': did you mean '"
                  + documented
                  + "'? (FakeApiMart strict mode: the service would ignore it)");
          break;
        }
      }
    }
  }

  private static String squash(String name) {
    return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  private static Optional<String> referenceProblem(String url, boolean dataUris) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    if (dataUris && lower.startsWith("data:")) {
      return DATA_IMAGE.matcher(url.strip()).matches()
          ? Optional.empty()
          : Optional.of("is not a data:image/<png|jpeg|webp|gif|bmp>;base64,… URI");
    }
    return urlProblem(url);
  }

  /** Why a reference image URL cannot be fetched by the service, if it cannot. */
  static Optional<String> urlProblem(String url) {
    String lower = url.strip().toLowerCase(Locale.ROOT);
    if (lower.isEmpty()) {
      return Optional.of("is blank: give a publicly accessible http(s) URL");
    }
    if (lower.startsWith("data:") || lower.contains(";base64,")) {
      return Optional.of(
          "is a data/base64 image, which is not supported: give a publicly accessible http(s) URL");
    }
    if (url.length() > MAX_URL_LENGTH) {
      return Optional.of("is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.of("is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must be an http or https URL, got scheme '" + shorten(scheme) + "'");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("has no host");
    }
    return hostProblem(host.toLowerCase(Locale.ROOT));
  }

  private static Optional<String> hostProblem(String host) {
    Optional<String> unreachable =
        Optional.of("points at '" + host + "', which is not publicly accessible");
    if (host.equals("localhost")
        || host.endsWith(".localhost")
        || host.endsWith(".local")
        || host.endsWith(".internal")
        || host.endsWith(".lan")
        || host.endsWith(".home.arpa")) {
      return unreachable;
    }
    if (host.startsWith("[")) {
      try {
        // A bracketed IPv6 literal: parsed without any DNS lookup.
        InetAddress address = InetAddress.getByName(host);
        byte[] b = address.getAddress();
        boolean local =
            address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()
                || (b.length == 16 && (b[0] & 0xfe) == 0xfc);
        return local ? unreachable : Optional.empty();
      } catch (UnknownHostException e) {
        return Optional.of("has an invalid IPv6 address");
      }
    }
    if (IPV4.matcher(host).matches()) {
      String[] parts = host.split("\\.");
      int[] o = new int[4];
      for (int i = 0; i < 4; i++) {
        o[i] = Integer.parseInt(parts[i]);
        if (o[i] > 255) {
          return Optional.of("has an invalid IPv4 address");
        }
      }
      boolean local =
          o[0] == 0
              || o[0] == 10
              || o[0] == 127
              || (o[0] == 100 && o[1] >= 64 && o[1] <= 127)
              || (o[0] == 169 && o[1] == 254)
              || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
              || (o[0] == 192 && o[1] == 168)
              || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
              || o[0] >= 224;
      return local ? unreachable : Optional.empty();
    }
    return host.contains(".") ? Optional.empty() : unreachable;
  }

  private static @Nullable JsonNode present(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? null : node;
  }

  private static @Nullable String text(JsonNode root, String field, List<String> problems) {
    JsonNode node = present(root, field);
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      problems.add(field + " must be a string, got " + JsonSupport.describe(node));
      return null;
    }
    return node.stringValue();
  }

  private static void checkLength(String field, String text, int max, List<String> problems) {
    int length = text.codePointCount(0, text.length());
    if (length > max) {
      problems.add(field + " is " + length + " characters long; at most " + max + " are allowed");
    }
  }

  private static InvalidSubmission invalid(String problem) {
    return new InvalidSubmission(List.of(problem), null);
  }

  private static String ids(Map<String, ModelSpec> models) {
    return String.join(", ", models.keySet());
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
