package dev.apimart.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake's own JSON reading and writing (deliberately not the client's codec in {@code
 * dev.apimart.core.internal.wire}: the fake is the oracle that catches the client's mistakes).
 * Parsing is bounded so a hostile body cannot exhaust memory, rejects duplicate keys and trailing
 * garbage.
 */
public final class JsonSupport {

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxNumberLength(64)
                          .maxStringLength(1 << 20)
                          .maxNameLength(256)
                          .build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private JsonSupport() {}

  /**
   * Parses a body.
   *
   * @throws JsonProblem with a one-line reason a person can act on
   */
  public static JsonNode parse(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new JsonProblem(oneLine(e.getOriginalMessage()));
    }
  }

  /** A new, empty JSON object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Writes a node as UTF-8 bytes. */
  public static byte[] write(JsonNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  /** {@code {"error": {"code": code, "message": …, "type": "idempotency_error", "request_id"}}}. */
  public static byte[] idempotencyEnvelope(String code, String message) {
    ObjectNode root = object();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error.put("type", "idempotency_error");
    error.put("request_id", nextRequestId());
    return write(root);
  }

  /**
   * A request id for an error answer, as ApiMart puts one in its error envelopes ({@code
   * req_fake_000001}, counting per JVM), so that code reading {@code details().requestId()} can be
   * tested against the fake.
   */
  private static String nextRequestId() {
    return String.format(java.util.Locale.ROOT, "req_fake_%06d", REQUEST_IDS.incrementAndGet());
  }

  private static final java.util.concurrent.atomic.AtomicLong REQUEST_IDS =
      new java.util.concurrent.atomic.AtomicLong();

  /** An upload's answer: {@code {"url","filename","content_type","bytes","created_at"}}. */
  public static byte[] uploadAnswer(dev.apimart.testkit.FakeUpload upload) {
    ObjectNode root = object();
    root.put("url", upload.url().toString());
    root.put("filename", upload.fileName());
    root.put("content_type", upload.contentType());
    root.put("bytes", upload.bytes());
    root.put("created_at", upload.createdAt().getEpochSecond());
    return write(root);
  }

  /**
   * The service's error envelope: {@code {"error":{"code":…,"message":…,"type":…,"request_id":…}}}.
   */
  public static byte[] errorEnvelope(int status, String message, String type) {
    ObjectNode root = object();
    ObjectNode error = root.putObject("error");
    error.put("code", status);
    error.put("message", message);
    error.put("type", type);
    error.put("request_id", nextRequestId());
    return write(root);
  }

  /**
   * Reads text as a JSON object of plain Java values.
   *
   * @throws IllegalStateException when it is not a JSON object
   */
  public static Map<String, @Nullable Object> toPlainObject(String text) {
    if (text.isBlank()) {
      throw new IllegalStateException("body is empty, not valid JSON");
    }
    JsonNode node;
    try {
      node = parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (JsonProblem e) {
      throw new IllegalStateException("body is not valid JSON: " + e.getMessage(), e);
    }
    if (!node.isObject()) {
      throw new IllegalStateException("body is not a JSON object but " + describe(node));
    }
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) toPlain(node);
    return map;
  }

  private static @Nullable Object toPlain(JsonNode node) {
    if (node.isObject()) {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        map.put(e.getKey(), toPlain(e.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<@Nullable Object> list = new ArrayList<>();
      for (JsonNode element : node.values()) {
        list.add(toPlain(element));
      }
      return list;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isInt()) {
      return node.intValue();
    }
    if (node.isLong()) {
      return node.longValue();
    }
    if (node.isBigInteger()) {
      return node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return null;
  }

  /** A JSON type name for messages: "a string", "an array", … */
  public static String describe(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      return "a string";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a decimal number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "no value";
  }

  private static String oneLine(@Nullable String message) {
    if (message == null) {
      return "unreadable JSON";
    }
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  /** The body is not JSON; the message says where and why. */
  public static final class JsonProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonProblem(String message) {
      super(message, null, false, false);
    }
  }
}
