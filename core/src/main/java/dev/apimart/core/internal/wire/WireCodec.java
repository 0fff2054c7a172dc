package dev.apimart.core.internal.wire;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.core.model.Usage;
import dev.apimart.core.model.internal.Redaction;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
 * <p>A facade over the codec's parts, each with one job: {@link RequestEncoder} writes requests,
 * {@link AnswerReader} checks every answer (status, UTF-8, JSON object, error envelope) and maps
 * failures with {@link ErrorMapper} from what {@link ErrorEnvelope} reads, {@link TaskDecoder}
 * reads task answers, {@link AccountDecoder} balance, usage and upload answers, {@link
 * LenientValues} values given as text; {@link WireJson} holds the bounded JSON reader they share.
 * Secrets are hidden by the one {@link Redaction} policy, only in text meant for people (messages,
 * kept bodies, the service's words), never in decoded values.
 *
 * <p>Immutable and thread-safe; create one per client. Input is bounded (nesting depth 64, strings
 * of 1 MiB, numbers of 200 digits, documents of 16 MiB) so a hostile or broken answer cannot
 * exhaust memory or the stack.
 */
public final class WireCodec {

  private final AnswerReader answers;
  private final TaskDecoder tasks;
  private final AccountDecoder account;

  private WireCodec(Clock clock, Redaction redaction) {
    this.answers =
        new AnswerReader(new ErrorMapper(redaction), new RetryAfterParser(clock), redaction);
    this.tasks = new TaskDecoder(redaction);
    this.account = new AccountDecoder(clock);
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
   * A codec that also hides the given secrets (the API key) wherever an answer echoes them in text
   * meant for people — an exception message, a kept body, the service's words — whatever their
   * shape; decoded values (a task id, an image URL) are never rewritten. A secret shorter than
   * {@link Redaction#MIN_LITERAL_SECRET_LENGTH} characters is no real key and is ignored.
   *
   * @param clock the clock against which {@code Retry-After} HTTP-dates are turned into waits
   * @param secrets texts that must never come out of the codec; blank ones are ignored
   */
  public static WireCodec create(Clock clock, Collection<String> secrets) {
    Objects.requireNonNull(clock, "clock");
    return new WireCodec(clock, Redaction.withSecrets(secrets));
  }

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
    return RequestEncoder.encode(request);
  }

  /**
   * Reads a text as a JSON value when it is one — {@code 42}, {@code true}, {@code "x"}, {@code
   * [1,2]}, {@code {"hdr":true}}, {@code null} — and otherwise takes it as plain text, the way
   * command lines and configuration give values. Numbers come back as {@link Long} when whole and
   * small enough, else {@link BigDecimal}; objects as ordered maps; arrays as lists.
   */
  public static @Nullable Object parseLenientValue(String text) {
    return LenientValues.parse(text);
  }

  /**
   * The task id from the answer to {@code POST /v1/images/generations}: {@code {"code":200,
   * "data":[{"status":"submitted","task_id":"…"}]}} ({@code data} may also be a single object).
   *
   * @throws ApiMartException the typed error for a non-2xx status or an error envelope; {@link
   *     UnexpectedResponseException} when no safe task id can be read
   */
  public TaskId decodeSubmission(int status, Map<String, List<String>> headers, byte[] body) {
    return answers.decode(status, headers, body, Exchange.SUBMISSION, tasks::readSubmission);
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
    return answers.decode(status, headers, body, Exchange.TASK, tasks::readTask);
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
    return answers.decode(status, headers, body, Exchange.BALANCE, account::readBalance);
  }

  /**
   * Decodes the answer to {@code POST /v1/uploads/images}: {@code {"url", "filename",
   * "content_type", "bytes", "created_at"}} (also inside a {@code data} object); the URL must be an
   * absolute http(s) URL. Without {@code created_at} the upload counts as made now; the expiry is
   * an {@code expires_at} when the service sends one, else 72 hours after creation (documented).
   */
  public UploadedImage decodeUpload(int status, Map<String, List<String>> headers, byte[] body) {
    return answers.decode(status, headers, body, Exchange.UPLOAD, account::readUpload);
  }

  /**
   * Decodes the answer to {@code GET /v1/usage}, leniently (its shape is known only from
   * third-party notes): totals from a {@code total} object, a {@code data} object, or the top level
   * ({@code cost}/{@code total_cost}, {@code credits_cost}, {@code tasks}, {@code images}); groups
   * from a {@code data}/{@code groups}/{@code items} array, each entry's text fields being its
   * keys. A figure that is absent stays empty. {@code X-Usage-Cache: HIT} marks a cached answer.
   */
  public Usage decodeUsage(int status, Map<String, List<String>> headers, byte[] body) {
    Usage usage = answers.decode(status, headers, body, Exchange.USAGE, account::readUsage);
    return AccountDecoder.withCacheMark(usage, headers);
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
    return answers.errorFor(status, headers, body);
  }

  /**
   * The wait a {@code Retry-After} header asks for: delta-seconds (fractions tolerated) or an
   * HTTP-date, relative to this codec's clock; a date in the past is {@link Duration#ZERO}. Header
   * names match in any case. Not clamped: the retry engine bounds it.
   *
   * @return the wait, or empty when the header is absent or unreadable
   */
  public Optional<Duration> retryAfter(Map<String, List<String>> headers) {
    return answers.retryAfter(headers);
  }
}
