package dev.apimart.cli;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ParamValues;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The options of {@code apimart generate} as a {@link GenerationRequest}, with every problem found
 * on the way — the command line's own (a count that is not a number, a malformed {@code --param})
 * and the validator's — told in the command line's words: {@code --size}, {@code 3rd --image-url},
 * {@code --param seed}, never a wire or Java name on its own.
 *
 * <p>{@code --param NAME=VALUE} goes through {@link GenerationRequest.Builder#param(String,
 * Object)}: a typed option when VALUE has the option's type, else an extra body field. VALUE is
 * read as JSON when it is valid JSON ({@code 42}, {@code true}, {@code {"hdr":true}}), else taken
 * as text, so {@code --param style=vivid} needs no quotes.
 */
final class GenerateArgs {

  /** The model used when {@code --model} is not given. */
  static final ImageModel DEFAULT_MODEL = ImageModel.Z_IMAGE_TURBO;

  /** Request fields (wire names) that have a flag of their own, and the option behind it. */
  private static final Map<String, String> FLAG_OPTIONS =
      Map.of(
          "model", "model",
          "size", "size",
          "resolution", "resolution",
          "n", "n",
          "negative_prompt", "negative-prompt",
          "image_urls", "image-url",
          "prompt_extend", "prompt-extend",
          "webhook", "webhook");

  /** Where a local reference image stands while the request is validated. */
  static final String LOCAL_STAND_IN = LocalImages.STAND_IN;

  private static final String EXTRA_PREFIX = "extra_body.";

  private final GenerationRequest request;
  private final List<String> problems;
  private final Map<String, String> params;
  private final int urlCount;
  private final int fileCount;

  /** Keeps the command line's own problems and adds the validator's, in the command's words. */
  private GenerateArgs(
      GenerationRequest request,
      List<String> ownProblems,
      Map<String, String> params,
      ModelCatalog catalog) {
    this.request = request;
    this.params = Map.copyOf(params);
    this.urlCount = request.imageUrls().size();
    this.fileCount = request.referenceImages().size();
    List<String> all = new ArrayList<>(ownProblems);
    RequestValidator.forCatalog(catalog)
        .validate(withStandIns(request))
        .forEach(v -> all.add(describe(v)));
    this.problems = List.copyOf(all);
  }

  /**
   * What the command line gave for a request.
   *
   * @param given whether the option of that long name (without dashes) was on the command line
   */
  record Inputs(
      @Nullable String model,
      String prompt,
      @Nullable String size,
      @Nullable String resolution,
      @Nullable String n,
      @Nullable String negativePrompt,
      List<String> imageUrls,
      List<Path> imageFiles,
      @Nullable URI webhook,
      boolean promptExtend,
      List<String> params,
      Predicate<String> given) {}

  /**
   * Builds the request from the command line's values and checks it against the catalog.
   *
   * @param args what {@code generate} was given
   * @param catalog the catalog the client validates against
   */
  static GenerateArgs read(Inputs args, ModelCatalog catalog) {
    List<String> problems = new ArrayList<>();
    String model = args.model() != null ? args.model() : DEFAULT_MODEL.id();
    GenerationRequest.Builder b = GenerationRequest.builder().model(model).prompt(args.prompt());
    if (args.size() != null) {
      b.size(args.size());
    }
    if (args.resolution() != null) {
      b.resolution(args.resolution());
    }
    if (args.negativePrompt() != null) {
      b.negativePrompt(args.negativePrompt());
    }
    args.imageUrls().forEach(b::addImageUrl);
    args.imageFiles().forEach(b::referenceImage);
    if (args.webhook() != null) {
      b.webhook(args.webhook());
    }
    if (args.promptExtend()) {
      b.promptExtend(true);
    }
    String n = args.n();
    if (n != null) {
      try {
        b.n(Integer.parseInt(n.strip()));
      } catch (NumberFormatException e) {
        problems.add("--n: '" + n + "' is not a whole number" + countHint(catalog, model));
      }
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String param : args.params()) {
      int eq = param.indexOf('=');
      if (eq < 0) {
        problems.add(
            "--param '"
                + param
                + "': write NAME=VALUE, e.g. --param seed=42 or --param style=vivid");
        continue;
      }
      String name = param.substring(0, eq).strip();
      String value = param.substring(eq + 1);
      if (name.isEmpty()) {
        problems.add("--param '" + param + "': the NAME before '=' is empty");
        continue;
      }
      if (params.containsKey(name)) {
        problems.add("--param " + name + " is given more than once");
        continue;
      }
      if (name.equals("prompt")) {
        problems.add("--param prompt: the prompt is the PROMPT argument; give it there");
        continue;
      }
      String option = FLAG_OPTIONS.get(name);
      if (option != null && args.given().test(option)) {
        problems.add("--param " + name + ": also given as --" + option + "; give it once");
        continue;
      }
      params.put(name, value);
      b.param(name, ParamValues.parse(value));
    }
    return new GenerateArgs(b.build(), problems, params, catalog);
  }

  /** The request as the command line describes it (not yet normalised by the client). */
  GenerationRequest request() {
    return request;
  }

  /**
   * The request with a stand-in URL after the given ones for each {@code --image-file}: what the
   * model's reference rules are checked against before anything is uploaded.
   */
  static GenerationRequest withStandIns(GenerationRequest request) {
    return LocalImages.withStandIns(request);
  }

  /** Every problem, command line first, then the validator's, each in the command line's words. */
  List<String> problems() {
    return problems;
  }

  /**
   * One violation in the command line's words: its field named by the flag that set it ({@code
   * size} → {@code --size}, {@code image_urls[2]} → {@code 3rd --image-url}, a typed option or
   * extra field → {@code --param NAME}).
   */
  String describe(Violation v) {
    String field = v.field();
    if (field.startsWith(EXTRA_PREFIX)) {
      String name = field.substring(EXTRA_PREFIX.length());
      if (GenerationRequest.TYPED_FIELDS.contains(name)) {
        return typeMismatch(name, v);
      }
      return "--param " + name + ": " + v.message();
    }
    return where(field) + ": " + v.message();
  }

  private String where(String field) {
    int bracket = field.indexOf('[');
    String base = bracket < 0 ? field : field.substring(0, bracket);
    if (base.equals("prompt")) {
      return "PROMPT";
    }
    if (base.equals("referenceImages")) {
      return indexed(field, bracket, "image-file");
    }
    if (base.equals("image_urls") && fileCount > 0 && !params.containsKey(base)) {
      // Counted together: an index past the URLs is an --image-file's stand-in.
      if (bracket < 0) {
        return urlCount == 0 ? "--image-file" : "--image-url and --image-file";
      }
      try {
        int index = Integer.parseInt(field.substring(bracket + 1, field.length() - 1));
        if (index >= urlCount) {
          return ordinal(index - urlCount + 1) + " --image-file";
        }
      } catch (NumberFormatException e) {
        return "--image-url and --image-file";
      }
    }
    String option = FLAG_OPTIONS.get(base);
    if (option == null || params.containsKey(base)) {
      return "--param " + field;
    }
    return indexed(field, bracket, option);
  }

  private static String indexed(String field, int bracket, String option) {
    if (bracket >= 0 && field.endsWith("]")) {
      try {
        int index = Integer.parseInt(field.substring(bracket + 1, field.length() - 1));
        return ordinal(index + 1) + " --" + option;
      } catch (NumberFormatException e) {
        return "--" + option;
      }
    }
    return "--" + option;
  }

  /** A {@code --param} whose value does not have the type of the typed field it names. */
  private String typeMismatch(String name, Violation v) {
    String given = params.getOrDefault(name, Objects.toString(v.rejectedValue()));
    String option = FLAG_OPTIONS.get(name);
    String orFlag = option == null ? "" : " (or use --" + option + ")";
    return switch (name) {
      case "n", "output_compression", "seed" ->
          "--param " + name + ": " + name + " takes a whole number, got '" + given + "'" + orFlag;
      case "prompt_extend", "watermark", "nsfw_check", "official_fallback", "google_search" ->
          "--param " + name + ": " + name + " takes true or false, got '" + given + "'" + orFlag;
      case "image_urls" ->
          "--param image_urls: takes a JSON list of URLs such as [\"https://…\"], got '"
              + given
              + "'"
              + orFlag;
      default ->
          "--param "
              + name
              + ": "
              + name
              + " takes text, got '"
              + given
              + "'; to send it as text, quote it as JSON: --param '"
              + name
              + "=\""
              + given
              + "\"'"
              + orFlag;
    };
  }

  private static String countHint(ModelCatalog catalog, String model) {
    return catalog
        .find(model)
        .flatMap(
            c ->
                c.counts().map(n -> " (" + c.model().id() + " takes " + ModelsView.counts(n) + ")"))
        .orElse("");
  }

  static String ordinal(int n) {
    int lastTwo = n % 100;
    String suffix;
    if (lastTwo >= 11 && lastTwo <= 13) {
      suffix = "th";
    } else {
      suffix =
          switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
          };
    }
    return n + suffix;
  }
}
