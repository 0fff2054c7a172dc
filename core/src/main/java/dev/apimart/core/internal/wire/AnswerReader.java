package dev.apimart.core.internal.wire;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.model.internal.Redaction;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What every answer goes through before a decoder reads its fields: a failed status becomes the
 * typed exception, the body must be strict UTF-8 holding one JSON object, and an error envelope
 * inside a 2xx answer is a failure too. Anything unusable ends in {@link
 * UnexpectedResponseException} with the raw body kept — redacted, as every text for people is; the
 * values decoders read are never redacted.
 */
final class AnswerReader {

  private static final Pattern INVALID_TASK_ID =
      Pattern.compile(
          "invalid[ _-]?task[ _-]?id|task[ _-]?not[ _-]?(found|exist)", Pattern.CASE_INSENSITIVE);

  /** Reads the fields of an answer that passed the checks. */
  interface Reader<T> {
    T read(JsonNode root, Answer answer);
  }

  private final ErrorMapper errorMapper;
  private final RetryAfterParser retryAfterParser;
  private final Redaction redaction;

  AnswerReader(ErrorMapper errorMapper, RetryAfterParser retryAfterParser, Redaction redaction) {
    this.errorMapper = errorMapper;
    this.retryAfterParser = retryAfterParser;
    this.redaction = redaction;
  }

  <T> T decode(
      int status,
      @Nullable Map<String, List<String>> headers,
      byte @Nullable [] body,
      Exchange exchange,
      Reader<T> reader) {
    byte[] bytes = body == null ? new byte[0] : body;
    Map<String, List<String>> safeHeaders = headers == null ? Map.of() : headers;
    if (status < 200 || status > 299) {
      if (status == 400 && exchange == Exchange.TASK) {
        throw unknownTaskOr(safeHeaders, bytes);
      }
      throw errorFor(status, safeHeaders, bytes);
    }
    Answer answer = new Answer(status, safeHeaders, bytes, exchange, this);
    if (bytes.length == 0) {
      throw answer.problem("the body was empty", null);
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
      throw answer.problem("the body is not valid JSON: it is not valid UTF-8", e);
    }
    JsonNode root;
    try {
      root = WireJson.MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw answer.problem("the body is not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IllegalArgumentException e) {
      // A number BigDecimal cannot hold (1E9999999999) fails outside Jackson's exception types.
      throw answer.problem("the body is not valid JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw answer.problem("expected a JSON object but got " + WireJson.describe(root), null);
    }
    rejectErrorEnvelope(root, answer);
    try {
      return reader.read(root, answer);
    } catch (ApiMartException e) {
      throw e;
    } catch (RuntimeException e) {
      // A last line of defence: whatever slipped past the checks still ends in a typed error.
      throw answer.problem("it could not be read (" + e + ")", e);
    }
  }

  /** See {@link WireCodec#errorFor}. */
  ApiMartException errorFor(int status, Map<String, List<String>> headers, byte @Nullable [] body) {
    try {
      return errorMapper.map(
          status,
          status,
          "(HTTP " + status + ")",
          ErrorEnvelope.read(body),
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
      ErrorEnvelope info = ErrorEnvelope.read(body);
      String text = (info.message() == null ? "" : info.message()) + " " + info.rawText();
      if (INVALID_TASK_ID.matcher(text).find()) {
        return errorMapper.map(
            400,
            404,
            "(HTTP 400 \"invalid task ID\")",
            info,
            headers,
            retryAfter(headers).orElse(null),
            Exchange.TASK.description());
      }
    } catch (RuntimeException e) {
      // fall through to the ordinary mapping, which keeps the raw body
    }
    return errorFor(400, headers, body);
  }

  /** See {@link WireCodec#retryAfter}. */
  Optional<Duration> retryAfter(@Nullable Map<String, List<String>> headers) {
    return retryAfterParser.parse(headers);
  }

  private void rejectErrorEnvelope(JsonNode root, Answer answer) {
    boolean balance = answer.exchange() == Exchange.BALANCE;
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
    ErrorEnvelope info = ErrorEnvelope.read(root, bodyText(answer.body()));
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
      throw answer.problem(
          "it reports an error" + (info.message() == null ? "" : ": " + info.message()), null);
    }
    throw errorMapper.map(
        answer.status(),
        effective,
        "(" + where + " in an HTTP " + answer.status() + " answer)",
        info,
        answer.headers(),
        retryAfter(answer.headers()).orElse(null),
        answer.exchange().description());
  }

  /**
   * The exception for an answer that could not be used; its message and the kept start of the body
   * are text for people, so secrets are hidden in both.
   */
  UnexpectedResponseException unexpected(
      int status,
      Map<String, List<String>> headers,
      byte[] body,
      String message,
      @Nullable Throwable cause) {
    String raw = ErrorMapper.head(bodyText(body));
    return new UnexpectedResponseException(
        redaction.text(message),
        errorMapper
            .details(status, headers, null)
            .rawBody(raw.isEmpty() ? null : redaction.text(raw))
            .build(),
        cause);
  }

  /** The start of a body as text for diagnostics; malformed UTF-8 shows as replacement chars. */
  static String bodyText(byte[] body) {
    int length = Math.min(body.length, 4 * ErrorDetails.MAX_RAW_BODY_CHARS);
    return new String(body, 0, length, StandardCharsets.UTF_8);
  }
}
