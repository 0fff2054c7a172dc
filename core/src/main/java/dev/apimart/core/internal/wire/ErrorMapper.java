package dev.apimart.core.internal.wire;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.IdempotencyConflictException;
import dev.apimart.core.error.IdempotencyUnavailableException;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.PayloadTooLargeException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.error.UsageUnavailableException;
import dev.apimart.core.model.internal.Redaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Maps a failed answer to the typed exception for it: by HTTP status first, enriched with what the
 * error envelope says ({@code {"error":{"code","message","type"}}} or top-level {@code
 * message}/{@code msg}/{@code error} strings), and never failing on a body that is not JSON.
 */
final class ErrorMapper {

  private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.{1,200}?)</title>");
  private static final Pattern HTML_TAG = Pattern.compile("(?s)<[^>]{0,500}>");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern REQUEST_ID_IN_MESSAGE =
      Pattern.compile("(?i)request[ _-]?id[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9_.:\\-]{4,128})");

  /** Response headers that carry the service's request id, in the order they are trusted. */
  static final List<String> REQUEST_ID_HEADERS =
      List.of("x-request-id", "request-id", "x-correlation-id");

  private static final int MAX_MESSAGE_CHARS = 500;
  private static final int HEAD_CHARS = 2 * ErrorDetails.MAX_RAW_BODY_CHARS;

  private final ObjectMapper mapper;
  private final Redaction redaction;

  /**
   * @param redaction hides secrets in what people read: the server's message, the kept body and
   *     header values
   */
  ErrorMapper(ObjectMapper mapper, Redaction redaction) {
    this.mapper = mapper;
    this.redaction = redaction;
  }

  /** What an error answer said. */
  record ErrorInfo(
      @Nullable String message,
      @Nullable String type,
      @Nullable String code,
      @Nullable String requestId,
      boolean json,
      String rawText) {

    ErrorInfo(
        @Nullable String message,
        @Nullable String type,
        @Nullable String code,
        boolean json,
        String rawText) {
      this(message, type, code, null, json, rawText);
    }
  }

  ErrorInfo read(byte @Nullable [] body) {
    // Only the start of the body is kept; the whole of it is still parsed below.
    String raw =
        body == null
            ? ""
            : new String(body, 0, Math.min(body.length, HEAD_CHARS * 2), StandardCharsets.UTF_8);
    if (raw.isBlank()) {
      return new ErrorInfo(null, null, null, false, raw);
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException | IllegalArgumentException e) {
      return new ErrorInfo(null, null, null, false, raw);
    }
    return read(root, raw);
  }

  ErrorInfo read(@Nullable JsonNode root, String raw) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new ErrorInfo(null, null, null, false, raw);
    }
    if (root.isString()) {
      return new ErrorInfo(blankToNull(root.stringValue()), null, null, true, raw);
    }
    if (!root.isObject()) {
      return new ErrorInfo(null, null, null, true, raw);
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
    return new ErrorInfo(message, type, code, requestId, true, raw);
  }

  /**
   * The exception for an answer whose meaning is {@code effectiveStatus}: the HTTP status, or what
   * an error envelope inside a 2xx answer stands for.
   *
   * @param where how the status was learnt, for the message, e.g. {@code "(HTTP 401)"}
   * @param headers the answer's headers: the kept ones and the request id go into the details
   */
  ApiMartException map(
      int httpStatus,
      int effectiveStatus,
      String where,
      ErrorInfo info,
      Map<String, List<String>> headers,
      @Nullable Duration retryAfter,
      @Nullable String operation) {
    ErrorDetails details =
        details(httpStatus, headers, info)
            .serverMessage(redact(info.message()))
            .serverType(info.type())
            .serverCode(info.code())
            .rawBody(info.rawText().isEmpty() ? null : redact(head(info.rawText())))
            .build();
    String said = said(info);
    String idempotency = idempotencyCode(info);
    if (effectiveStatus == 409 && idempotency != null) {
      return idempotencyConflict(where, said, details, idempotency, retryAfter);
    }
    if (effectiveStatus == 503 && isCode(info, "usage_unavailable")) {
      return new UsageUnavailableException(
          "ApiMart could not compute usage just now "
              + where
              + said
              + ". This does not mean nothing was spent: ask again later"
              + (retryAfter == null ? "" : " (it asked to wait " + describe(retryAfter) + ")")
              + ", or check the balance",
          details,
          retryAfter);
    }
    if (effectiveStatus == 503 && "idempotency_unavailable".equals(idempotency)) {
      return new IdempotencyUnavailableException(
          "ApiMart could not check the submission's Idempotency-Key "
              + where
              + said
              + " and did not execute it: nothing was created or billed, and submitting again is"
              + " safe"
              + (retryAfter == null ? "" : "; it asked to wait " + describe(retryAfter)),
          details,
          retryAfter);
    }
    if (effectiveStatus == 400 || effectiveStatus == 422) {
      return new RequestRejectedException(
          "ApiMart refused the request as invalid "
              + where
              + said
              + ". Fix the request; sending it again unchanged will not help",
          details);
    }
    if (effectiveStatus == 413) {
      return new PayloadTooLargeException(
          "ApiMart refused the request body as too large "
              + where
              + said
              + ". Its documented limit for an uploaded image is 20 MB; a proxy in front of it may"
              + " allow less",
          details);
    }
    if (effectiveStatus == 401) {
      return new AuthenticationException(
          "ApiMart rejected the API key "
              + where
              + said
              + ". Check APIMART_API_KEY / apiKey(...): the key may be missing, mistyped or revoked",
          details);
    }
    if (effectiveStatus == 402) {
      return new InsufficientBalanceException(
          "ApiMart reports insufficient balance "
              + where
              + said
              + ". Top up the account, then submit again",
          details);
    }
    if (effectiveStatus == 403) {
      return new PermissionDeniedException(
          "ApiMart refused permission "
              + where
              + said
              + ". The key is valid but not allowed to do this (for example to use this model);"
              + " check the key's permissions in the ApiMart console",
          details);
    }
    if (effectiveStatus == 404) {
      return new NotFoundException(
          "ApiMart does not know "
              + (operation == null ? "what was asked for" : operation)
              + " "
              + where
              + said
              + ". Check the task id and the base URL",
          details);
    }
    if (effectiveStatus == 429) {
      return new RateLimitedException(
          "ApiMart is rate limiting this key "
              + where
              + said
              + (retryAfter == null
                  ? ". Slow down and retry later"
                  : ". It asked to wait " + describe(retryAfter) + " before retrying"),
          details,
          retryAfter);
    }
    if (effectiveStatus >= 500 && effectiveStatus <= 599) {
      return new ServerException(
          "ApiMart or a proxy in front of it failed "
              + where
              + said
              + ". This is usually temporary"
              + (retryAfter == null ? "" : "; it asked to wait " + describe(retryAfter)),
          details,
          retryAfter);
    }
    return new UnexpectedResponseException(
        "ApiMart answered with an unexpected status " + where + said, details, null);
  }

  /**
   * Details holding the response metadata: status, kept headers (values redacted) and the request
   * id — from a header, else from the error body.
   */
  ErrorDetails.Builder details(
      int httpStatus, Map<String, List<String>> headers, @Nullable ErrorInfo info) {
    Map<String, List<String>> safe = new LinkedHashMap<>();
    String fromHeader = null;
    Map<String, String> lowerNames = new HashMap<>();
    headers.forEach(
        (name, values) -> {
          if (name != null && values != null && ErrorDetails.isKeptHeader(name)) {
            List<String> redacted = new ArrayList<>(values.size());
            for (String value : values) {
              if (value != null) {
                redacted.add(redaction.headerValue(name, value));
              }
            }
            safe.put(name, redacted);
            lowerNames.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
          }
        });
    for (String candidate : REQUEST_ID_HEADERS) {
      String name = lowerNames.get(candidate);
      List<String> values = name == null ? null : safe.get(name);
      if (values != null && !values.isEmpty() && !values.get(0).isBlank()) {
        fromHeader = values.get(0).strip();
        break;
      }
    }
    String requestId = fromHeader != null ? fromHeader : info == null ? null : info.requestId();
    return ErrorDetails.builder()
        .status(httpStatus)
        .headers(safe)
        .requestId(requestId == null ? null : redaction.text(requestId));
  }

  private static boolean isCode(ErrorInfo info, String word) {
    for (String candidate : new String[] {info.code(), info.type()}) {
      if (candidate != null && candidate.strip().equalsIgnoreCase(word)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code idempotency_*} word of the error's code or type, lower case, or {@code null}. */
  static @Nullable String idempotencyCode(ErrorInfo info) {
    for (String candidate : new String[] {info.code(), info.type()}) {
      if (candidate != null) {
        String word = candidate.strip().toLowerCase(Locale.ROOT);
        if (word.startsWith("idempotency_")) {
          return word;
        }
      }
    }
    return null;
  }

  private static IdempotencyConflictException idempotencyConflict(
      String where,
      String said,
      ErrorDetails details,
      @Nullable String code,
      @Nullable Duration retryAfter) {
    IdempotencyConflictException.Reason reason;
    String advice;
    if ("idempotency_in_progress".equals(code)) {
      reason = IdempotencyConflictException.Reason.IN_PROGRESS;
      advice =
          ". The first submission with this Idempotency-Key is still being executed; ask again with"
              + " the same key"
              + (retryAfter == null ? " later" : " after " + describe(retryAfter))
              + " (it cannot create a second task)";
    } else if ("idempotency_key_reused".equals(code)) {
      reason = IdempotencyConflictException.Reason.KEY_REUSED;
      advice =
          ". This Idempotency-Key was used before for a different request, so this one was not"
              + " executed; submit it with a new key";
    } else if ("idempotency_result_indeterminate".equals(code)) {
      reason = IdempotencyConflictException.Reason.RESULT_INDETERMINATE;
      advice =
          ". ApiMart cannot tell whether the first submission with this Idempotency-Key created a"
              + " task; check your recent tasks and balance before submitting with a new key";
    } else {
      reason = IdempotencyConflictException.Reason.OTHER;
      advice = ". The SDK does not know this idempotency conflict; nothing was retried";
    }
    return new IdempotencyConflictException(
        "ApiMart answered with a conflict " + where + said + advice, details, reason, retryAfter);
  }

  /** An error envelope's status from its {@code type} when it carries no usable code. */
  static int statusForType(@Nullable String type) {
    if (type == null) {
      return 0;
    }
    return switch (type.strip().toLowerCase(Locale.ROOT)) {
      case "invalid_request_error", "invalid_request", "validation_error" -> 400;
      case "authentication_error", "invalid_api_key", "unauthorized" -> 401;
      case "insufficient_quota", "insufficient_balance", "insufficient_user_quota" -> 402;
      case "permission_error", "permission_denied", "forbidden" -> 403;
      case "not_found_error", "not_found" -> 404;
      case "rate_limit_error", "rate_limit_exceeded" -> 429;
      case "server_error", "api_error", "internal_error", "service_unavailable" -> 500;
      default -> 0;
    };
  }

  private String said(ErrorInfo info) {
    if (info.message() != null) {
      return ": " + shorten(redact(info.message()));
    }
    if (info.rawText().isBlank()) {
      return " with an empty body";
    }
    if (!info.json()) {
      return ": the answer was not JSON, probably from a proxy in front of ApiMart ("
          + shorten(redact(summarizeNonJson(head(info.rawText()))))
          + ")";
    }
    return " without a message";
  }

  /** A short human summary of a non-JSON body: an HTML page's title, or its first words. */
  static String summarizeNonJson(String raw) {
    Matcher title = HTML_TITLE.matcher(raw);
    if (title.find()) {
      return "HTML page \"" + WHITESPACE.matcher(title.group(1)).replaceAll(" ").strip() + "\"";
    }
    String text = HTML_TAG.matcher(raw).replaceAll(" ");
    return WHITESPACE.matcher(text).replaceAll(" ").strip();
  }

  /** Text for people with every secret hidden (see {@link Redaction}). */
  @Nullable String redact(@Nullable String text) {
    return redaction.text(text);
  }

  /**
   * The start of a body: enough for the truncated copy kept in exceptions and for a summary, so a
   * huge body costs no more than a small one.
   */
  static String head(String text) {
    return text.length() <= HEAD_CHARS ? text : text.substring(0, HEAD_CHARS);
  }

  private static String shorten(@Nullable String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  private static String describe(Duration d) {
    if (d.getNano() == 0 && d.getSeconds() < 1_000_000) {
      return d.getSeconds() + " s";
    }
    return d.toString();
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
