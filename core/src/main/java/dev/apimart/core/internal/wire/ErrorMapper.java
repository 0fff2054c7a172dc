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

/**
 * Maps a failed answer to the typed exception for it: by HTTP status first, enriched with what the
 * error envelope says (read by {@link ErrorEnvelope}), and never failing on a body that is not
 * JSON. The server's words, the kept body and header values are text for people: secrets are hidden
 * in them by the redaction policy.
 */
final class ErrorMapper {

  private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.{1,200}?)</title>");
  private static final Pattern HTML_TAG = Pattern.compile("(?s)<[^>]{0,500}>");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /** Response headers that carry the service's request id, in the order they are trusted. */
  static final List<String> REQUEST_ID_HEADERS =
      List.of("x-request-id", "request-id", "x-correlation-id");

  private static final int MAX_MESSAGE_CHARS = 500;
  static final int HEAD_CHARS = 2 * ErrorDetails.MAX_RAW_BODY_CHARS;

  private final Redaction redaction;

  /**
   * @param redaction hides secrets in what people read: the server's message, the kept body and
   *     header values
   */
  ErrorMapper(Redaction redaction) {
    this.redaction = redaction;
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
      ErrorEnvelope info,
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
      int httpStatus, Map<String, List<String>> headers, @Nullable ErrorEnvelope info) {
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

  private static boolean isCode(ErrorEnvelope info, String word) {
    for (String candidate : new String[] {info.code(), info.type()}) {
      if (candidate != null && candidate.strip().equalsIgnoreCase(word)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code idempotency_*} word of the error's code or type, lower case, or {@code null}. */
  static @Nullable String idempotencyCode(ErrorEnvelope info) {
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

  private String said(ErrorEnvelope info) {
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
}
