package dev.apimart.testkit.internal;

import dev.apimart.core.model.AspectRatio;
import dev.apimart.core.model.Resolution;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks a {@code POST /v1/images/generations} body the way the service does, reporting
 * every problem at once. Written independently of the client's {@code RequestValidator}: a rule the
 * client gets wrong shows up as a disagreement between the two.
 */
public final class SubmissionParser {

  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "model",
          "prompt",
          "size",
          "resolution",
          "n",
          "negative_prompt",
          "image_urls",
          "prompt_extend");

  private static final Map<String, AspectRatio> RATIOS =
      Map.of(
          "1:1", AspectRatio.RATIO_1_1,
          "4:3", AspectRatio.RATIO_4_3,
          "3:4", AspectRatio.RATIO_3_4,
          "16:9", AspectRatio.RATIO_16_9,
          "9:16", AspectRatio.RATIO_9_16,
          "3:2", AspectRatio.RATIO_3_2,
          "2:3", AspectRatio.RATIO_2_3);

  private static final String RATIO_LIST = "1:1, 4:3, 3:4, 16:9, 9:16, 3:2, 2:3";
  private static final Map<String, Resolution> TIERS =
      Map.of("1K", Resolution.RES_1K, "2K", Resolution.RES_2K);
  private static final int MAX_URL_LENGTH = 2048;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private SubmissionParser() {}

  /** A request the service would accept. */
  public record Submission(
      ModelSpec model,
      String prompt,
      AspectRatio ratio,
      Resolution resolution,
      int n,
      boolean promptExtend,
      @Nullable String negativePrompt,
      List<String> imageUrls) {}

  /** The body is not a request the service would accept; each entry is one problem. */
  public static final class InvalidSubmission extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidSubmission(List<String> problems) {
      super(String.join("; ", problems), null, false, false);
      this.problems = List.copyOf(problems);
    }

    /** Every problem, in field order. */
    public List<String> problems() {
      return problems;
    }
  }

  /**
   * Parses and checks a body.
   *
   * @param strict whether fields the service does not document are refused
   * @throws InvalidSubmission listing every problem
   */
  public static Submission parse(byte[] body, boolean strict) {
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
    Optional<ModelSpec> model = model(root, problems);
    String prompt = text(root, "prompt", true, problems);
    if (prompt != null) {
      if (prompt.isBlank()) {
        problems.add("prompt must not be blank: describe the image to generate");
      } else {
        checkLength("prompt", prompt, ModelSpec.MAX_PROMPT_CHARS, problems);
      }
    }
    AspectRatio ratio = AspectRatio.RATIO_1_1;
    String size = text(root, "size", false, problems);
    if (size != null) {
      ratio = RATIOS.get(size);
      if (ratio == null) {
        problems.add("size '" + shorten(size) + "' is not supported: use one of " + RATIO_LIST);
        ratio = AspectRatio.RATIO_1_1;
      }
    }
    Resolution tier = Resolution.RES_1K;
    String resolution = text(root, "resolution", false, problems);
    if (resolution != null) {
      tier = TIERS.get(resolution);
      if (tier == null) {
        problems.add("resolution '" + shorten(resolution) + "' is not supported: use 1K or 2K");
        tier = Resolution.RES_1K;
      }
    }
    int n = count(root, model, problems);
    String negative = negativePrompt(root, model, problems);
    List<String> urls = imageUrls(root, model, problems);
    boolean extend = promptExtend(root, model, problems);
    if (strict) {
      for (String name : root.propertyNames()) {
        if (!KNOWN_FIELDS.contains(name)) {
          problems.add(
              "unknown field '"
                  + shorten(name)
                  + "': the fields are model, prompt, size, resolution, n, negative_prompt,"
                  + " image_urls and prompt_extend");
        }
      }
    }
    if (!problems.isEmpty() || model.isEmpty() || prompt == null) {
      throw new InvalidSubmission(problems);
    }
    return new Submission(model.get(), prompt, ratio, tier, n, extend, negative, urls);
  }

  private static Optional<ModelSpec> model(JsonNode root, List<String> problems) {
    String id = text(root, "model", true, problems);
    if (id == null) {
      return Optional.empty();
    }
    Optional<ModelSpec> model = ModelSpec.byId(id);
    if (model.isEmpty()) {
      problems.add(
          "model '"
              + shorten(id)
              + "' does not exist or does not make images here: use one of "
              + ModelSpec.ids());
    }
    return model;
  }

  private static int count(JsonNode root, Optional<ModelSpec> model, List<String> problems) {
    JsonNode node = present(root, "n");
    if (node == null) {
      return 1;
    }
    if (!node.isIntegralNumber()) {
      problems.add("n must be an integer from 1 to 6, got " + JsonSupport.describe(node));
      return 1;
    }
    if (!node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 6) {
      problems.add("n must be from 1 to 6, got " + shorten(node.asString()));
      return 1;
    }
    int n = node.intValue();
    if (model.isPresent() && !model.get().acceptsCount() && n != 1) {
      problems.add(
          model.get().id()
              + " always generates exactly 1 image and does not support n="
              + n
              + " (qwen-image-2.0 and qwen-image-2.0-pro make up to 6)");
      return 1;
    }
    if (model.isPresent() && n > model.get().maxImages()) {
      problems.add(
          model.get().id() + " makes at most " + model.get().maxImages() + " images, got n=" + n);
      return 1;
    }
    return n;
  }

  private static @Nullable String negativePrompt(
      JsonNode root, Optional<ModelSpec> model, List<String> problems) {
    String negative = text(root, "negative_prompt", false, problems);
    if (negative == null) {
      return null;
    }
    if (model.isPresent() && !model.get().negativePrompt()) {
      problems.add("negative_prompt is not supported by " + model.get().id());
      return null;
    }
    checkLength("negative_prompt", negative, ModelSpec.MAX_NEGATIVE_PROMPT_CHARS, problems);
    return negative;
  }

  private static List<String> imageUrls(
      JsonNode root, Optional<ModelSpec> model, List<String> problems) {
    JsonNode node = present(root, "image_urls");
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.add("image_urls must be an array of URL strings, got " + JsonSupport.describe(node));
      return List.of();
    }
    if (model.isPresent() && model.get().maxReferenceImages() == 0) {
      problems.add("image_urls (image-to-image) is not supported by " + model.get().id());
      return List.of();
    }
    if (model.isPresent() && node.size() > model.get().maxReferenceImages()) {
      problems.add(
          "image_urls takes at most "
              + model.get().maxReferenceImages()
              + " reference images, got "
              + node.size());
    }
    List<String> urls = new ArrayList<>();
    int i = 0;
    for (JsonNode element : node.values()) {
      String field = "image_urls[" + i++ + "]";
      if (!element.isString()) {
        problems.add(field + " must be a URL string, got " + JsonSupport.describe(element));
        continue;
      }
      String url = element.stringValue();
      urlProblem(url).ifPresent(p -> problems.add(field + " " + p));
      urls.add(url);
    }
    return List.copyOf(urls);
  }

  private static boolean promptExtend(
      JsonNode root, Optional<ModelSpec> model, List<String> problems) {
    JsonNode node = present(root, "prompt_extend");
    if (node == null) {
      return false;
    }
    if (!node.isBoolean()) {
      problems.add("prompt_extend must be true or false, got " + JsonSupport.describe(node));
      return false;
    }
    boolean extend = node.booleanValue();
    if (extend && model.isPresent() && !model.get().promptExtend()) {
      problems.add("prompt_extend is not supported by " + model.get().id());
      return false;
    }
    return extend;
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

  private static @Nullable String text(
      JsonNode root, String field, boolean required, List<String> problems) {
    JsonNode node = present(root, field);
    if (node == null) {
      if (required) {
        problems.add(
            field
                + " is required"
                + (field.equals("model") ? ": use one of " + ModelSpec.ids() : ""));
      }
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
    return new InvalidSubmission(List.of(problem));
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
