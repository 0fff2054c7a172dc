package dev.apimart.cli.batch;

import dev.apimart.cli.LocalImages;
import dev.apimart.cli.batch.BatchOptions.InputFormat;
import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ParamValues;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ModelCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a batch file into requests, one per non-blank line, each with its line number and a hash of
 * the request it stands for, and checks every one of them against the model catalog before anything
 * is sent. Problems are told per line in the words of the file ({@code line 7: size: …}) or of the
 * flag that gave the value ({@code line 7: --size (from the command line): …}).
 */
final class BatchInput {

  /** The fields a JSONL line may have, in the order they are listed in messages. */
  static final List<String> FIELDS =
      List.of(
          "prompt",
          "model",
          "size",
          "resolution",
          "n",
          "negative_prompt",
          "image_urls",
          "image_files",
          "params");

  private static final Map<String, String> FLAGS =
      Map.of(
          "model", "--model",
          "size", "--size",
          "resolution", "--resolution",
          "n", "--n",
          "negative_prompt", "--negative-prompt",
          "image_urls", "--image-url");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request of the file. */
  record Line(int number, GenerationRequest request, String hash) {}

  /** One problem of one line (0 for the file as a whole). */
  record Problem(int line, String message) {
    @Override
    public String toString() {
      return line == 0 ? message : "line " + line + ": " + message;
    }
  }

  private final List<Line> lines;
  private final List<Problem> problems;
  private final InputFormat format;
  private final int lastLineNumber;

  private BatchInput(
      List<Line> lines, List<Problem> problems, InputFormat format, int lastLineNumber) {
    this.lines = List.copyOf(lines);
    this.problems = List.copyOf(problems);
    this.format = format;
    this.lastLineNumber = lastLineNumber;
  }

  /** The valid lines, in file order. */
  List<Line> lines() {
    return lines;
  }

  /** Every problem, in file order. */
  List<Problem> problems() {
    return problems;
  }

  /** How the file was read. */
  InputFormat format() {
    return format;
  }

  /** The number of the file's last line, blank or not (for the width of file names). */
  int lastLineNumber() {
    return lastLineNumber;
  }

  /** The line numbers that have problems. */
  Set<Integer> invalidLines() {
    Set<Integer> numbers = new LinkedHashSet<>();
    problems.forEach(p -> numbers.add(p.line()));
    return numbers;
  }

  /**
   * Reads and checks the file.
   *
   * @param options the command's flags: format and per-line defaults
   * @param catalog what requests are validated against (the client's catalog)
   */
  static BatchInput read(BatchOptions options, ModelCatalog catalog) {
    Path file = options.input();
    List<Problem> problems = new ArrayList<>();
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      problems.add(new Problem(0, "'" + file + "' is not UTF-8 text"));
      return new BatchInput(List.of(), problems, options.format(), 0);
    } catch (IOException e) {
      String why =
          Files.isDirectory(file)
              ? "it is a folder"
              : Files.exists(file) ? "it cannot be read (" + e.getMessage() + ")" : "no such file";
      problems.add(new Problem(0, "cannot read '" + file + "': " + why));
      return new BatchInput(List.of(), problems, options.format(), 0);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String[] raw = text.split("\n", -1);
    int last = raw.length;
    if (last > 0 && raw[last - 1].isEmpty()) {
      last--;
    }
    InputFormat format = detect(options.format(), file, raw);
    RequestValidator validator = RequestValidator.forCatalog(catalog);
    List<Line> lines = new ArrayList<>();
    // Many lines may share one reference image: each file is read for its hash once per run.
    Map<Path, String> identityOf = new java.util.HashMap<>();
    for (int i = 0; i < last; i++) {
      String content = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
      if (content.isBlank()) {
        continue;
      }
      int number = i + 1;
      List<String> lineProblems = new ArrayList<>();
      Set<String> fromLine = new LinkedHashSet<>();
      Map<String, String> paramsFromFlags = new LinkedHashMap<>();
      GenerationRequest request =
          format == InputFormat.JSONL
              ? jsonLine(content, options, lineProblems, fromLine, paramsFromFlags)
              : textLine(content, options, paramsFromFlags);
      if (request != null && lineProblems.isEmpty()) {
        for (Violation v : validator.validate(LocalImages.withStandIns(request))) {
          lineProblems.add(describe(localFiles(v, request), format, fromLine, paramsFromFlags));
        }
      }
      List<String> identities = new ArrayList<>();
      if (request != null && lineProblems.isEmpty()) {
        for (Path image : request.referenceImages()) {
          String identity = identityOf.get(image);
          if (identity == null) {
            try {
              identity = LocalImages.identity(image);
              identityOf.put(image, identity);
            } catch (IOException e) {
              lineProblems.add("image_files: cannot read '" + image + "' (" + e.getMessage() + ")");
              continue;
            }
          }
          identities.add(identity);
        }
      }
      if (lineProblems.isEmpty() && request != null) {
        lines.add(new Line(number, request, hash(request, identities)));
      } else {
        lineProblems.forEach(p -> problems.add(new Problem(number, p)));
      }
    }
    if (lines.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(0, "'" + file + "' has no lines to generate (it is empty)"));
    }
    return new BatchInput(lines, problems, format, last);
  }

  private static InputFormat detect(InputFormat asked, Path file, String[] raw) {
    if (asked != InputFormat.AUTO) {
      return asked;
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return InputFormat.JSONL;
    }
    if (lower.endsWith(".txt")) {
      return InputFormat.TEXT;
    }
    for (String line : raw) {
      String stripped = line.strip();
      if (!stripped.isEmpty()) {
        return stripped.startsWith("{") ? InputFormat.JSONL : InputFormat.TEXT;
      }
    }
    return InputFormat.TEXT;
  }

  private static GenerationRequest textLine(
      String prompt, BatchOptions options, Map<String, String> paramsFromFlags) {
    GenerationRequest.Builder b = defaults(options, paramsFromFlags);
    b.prompt(prompt);
    return b.build();
  }

  /** The command's flags as a request: what every line starts from. */
  private static GenerationRequest.Builder defaults(
      BatchOptions options, Map<String, String> paramsFromFlags) {
    GenerationRequest.Builder b = GenerationRequest.builder().model(options.model());
    options.size().ifPresent(b::size);
    options.resolution().ifPresent(b::resolution);
    options.n().ifPresent(b::n);
    options.negativePrompt().ifPresent(b::negativePrompt);
    options.imageUrls().forEach(b::addImageUrl);
    options
        .params()
        .forEach(
            (name, value) -> {
              paramsFromFlags.put(name, value);
              b.param(name, ParamValues.parse(value));
            });
    return b;
  }

  private static @Nullable GenerationRequest jsonLine(
      String content,
      BatchOptions options,
      List<String> problems,
      Set<String> fromLine,
      Map<String, String> paramsFromFlags) {
    JsonNode node;
    try {
      node = JSON.readTree(content);
    } catch (JacksonException e) {
      problems.add(
          "not a JSON object: "
              + firstLine(e.getOriginalMessage())
              + " (each line of a JSONL file is one object such as {\"prompt\": \"a cat\"})");
      return null;
    }
    if (node == null || !node.isObject()) {
      problems.add(
          "not a JSON object (each line of a JSONL file is one object such as"
              + " {\"prompt\": \"a cat\"})");
      return null;
    }
    GenerationRequest.Builder b = defaults(options, paramsFromFlags);
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      fromLine.add(name);
      switch (name) {
        case "prompt" -> text(name, value, problems, b::prompt);
        case "model" -> text(name, value, problems, b::model);
        case "size" -> text(name, value, problems, b::size);
        case "resolution" -> text(name, value, problems, b::resolution);
        case "negative_prompt" -> text(name, value, problems, b::negativePrompt);
        case "n" -> {
          if (value.isIntegralNumber() && value.canConvertToInt()) {
            b.n(value.intValue());
          } else if (!value.isNull()) {
            problems.add("n: takes a whole number such as 2, got " + value);
          }
        }
        case "image_urls" -> {
          if (value.isArray()) {
            List<String> urls = new ArrayList<>();
            int index = 0;
            for (JsonNode url : value) {
              if (url.isString()) {
                urls.add(url.stringValue());
              } else {
                problems.add("image_urls[" + index + "]: takes a URL as a JSON string, got " + url);
              }
              index++;
            }
            b.imageUrls(urls);
          } else if (value.isString()) {
            b.imageUrls(List.of(value.stringValue()));
          } else if (!value.isNull()) {
            problems.add("image_urls: takes a list of URLs such as [\"https://…\"], got " + value);
          }
        }
        case "image_files" -> imageFiles(value, options, problems, b);
        case "params" -> {
          if (!value.isObject()) {
            problems.add(
                "params: takes an object of request fields such as {\"seed\": 42}, got " + value);
            break;
          }
          for (Map.Entry<String, JsonNode> param : value.properties()) {
            String paramName = param.getKey();
            if (FIELDS.contains(paramName)) {
              problems.add(
                  "params."
                      + paramName
                      + ": '"
                      + paramName
                      + "' is a field of its own; give it beside \"prompt\", not in params");
              continue;
            }
            paramsFromFlags.remove(paramName);
            b.param(paramName, plain(param.getValue()));
          }
        }
        default ->
            problems.add(
                "unknown field '"
                    + name
                    + "'"
                    + suggestion(name)
                    + "; a line's fields are "
                    + String.join(", ", FIELDS)
                    + " (any other request field goes in params)");
      }
    }
    return b.build();
  }

  private static void text(
      String name, JsonNode value, List<String> problems, java.util.function.Consumer<String> set) {
    if (value.isString()) {
      set.accept(value.stringValue());
    } else if (!value.isNull()) {
      problems.add(name + ": takes text (a JSON string), got " + value);
    }
  }

  /** A field name close to the one typed, for "did you mean". */
  private static String suggestion(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String field : FIELDS) {
      int d = distance(name.toLowerCase(Locale.ROOT), field);
      if (d < bestDistance) {
        bestDistance = d;
        best = field;
      }
    }
    if (best != null && bestDistance <= Math.max(2, name.length() / 3)) {
      return " (did you mean '" + best + "'?)";
    }
    return "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** A JSON value as the plain Java value the request builder takes. */
  static @Nullable Object plain(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      BigInteger big = node.bigIntegerValue();
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isArray()) {
      List<@Nullable Object> list = new ArrayList<>();
      node.forEach(e -> list.add(plain(e)));
      return list;
    }
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
    return map;
  }

  /**
   * A line's {@code image_files}: paths relative to the input file's folder, each checked here
   * (exists, readable, JPEG/PNG/WebP/GIF by its first bytes, at most 20 MB) before anything is
   * sent. They are uploaded by the client right before the line's submission.
   */
  private static void imageFiles(
      JsonNode value, BatchOptions options, List<String> problems, GenerationRequest.Builder b) {
    List<JsonNode> entries = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(entries::add);
    } else if (value.isString()) {
      entries.add(value);
    } else if (!value.isNull()) {
      problems.add(
          "image_files: takes a list of paths such as [\"cat.png\"] (relative to the input"
              + " file's folder), got "
              + value);
      return;
    }
    Path folder = options.input().toAbsolutePath().getParent();
    int index = 0;
    for (JsonNode entry : entries) {
      String where = value.isArray() ? "image_files[" + index + "]" : "image_files";
      index++;
      if (!entry.isString() || entry.stringValue().isBlank()) {
        problems.add(where + ": takes a path as a JSON string, got " + entry);
        continue;
      }
      String given = entry.stringValue();
      Path file;
      try {
        file = folder == null ? Path.of(given) : folder.resolve(given);
      } catch (java.nio.file.InvalidPathException e) {
        problems.add(where + ": '" + given + "' is not a path (" + e.getReason() + ")");
        continue;
      }
      LocalImages.Result checked = LocalImages.check(file);
      if (checked.problem() != null) {
        problems.add(where + ": '" + given + "' " + checked.problem());
        continue;
      }
      b.referenceImage(file);
    }
  }

  /**
   * A violation of the stand-in URLs that local files are validated with, told as {@code
   * image_files}: an index past the line's URLs is a file's.
   */
  private static Violation localFiles(Violation v, GenerationRequest request) {
    if (request.referenceImages().isEmpty() || !v.field().startsWith("image_urls")) {
      return v;
    }
    int urls = request.imageUrls().size();
    String field = v.field();
    int bracket = field.indexOf('[');
    if (bracket < 0) {
      return new Violation(
          urls == 0 ? "image_files" : "image_urls and image_files", v.rejectedValue(), v.message());
    }
    try {
      int index = Integer.parseInt(field.substring(bracket + 1, field.length() - 1));
      return index < urls
          ? v
          : new Violation(
              "image_files[" + (index - urls) + "]",
              request.referenceImages().get(index - urls).toString(),
              v.message());
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return v;
    }
  }

  /** One violation in the words of where its value came from: the line or a flag. */
  private static String describe(
      Violation v, InputFormat format, Set<String> fromLine, Map<String, String> paramsFromFlags) {
    String field = v.field();
    int bracket = field.indexOf('[');
    String base = bracket < 0 ? field : field.substring(0, bracket);
    if (base.startsWith("extra_body.")) {
      base = base.substring("extra_body.".length());
      field = field.substring("extra_body.".length());
    }
    String where;
    if (base.equals("image_files") || base.equals("image_urls and image_files")) {
      where = field;
    } else if (base.equals("prompt")) {
      where = format == InputFormat.JSONL ? "prompt" : "the prompt";
    } else if (FLAGS.containsKey(base) && !fromLine.contains(base)) {
      where = FLAGS.get(base) + " (from the command line)";
    } else if (FLAGS.containsKey(base)) {
      where = field;
    } else if (paramsFromFlags.containsKey(base)) {
      where = "--param " + base + " (from the command line)";
    } else {
      where = "params." + field;
    }
    return where + ": " + v.message();
  }

  /**
   * A short, stable fingerprint of the request a line stands for (after the command's defaults):
   * {@code sha256:} and the first 16 hex digits of the SHA-256 of its canonical JSON (keys sorted).
   * Two runs with the same file and flags give the same hashes; a changed line or flag does not.
   */
  static String hash(GenerationRequest request) {
    return hash(request, List.of());
  }

  /**
   * {@link #hash(GenerationRequest)} of a request with local images: each file's identity (size and
   * SHA-256 of its content, {@link LocalImages#identity}) counts, not its name, so a file changed
   * since the last run makes a changed line.
   */
  static String hash(GenerationRequest request, List<String> imageFiles) {
    Map<String, @Nullable Object> canonical = new TreeMap<>();
    canonical.put("model", request.modelName());
    canonical.put("prompt", request.prompt());
    canonical.put("size", request.sizeValue());
    canonical.put("resolution", request.resolutionValue());
    canonical.put("n", request.n());
    canonical.put("negative_prompt", request.negativePrompt());
    canonical.put("image_urls", request.imageUrls().isEmpty() ? null : request.imageUrls());
    canonical.put("image_files", imageFiles.isEmpty() ? null : imageFiles);
    canonical.put("prompt_extend", request.promptExtend());
    canonical.putAll(request.options());
    request.extraBody().forEach((k, val) -> canonical.put("extra." + k, val));
    canonical.values().removeIf(java.util.Objects::isNull);
    String json = JSON.writeValueAsString(sorted(canonical));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static @Nullable Object sorted(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> out = new ArrayList<>();
      list.forEach(v -> out.add(sorted(v)));
      return out;
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    return value;
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
