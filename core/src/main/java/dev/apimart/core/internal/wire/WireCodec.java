package dev.apimart.core.internal.wire;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskError;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.core.model.Usage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes requests to and decodes answers from ApiMart's JSON API. It is the only place in the SDK
 * that knows the wire format; no JSON library type appears in its signatures.
 *
 * <p>Decoding is lenient where ApiMart's public documentation is inconsistent or thin: unknown
 * fields are ignored, an image {@code url} may be a string or an array of strings, {@code data} may
 * be an object or a one-element array, numbers may arrive as numeric strings, and optional fields
 * of the wrong type read as absent. It is strict where a wrong value would mislead: a missing or
 * unsafe task id, a missing status, an image URL that is not absolute {@code http(s)}, or a body
 * that is not a JSON object all end in {@link UnexpectedResponseException} carrying the raw body.
 * Nothing else escapes: no JSON library exception, {@code NullPointerException} or number format
 * error.
 *
 * <p>Answers with a 2xx status whose envelope reports an error ({@code "code"} of 400 or more, a
 * non-empty {@code error} object, or {@code "success": false} from the balance endpoint) are
 * failures too, mapped like the HTTP status that code names.
 *
 * <p>Immutable and thread-safe; create one per client. Input is bounded (nesting depth 64, strings
 * of 1 MiB, numbers of 200 digits, documents of 16 MiB) so a hostile or broken answer cannot
 * exhaust memory or the stack.
 */
public final class WireCodec {

  private static final JsonMapper MAPPER = createMapper();

  private static final String SUBMISSION = "the image generation submission";
  private static final String TASK = "the task status request";
  private static final String BALANCE = "the balance request";
  private static final String UPLOAD = "the image upload";
  private static final String USAGE = "the usage request";
  private static final java.util.Set<String> METRICS =
      java.util.Set.of(
          "cost",
          "total_cost",
          "amount",
          "credits_cost",
          "credits",
          "total_credits",
          "tasks",
          "task_count",
          "count",
          "images",
          "image_count");

  private static final java.util.regex.Pattern INVALID_TASK_ID =
      java.util.regex.Pattern.compile(
          "invalid[ _-]?task[ _-]?id|task[ _-]?not[ _-]?(found|exist)",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  private final RetryAfterParser retryAfterParser;
  private final ErrorMapper errorMapper;
  private final Clock clock;
  private final List<byte[]> secrets;

  private static final byte[] REDACTED = "[REDACTED]".getBytes(StandardCharsets.US_ASCII);

  private WireCodec(Clock clock, List<byte[]> secrets) {
    this.clock = clock;
    this.retryAfterParser = new RetryAfterParser(clock);
    this.errorMapper = new ErrorMapper(MAPPER);
    this.secrets = secrets;
  }

  /**
   * A codec.
   *
   * @param clock the clock against which {@code Retry-After} HTTP-dates are turned into waits
   */
  public static WireCodec create(Clock clock) {
    return create(clock, List.of());
  }

  /**
   * A codec that also removes the given secrets (the API key) wherever an answer echoes them, so
   * they cannot reach an exception message, a kept body or a log line — whatever their shape.
   *
   * @param clock the clock against which {@code Retry-After} HTTP-dates are turned into waits
   * @param secrets texts that must never come out of the codec; blank ones are ignored
   */
  public static WireCodec create(Clock clock, Collection<String> secrets) {
    Objects.requireNonNull(clock, "clock");
    List<byte[]> bytes =
        secrets.stream()
            .filter(secret -> secret != null && !secret.isBlank())
            .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
            .toList();
    return new WireCodec(clock, bytes);
  }

  /** The body with every occurrence of a secret replaced; the same array when there is none. */
  private byte[] scrub(byte[] body) {
    byte[] result = body;
    for (byte[] secret : secrets) {
      result = replaceAll(result, secret, REDACTED);
    }
    return result;
  }

  private static byte[] replaceAll(byte[] text, byte[] target, byte[] replacement) {
    int at = indexOf(text, target, 0);
    if (at < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
    int from = 0;
    while (at >= 0) {
      out.write(text, from, at - from);
      out.writeBytes(replacement);
      from = at + target.length;
      at = indexOf(text, target, from);
    }
    out.write(text, from, text.length - from);
    return out.toByteArray();
  }

  private static int indexOf(byte[] text, byte[] target, int from) {
    outer:
    for (int i = from; i <= text.length - target.length; i++) {
      for (int j = 0; j < target.length; j++) {
        if (text[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static JsonMapper createMapper() {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxStringLength(1 << 20)
            .maxNameLength(1024)
            .maxNumberLength(200)
            .maxDocumentLength(16L << 20)
            .maxTokenCount(1_000_000)
            .build();
    JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
    return JsonMapper.builder(factory)
        .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  // ---------------------------------------------------------------- encoding

  /**
   * The JSON body (UTF-8) of {@code POST /v1/images/generations}. Keys are snake_case; fields left
   * unset are omitted so that the service's defaults apply; {@code prompt_extend} is sent only when
   * {@code true} and {@code image_urls} only when not empty; typed options follow, then the extra
   * body fields in the order they were added. Values are sent as the request holds them, except a
   * model name this SDK knows, which is written as the model's id: prepare the request first
   * ({@code RequestValidator.prepare}), which checks it and normalises its spelling. This only
   * checks that a model and a prompt are present.
   *
   * @throws InvalidRequestException when the model or prompt is missing, or an extra body value
   *     cannot be written as JSON
   */
  public byte[] encodeRequest(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    String modelName = request.modelName();
    String prompt = request.prompt();
    if (modelName == null || prompt == null) {
      List<Violation> violations = new ArrayList<>(2);
      if (modelName == null) {
        violations.add(new Violation("model", null, "model is missing: name the image model"));
      }
      if (prompt == null) {
        violations.add(new Violation("prompt", null, "prompt is missing: describe the image"));
      }
      throw new InvalidRequestException(violations);
    }
    String model = ImageModel.fromId(modelName).map(ImageModel::id).orElse(modelName);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + prompt.length() * 3);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("model", model);
      g.writeStringProperty("prompt", prompt);
      writeIfPresent(g, "size", request.sizeValue());
      writeIfPresent(g, "resolution", request.resolutionValue());
      Integer n = request.n();
      if (n != null) {
        g.writeNumberProperty("n", n.intValue());
      }
      writeIfPresent(g, "negative_prompt", request.negativePrompt());
      List<String> imageUrls = request.imageUrls();
      if (!imageUrls.isEmpty()) {
        g.writeName("image_urls");
        g.writeStartArray();
        for (String url : imageUrls) {
          g.writeString(url);
        }
        g.writeEndArray();
      }
      if (Boolean.TRUE.equals(request.promptExtend())) {
        g.writeBooleanProperty("prompt_extend", true);
      }
      if (request.webhook().isPresent()) {
        g.writeStringProperty("webhook", request.webhook().get().toString());
      }
      for (Map.Entry<String, Object> option : request.options().entrySet()) {
        g.writeName(option.getKey());
        writeJson(g, option.getValue(), 0);
      }
      for (Map.Entry<String, @Nullable Object> extra : request.extraBody().entrySet()) {
        if (GenerationRequest.TYPED_FIELDS.contains(extra.getKey())) {
          throw new InvalidRequestException(
              List.of(
                  new Violation(
                      "extra_body." + extra.getKey(),
                      null,
                      "'" + extra.getKey() + "' is a typed field; an extra never overrides it")));
        }
        g.writeName(extra.getKey());
        writeJson(g, extra.getValue(), 0);
      }
      g.writeEndObject();
    } catch (JacksonException e) {
      // Writing plain values into memory cannot fail short of a bug in the JSON library.
      throw new IllegalStateException("could not write the request as JSON", e);
    }
    return out.toByteArray();
  }

  private static void writeJson(JsonGenerator g, @Nullable Object value, int depth) {
    if (depth > 32) {
      throw notJson("it is nested more than 32 levels deep");
    }
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String text) {
      g.writeString(text);
    } else if (value instanceof Boolean bool) {
      g.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long number) {
      g.writeNumber(number.longValue());
    } else if (value instanceof BigInteger number) {
      g.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      g.writeNumber(number);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw notJson("the number " + d + " has no JSON form");
      }
      g.writeNumber(d);
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object each : list) {
        writeJson(g, each, depth + 1);
      }
      g.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw notJson("a map key is not text");
        }
        g.writeName(key);
        writeJson(g, e.getValue(), depth + 1);
      }
      g.writeEndObject();
    } else {
      throw notJson("a " + value.getClass().getSimpleName() + " has no JSON form");
    }
  }

  private static InvalidRequestException notJson(String why) {
    return new InvalidRequestException(
        List.of(new Violation("extra_body", null, "an extra body value cannot be sent: " + why)));
  }

  /**
   * Reads a text as a JSON value when it is one — {@code 42}, {@code true}, {@code "x"}, {@code
   * [1,2]}, {@code {"hdr":true}}, {@code null} — and otherwise takes it as plain text, the way
   * command lines and configuration give values. Numbers come back as {@link Long} when whole and
   * small enough, else {@link BigDecimal}; objects as ordered maps; arrays as lists.
   */
  public static @Nullable Object parseLenientValue(String text) {
    Objects.requireNonNull(text, "text");
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      return text;
    }
    char first = stripped.charAt(0);
    boolean jsonish =
        first == '{'
            || first == '['
            || first == '"'
            || first == '-'
            || Character.isDigit(first)
            || stripped.equals("true")
            || stripped.equals("false")
            || stripped.equals("null");
    if (!jsonish) {
      return text;
    }
    try {
      return plain(MAPPER.readTree(stripped));
    } catch (JacksonException | IllegalArgumentException e) {
      return text;
    }
  }

  private static @Nullable Object plain(JsonNode node) {
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
      List<@Nullable Object> list = new ArrayList<>(node.size());
      for (JsonNode each : node) {
        list.add(plain(each));
      }
      return java.util.Collections.unmodifiableList(list);
    }
    Map<String, @Nullable Object> map = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      map.put(e.getKey(), plain(e.getValue()));
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  private static void writeIfPresent(JsonGenerator g, String name, @Nullable String value) {
    if (value != null) {
      g.writeStringProperty(name, value);
    }
  }

  // ---------------------------------------------------------------- decoding

  /**
   * The task id from the answer to {@code POST /v1/images/generations}: {@code {"code":200,
   * "data":[{"status":"submitted","task_id":"…"}]}} ({@code data} may also be a single object).
   *
   * @throws ApiMartException the typed error for a non-2xx status or an error envelope; {@link
   *     UnexpectedResponseException} when no safe task id can be read
   */
  public TaskId decodeSubmission(int status, Map<String, List<String>> headers, byte[] body) {
    return decode(status, headers, body, SUBMISSION, this::readSubmission);
  }

  /**
   * The task snapshot from the answer to {@code GET /v1/tasks/{id}}. The images carry no expected
   * pixel size (the caller knows it; see {@link Task#withExpectedSize}).
   *
   * @throws ApiMartException the typed error for a non-2xx status or an error envelope; {@link
   *     UnexpectedResponseException} when the answer has no readable id or status or an image URL
   *     is not absolute {@code http(s)}
   */
  public Task decodeTask(int status, Map<String, List<String>> headers, byte[] body) {
    return decode(status, headers, body, TASK, this::readTask);
  }

  /**
   * The balance from the answer to {@code GET /v1/balance}. Amounts are read from the JSON number
   * text, without binary floating-point rounding.
   *
   * <p>{@code "success": false} with HTTP 200 is always an {@link AuthenticationException} (unless
   * the envelope carries a code that names another failure): the documented cause is a key the
   * service cannot resolve, and for a free read-only call a failure it does not explain is best
   * investigated as a key problem. The server's message is kept.
   *
   * @throws ApiMartException the typed error for a non-2xx status or a failed answer
   */
  public Balance decodeBalance(int status, Map<String, List<String>> headers, byte[] body) {
    return decode(status, headers, body, BALANCE, this::readBalance);
  }

  /**
   * Decodes the answer to {@code POST /v1/uploads/images}: {@code {"url", "filename",
   * "content_type", "bytes", "created_at"}} (also inside a {@code data} object); the URL must be an
   * absolute http(s) URL. Without {@code created_at} the upload counts as made now; the expiry is
   * an {@code expires_at} when the service sends one, else 72 hours after creation (documented).
   */
  public UploadedImage decodeUpload(int status, Map<String, List<String>> headers, byte[] body) {
    return decode(status, headers, body, UPLOAD, this::readUpload);
  }

  /**
   * Decodes the answer to {@code GET /v1/usage}, leniently (its shape is known only from
   * third-party notes): totals from a {@code total} object, a {@code data} object, or the top level
   * ({@code cost}/{@code total_cost}, {@code credits_cost}, {@code tasks}, {@code images}); groups
   * from a {@code data}/{@code groups}/{@code items} array, each entry's text fields being its
   * keys. A figure that is absent stays empty. {@code X-Usage-Cache: HIT} marks a cached answer.
   */
  public Usage decodeUsage(int status, Map<String, List<String>> headers, byte[] body) {
    Usage usage = decode(status, headers, body, USAGE, this::readUsage);
    List<String> cache = headers == null ? null : headerValues(headers, "x-usage-cache");
    boolean hit = cache != null && cache.stream().anyMatch(v -> v.strip().equalsIgnoreCase("hit"));
    return hit ? usageWithCache(usage) : usage;
  }

  private static @Nullable List<String> headerValues(
      Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Usage usageWithCache(Usage usage) {
    Usage.Builder b =
        Usage.builder().total(usage.total()).currency(usage.currency().orElse(null)).cached(true);
    usage.groups().forEach(b::addGroup);
    return b.build();
  }

  private Usage readUsage(JsonNode root, Context context) {
    JsonNode totalNode = root.get("total");
    JsonNode data = root.get("data");
    JsonNode totalSource;
    if (totalNode != null && totalNode.isObject()) {
      totalSource = totalNode;
    } else if (data != null && data.isObject()) {
      totalSource =
          data.get("total") != null && data.get("total").isObject() ? data.get("total") : data;
    } else {
      totalSource = root;
    }
    JsonNode groupsNode = null;
    for (JsonNode candidate :
        new JsonNode[] {
          data, root.get("groups"), root.get("items"), data == null ? null : data.get("groups")
        }) {
      if (candidate != null && candidate.isArray()) {
        groupsNode = candidate;
        break;
      }
    }
    Usage.Group total = group(totalSource, false);
    Usage.Builder b = Usage.builder().total(total);
    if (groupsNode != null) {
      for (JsonNode entry : groupsNode) {
        if (entry != null && entry.isObject()) {
          b.addGroup(group(entry, true));
        }
      }
    }
    boolean any =
        total.cost().isPresent()
            || total.credits().isPresent()
            || total.tasks().isPresent()
            || total.images().isPresent()
            || groupsNode != null;
    if (!any) {
      throw problem(context, "it carries no usage figures", null);
    }
    String currency = JsonValues.text(root, "currency");
    return b.currency(currency).build();
  }

  private static Usage.Group group(JsonNode node, boolean withKeys) {
    java.util.LinkedHashMap<String, String> keys = new java.util.LinkedHashMap<>();
    if (withKeys) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        JsonNode value = field.getValue();
        if (!METRICS.contains(field.getKey()) && value != null && value.isString()) {
          keys.put(field.getKey(), value.stringValue());
        }
      }
    }
    BigDecimal cost = firstDecimal(node, "cost", "total_cost", "amount");
    BigDecimal credits = firstDecimal(node, "credits_cost", "credits", "total_credits");
    BigDecimal tasks = firstDecimal(node, "tasks", "task_count", "count");
    BigDecimal images = firstDecimal(node, "images", "image_count");
    return new Usage.Group(
        keys,
        cost,
        credits,
        tasks == null ? null : JsonValues.wholeValue(tasks),
        images == null ? null : JsonValues.wholeValue(images));
  }

  private static @Nullable BigDecimal firstDecimal(JsonNode node, String... names) {
    for (String name : names) {
      BigDecimal value = JsonValues.decimal(node.get(name));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private UploadedImage readUpload(JsonNode root, Context context) {
    JsonNode source = root;
    if (!root.has("url") && root.get("data") != null && root.get("data").isObject()) {
      source = root.get("data");
    }
    String url = JsonValues.text(source, "url");
    if (url == null) {
      throw problem(context, "it has no \"url\"", null);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw problem(context, "its \"url\" is not a URL", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute()
        || !(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null) {
      throw problem(context, "its \"url\" is not an absolute http(s) URL", null);
    }
    Instant created = JsonValues.epochSeconds(source.get("created_at"));
    Instant expires = JsonValues.epochSeconds(source.get("expires_at"));
    BigDecimal size = JsonValues.decimal(source.get("bytes"));
    Long bytes = size == null ? null : JsonValues.wholeValue(size);
    String type = JsonValues.text(source, "content_type");
    return UploadedImage.builder()
        .url(uri)
        .createdAt(created == null ? clock.instant() : created)
        .expiresAt(expires)
        .bytes(bytes == null || bytes < 0 ? 0 : bytes)
        .contentType(type == null ? "application/octet-stream" : type)
        .fileName(JsonValues.text(source, "filename"))
        .build();
  }

  /**
   * The typed exception for a failed answer, mapped by HTTP status: 400 {@code
   * RequestRejectedException} (also 422), 401 {@code AuthenticationException}, 402 {@code
   * InsufficientBalanceException}, 403 {@code PermissionDeniedException}, 404 {@code
   * NotFoundException}, 413 {@code PayloadTooLargeException}, 409 with an {@code idempotency_*}
   * code {@code IdempotencyConflictException}, 503 {@code idempotency_unavailable} {@code
   * IdempotencyUnavailableException}, 429 {@code RateLimitedException} and 5xx {@code
   * ServerException} (both with {@code Retry-After}), anything else {@link
   * UnexpectedResponseException}. The server's message, type and code are read from the error
   * envelope when there is one; a body that is not JSON is kept as raw text. Returned, not thrown,
   * so the caller decides.
   */
  public ApiMartException errorFor(int status, Map<String, List<String>> headers, byte[] body) {
    body = body == null ? null : scrub(body);
    try {
      return errorMapper.map(
          status,
          status,
          "(HTTP " + status + ")",
          errorMapper.read(body),
          headers,
          retryAfter(headers).orElse(null),
          null);
    } catch (RuntimeException e) {
      return unexpected(
          status,
          headers,
          body == null ? new byte[0] : body,
          "ApiMart's error answer could not be read",
          e);
    }
  }

  /**
   * A 400 answer to a task status request: ApiMart answers an unknown task id with HTTP 400
   * "invalid task ID" rather than 404, which reads as "no such task" ({@code NotFoundException}).
   */
  private ApiMartException unknownTaskOr(Map<String, List<String>> headers, byte[] body) {
    try {
      ErrorMapper.ErrorInfo info = errorMapper.read(body);
      String text = (info.message() == null ? "" : info.message()) + " " + info.rawText();
      if (INVALID_TASK_ID.matcher(text).find()) {
        return errorMapper.map(
            400,
            404,
            "(HTTP 400 \"invalid task ID\")",
            info,
            headers,
            retryAfter(headers).orElse(null),
            TASK);
      }
    } catch (RuntimeException e) {
      // fall through to the ordinary mapping, which keeps the raw body
    }
    return errorFor(400, headers, body);
  }

  /**
   * The wait a {@code Retry-After} header asks for: delta-seconds (fractions tolerated) or an
   * HTTP-date, relative to this codec's clock; a date in the past is {@link Duration#ZERO}. Header
   * names match in any case. Not clamped: the retry engine bounds it.
   *
   * @return the wait, or empty when the header is absent or unreadable
   */
  public Optional<Duration> retryAfter(Map<String, List<String>> headers) {
    return retryAfterParser.parse(headers);
  }

  private interface Reader<T> {
    T read(JsonNode root, Context context);
  }

  /** What a reader needs to build an error that points at the answer. */
  private record Context(
      int status, Map<String, List<String>> headers, byte[] body, String operation) {}

  private <T> T decode(
      int status,
      @Nullable Map<String, List<String>> headers,
      byte @Nullable [] body,
      String operation,
      Reader<T> reader) {
    byte[] bytes = body == null ? new byte[0] : scrub(body);
    Map<String, List<String>> safeHeaders = headers == null ? Map.of() : headers;
    if (status < 200 || status > 299) {
      if (status == 400 && operation.equals(TASK)) {
        throw unknownTaskOr(safeHeaders, bytes);
      }
      throw errorFor(status, safeHeaders, bytes);
    }
    Context context = new Context(status, safeHeaders, bytes, operation);
    if (bytes.length == 0) {
      throw problem(context, "the body was empty", null);
    }
    String text;
    try {
      // Strict decoding first: the JSON reader tolerates some malformed UTF-8, such as overlong
      // encodings that can smuggle a '/' into a URL or id.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw problem(context, "the body is not valid JSON: it is not valid UTF-8", e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw problem(context, "the body is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IllegalArgumentException e) {
      // A number BigDecimal cannot hold (1E9999999999) fails outside Jackson's exception types.
      throw problem(context, "the body is not valid JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw problem(context, "expected a JSON object but got " + describe(root), null);
    }
    rejectErrorEnvelope(root, context, safeHeaders, operation.equals(BALANCE));
    try {
      return reader.read(root, context);
    } catch (ApiMartException e) {
      throw e;
    } catch (RuntimeException e) {
      // A last line of defence: whatever slipped past the checks still ends in a typed error.
      throw problem(context, "it could not be read (" + e + ")", e);
    }
  }

  private void rejectErrorEnvelope(
      JsonNode root, Context context, Map<String, List<String>> headers, boolean balance) {
    JsonNode error = root.get("error");
    JsonNode data = root.get("data");
    // An error object next to usable data (a failed task, say) does not make the answer a failure.
    boolean hasData = data != null && (data.isObject() || (data.isArray() && !data.isEmpty()));
    boolean errorObject = !hasData && error != null && error.isObject() && !error.isEmpty();
    boolean errorText =
        !hasData && error != null && error.isString() && !error.stringValue().isBlank();
    Integer code = JsonValues.clampedInt(root.get("code"), Integer.MIN_VALUE, Integer.MAX_VALUE);
    boolean badCode = code != null && code >= 400;
    JsonNode success = root.get("success");
    boolean failed = balance && success != null && success.isBoolean() && !success.booleanValue();
    if (!badCode && !errorObject && !errorText && !failed) {
      return;
    }
    ErrorMapper.ErrorInfo info = errorMapper.read(root, bodyText(context.body()));
    int effective = 0;
    String where = "an error envelope";
    if (badCode) {
      effective = code;
      where = "code " + code;
    }
    if (effective == 0 && error != null && error.isObject()) {
      Integer inner = JsonValues.clampedInt(error.get("code"), 0, 1000);
      if (inner != null && inner >= 400 && inner <= 599) {
        effective = inner;
        where = "error code " + inner;
      }
    }
    if (effective == 0) {
      effective = ErrorMapper.statusForType(info.type());
      where = "error type " + info.type();
    }
    if (effective == 0 && failed) {
      effective = 401;
      where = "\"success\": false";
    }
    if (effective == 0) {
      throw problem(
          context,
          "it reports an error"
              + (info.message() == null ? "" : ": " + ErrorMapper.redact(info.message())),
          null);
    }
    throw errorMapper.map(
        context.status(),
        effective,
        "(" + where + " in an HTTP " + context.status() + " answer)",
        info,
        headers,
        retryAfter(headers).orElse(null),
        context.operation());
  }

  private TaskId readSubmission(JsonNode root, Context context) {
    JsonNode data = dataObject(root, context, true);
    String id = JsonValues.text(data, "task_id");
    if (id == null) {
      id = JsonValues.text(data, "id");
    }
    if (id == null) {
      throw problem(context, "it holds no task_id", null);
    }
    return taskId(id.strip(), context);
  }

  private Task readTask(JsonNode root, Context context) {
    JsonNode data = dataObject(root, context, false);
    String id = JsonValues.text(data, "id");
    if (id == null) {
      id = JsonValues.text(data, "task_id");
    }
    if (id == null) {
      throw problem(context, "the task has no id", null);
    }
    String rawStatus = JsonValues.text(data, "status");
    if (rawStatus == null) {
      throw problem(context, "the task has no status", null);
    }
    TaskStatus status = TaskStatus.fromWire(rawStatus);
    Integer progress = JsonValues.clampedInt(data.get("progress"), 0, 100);
    return Task.builder(taskId(id.strip(), context), status)
        .rawStatus(rawStatus)
        .progress(progress != null ? progress : (status == TaskStatus.COMPLETED ? 100 : 0))
        .images(images(data.get("result"), context))
        .createdAt(JsonValues.epochSeconds(data.get("created")))
        .completedAt(JsonValues.epochSeconds(data.get("completed")))
        .estimatedTime(JsonValues.seconds(data.get("estimated_time")))
        .actualTime(JsonValues.seconds(data.get("actual_time")))
        .error(taskError(data.get("error")))
        .cost(nonNegative(JsonValues.decimal(data.get("cost"))))
        .creditsCost(nonNegative(JsonValues.decimal(data.get("credits_cost"))))
        .build();
  }

  private static @Nullable BigDecimal nonNegative(@Nullable BigDecimal value) {
    return value == null || value.signum() < 0 ? null : value;
  }

  private Balance readBalance(JsonNode root, Context context) {
    JsonNode source = root;
    if (!root.has("remain_balance") && root.get("data") != null && root.get("data").isObject()) {
      source = root.get("data");
    }
    JsonNode unlimitedNode = source.get("unlimited_quota");
    Boolean unlimitedFlag =
        unlimitedNode != null && unlimitedNode.isBoolean() ? unlimitedNode.booleanValue() : null;
    BigDecimal remaining = JsonValues.decimal(source.get("remain_balance"));
    BigDecimal used = JsonValues.decimal(source.get("used_balance"));
    if (used == null) {
      throw problem(context, "it has no numeric used_balance", null);
    }
    boolean unlimited =
        Boolean.TRUE.equals(unlimitedFlag)
            || (unlimitedFlag == null
                && remaining != null
                && remaining.compareTo(BigDecimal.ONE.negate()) == 0);
    if (unlimited) {
      return Balance.unlimited(used);
    }
    if (remaining == null) {
      throw problem(context, "it has no numeric remain_balance", null);
    }
    return Balance.limited(remaining, used);
  }

  /** {@code data} as an object: the object itself, or the first element of an array. */
  private JsonNode dataObject(JsonNode root, Context context, boolean firstOfMany) {
    JsonNode data = root.get("data");
    if (data != null && data.isArray()) {
      if (data.isEmpty() || (!firstOfMany && data.size() > 1)) {
        throw problem(context, "expected one entry in \"data\" but found " + data.size(), null);
      }
      data = data.get(0);
    }
    if (data == null || !data.isObject()) {
      throw problem(context, "expected a \"data\" object but found " + describe(data), null);
    }
    return data;
  }

  private TaskId taskId(String id, Context context) {
    try {
      return new TaskId(id);
    } catch (IllegalArgumentException e) {
      throw problem(context, "the task id is not usable: " + e.getMessage(), e);
    }
  }

  private List<GeneratedImage> images(@Nullable JsonNode result, Context context) {
    if (result == null || !result.isObject()) {
      return List.of();
    }
    JsonNode images = result.get("images");
    if (images == null || !images.isArray()) {
      return List.of();
    }
    List<GeneratedImage> out = new ArrayList<>(images.size());
    for (JsonNode image : images) {
      if (image.isString()) {
        out.add(new GeneratedImage(imageUrl(image.stringValue(), context), null, null));
        continue;
      }
      if (!image.isObject()) {
        continue;
      }
      Instant expiresAt = JsonValues.epochSeconds(image.get("expires_at"));
      JsonNode url = image.get("url");
      if (url == null || url.isNull()) {
        continue;
      }
      if (url.isString()) {
        out.add(new GeneratedImage(imageUrl(url.stringValue(), context), expiresAt, null));
      } else if (url.isArray()) {
        for (JsonNode each : url) {
          if (!each.isString()) {
            throw problem(context, "an image url is " + describe(each) + ", not text", null);
          }
          out.add(new GeneratedImage(imageUrl(each.stringValue(), context), expiresAt, null));
        }
      } else {
        throw problem(context, "an image url is " + describe(url) + ", not text", null);
      }
    }
    return out;
  }

  private URI imageUrl(String text, Context context) {
    String trimmed = text.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw problem(context, "an image URL is malformed: " + e.getReason(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null
        || uri.getHost().isEmpty()) {
      throw problem(
          context,
          "an image URL is not an absolute http(s) URL: "
              + GeneratedImage.redact(uri)
              + (uri.getScheme() == null ? " (relative)" : ""),
          null);
    }
    return uri;
  }

  private static @Nullable TaskError taskError(@Nullable JsonNode error) {
    if (error == null) {
      return null;
    }
    if (error.isString()) {
      return error.stringValue().isBlank()
          ? null
          : new TaskError(null, ErrorMapper.redact(error.stringValue()));
    }
    if (!error.isObject() || error.isEmpty()) {
      return null;
    }
    String message = JsonValues.text(error, "message");
    if (message == null) {
      message = JsonValues.text(error, "msg");
    }
    if (message == null) {
      message = ErrorDetails.truncate(error.toString());
    }
    // The service's words reach logs and exception messages: no key or bearer token in them.
    return new TaskError(JsonValues.codeText(error.get("code")), ErrorMapper.redact(message));
  }

  private static String describe(@Nullable JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private static UnexpectedResponseException problem(
      Context context, String what, @Nullable Throwable cause) {
    return unexpected(
        context.status(),
        context.headers(),
        context.body(),
        "ApiMart's answer to "
            + context.operation()
            + " could not be used: "
            + what
            + " (HTTP "
            + context.status()
            + "). The raw body is kept in the exception (rawBody())",
        cause);
  }

  private static UnexpectedResponseException unexpected(
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      String message,
      @Nullable Throwable cause) {
    String raw = ErrorMapper.head(bodyText(body));
    return new UnexpectedResponseException(
        message,
        ErrorMapper.details(status, headers, null)
            .rawBody(raw.isEmpty() ? null : ErrorMapper.redact(raw))
            .build(),
        cause);
  }

  /** The start of a body as text for diagnostics; malformed UTF-8 shows as replacement chars. */
  private static String bodyText(byte[] body) {
    int length = Math.min(body.length, 4 * ErrorDetails.MAX_RAW_BODY_CHARS);
    return new String(body, 0, length, StandardCharsets.UTF_8);
  }
}
