package dev.apimart.core.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What an error answer said, read leniently: {@code {"error":{"code","message","type"}}} (also
 * {@code msg}, {@code error_message}, {@code detail}, a nested {@code error} string), top-level
 * {@code message}/{@code msg}/{@code error} strings, a request id in the body or in the words; a
 * body that is not JSON keeps only its text. Never fails.
 *
 * @param message the server's words, not yet redacted (the mapper hides secrets when it shows them)
 * @param rawText the start of the body as text
 */
record ErrorEnvelope(
    @Nullable String message,
    @Nullable String type,
    @Nullable String code,
    @Nullable String requestId,
    boolean json,
    String rawText) {

  ErrorEnvelope(
      @Nullable String message,
      @Nullable String type,
      @Nullable String code,
      boolean json,
      String rawText) {
    this(message, type, code, null, json, rawText);
  }

  private static final Pattern REQUEST_ID_IN_MESSAGE =
      Pattern.compile("(?i)request[ _-]?id[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9_.:\\-]{4,128})");

  static ErrorEnvelope read(byte @Nullable [] body) {
    // Only the start of the body is kept; the whole of it is still parsed below.
    String raw =
        body == null
            ? ""
            : new String(
                body, 0, Math.min(body.length, ErrorMapper.HEAD_CHARS * 2), StandardCharsets.UTF_8);
    if (raw.isBlank()) {
      return new ErrorEnvelope(null, null, null, false, raw);
    }
    JsonNode root;
    try {
      root = WireJson.MAPPER.readTree(body);
    } catch (JacksonException | IllegalArgumentException e) {
      return new ErrorEnvelope(null, null, null, false, raw);
    }
    return read(root, raw);
  }

  static ErrorEnvelope read(@Nullable JsonNode root, String raw) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new ErrorEnvelope(null, null, null, false, raw);
    }
    if (root.isString()) {
      return new ErrorEnvelope(blankToNull(root.stringValue()), null, null, true, raw);
    }
    if (!root.isObject()) {
      return new ErrorEnvelope(null, null, null, true, raw);
    }
    String message = null;
    String type = null;
    String code = null;
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      message = firstText(error, "message", "msg", "error_message", "detail");
      type = JsonValues.text(error, "type");
      code = JsonValues.codeText(error.get("code"));
      if (message == null) {
        JsonNode nested = error.get("error");
        message = nested != null && nested.isString() ? blankToNull(nested.stringValue()) : null;
      }
    } else if (error != null && error.isString()) {
      message = blankToNull(error.stringValue());
    }
    if (message == null) {
      message = firstText(root, "message", "msg", "error_message", "detail");
    }
    if (type == null) {
      type = JsonValues.text(root, "type");
    }
    if (code == null) {
      code = JsonValues.codeText(root.get("code"));
    }
    String requestId = null;
    if (error != null && error.isObject()) {
      requestId = firstText(error, "request_id", "requestId");
    }
    if (requestId == null) {
      requestId = firstText(root, "request_id", "requestId");
    }
    if (requestId == null && message != null) {
      // One measured answer puts it only in the words: "invalid API key (request id: …)".
      Matcher inMessage = REQUEST_ID_IN_MESSAGE.matcher(message);
      if (inMessage.find()) {
        requestId = inMessage.group(1);
      }
    }
    return new ErrorEnvelope(message, type, code, requestId, true, raw);
  }

  private static @Nullable String firstText(JsonNode object, String... names) {
    for (String name : names) {
      String value = JsonValues.text(object, name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
