package dev.apimart.core.internal.http;

import dev.apimart.core.internal.retry.OperationKind;
import dev.apimart.core.internal.retry.RetryEngine;
import dev.apimart.core.internal.upload.UploadBody;
import dev.apimart.core.internal.wire.WireCodec;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.core.model.Usage;
import dev.apimart.core.model.UsageQuery;
import dev.apimart.core.model.internal.Redaction;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.RequestBody;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApiMart calls — submit, task status, balance, usage, upload — sync and async, each under the
 * retry engine with its operation kind. Headers: {@code Authorization: Bearer}, {@code Accept} (and
 * for the submission {@code Content-Type}) JSON, and the SDK's {@code User-Agent}. Only the method
 * and the URL without query string are logged, never a header. Thread-safe.
 */
public final class ApiCalls {

  private static final Logger LOG = LoggerFactory.getLogger(ApiCalls.class);
  private static final String JSON = "application/json";

  /** The header carrying a submission's idempotency key (lower case, as the port wants it). */
  public static final String IDEMPOTENCY_KEY = "idempotency-key";

  /** The answer header carrying the service's id for the exchange. */
  static final String REQUEST_ID = "x-request-id";

  private final URI baseUrl;
  private final String authorization;
  private final @Nullable Language language;
  private final Duration requestTimeout;
  private final String userAgent;
  private final HttpTransport transport;
  private final WireCodec codec;
  private final RetryEngine retry;
  private final Clock clock;
  private final @Nullable Consumer<Map<String, List<String>>> extraHeaders;

  /**
   * @param baseUrl e.g. {@code https://api.apimart.ai}, without trailing slash
   * @param apiKey the key, sent as a bearer token and nowhere else
   * @param language language of the service's task messages, or {@code null} for its default
   * @param requestTimeout how long one exchange may take
   * @param userAgent the {@code User-Agent} sent
   * @param transport moves the bytes
   * @param codec reads and writes JSON
   * @param retry repeats failed attempts
   * @param clock measures exchanges for the log
   */
  public ApiCalls(
      URI baseUrl,
      String apiKey,
      @Nullable Language language,
      Duration requestTimeout,
      String userAgent,
      HttpTransport transport,
      WireCodec codec,
      RetryEngine retry,
      Clock clock) {
    this(
        baseUrl, apiKey, language, requestTimeout, userAgent, transport, codec, retry, clock, null);
  }

  /**
   * Like the other constructor, with headers added to every request.
   *
   * @param extraHeaders adds headers to a request's (lower-case) header map, once per call; it is
   *     trusted to add only, never to read or replace (the client's request hook adapter)
   */
  public ApiCalls(
      URI baseUrl,
      String apiKey,
      @Nullable Language language,
      Duration requestTimeout,
      String userAgent,
      HttpTransport transport,
      WireCodec codec,
      RetryEngine retry,
      Clock clock,
      @Nullable Consumer<Map<String, List<String>>> extraHeaders) {
    this.extraHeaders = extraHeaders;
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    this.authorization = "Bearer " + Objects.requireNonNull(apiKey, "apiKey");
    this.language = language;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Submits a (validated) request; returns the new task's id. Every attempt carries the same {@code
   * Idempotency-Key}.
   *
   * @param idempotencyKey the key of this logical submission, or {@code null} to send none
   * @param keyHonoured whether the service is known to honour the key for the request's model: then
   *     a submission whose answer was lost is sent again with the same key
   */
  public Submitted submit(
      GenerationRequest request, @Nullable String idempotencyKey, boolean keyHonoured) {
    TransportRequest http = submitRequest(request, idempotencyKey);
    AtomicInteger attempts = new AtomicInteger();
    return retry.call(
        submitKind(idempotencyKey, keyHonoured),
        describe(http),
        () -> {
          attempts.incrementAndGet();
          try (TransportResponse r = send(http)) {
            return submitted(r, attempts.get());
          }
        },
        null,
        idempotencyKey);
  }

  /** Submits a (validated) request without blocking; see {@link #submit}. */
  public CompletableFuture<Submitted> submitAsync(
      GenerationRequest request, @Nullable String idempotencyKey, boolean keyHonoured) {
    TransportRequest http = submitRequest(request, idempotencyKey);
    AtomicInteger attempts = new AtomicInteger();
    return retry.callAsync(
        submitKind(idempotencyKey, keyHonoured),
        describe(http),
        () -> {
          int attempt = attempts.incrementAndGet();
          return exchangeAsync(http, r -> submitted(r, attempt));
        },
        null,
        idempotencyKey);
  }

  /**
   * A submission's outcome: the new task, how many times the submission was sent, and the answer's
   * {@code x-request-id} when the service gave one.
   */
  public record Submitted(TaskId taskId, int attempts, @Nullable String requestId) {}

  private Submitted submitted(TransportResponse r, int attempts) {
    TaskId id = codec.decodeSubmission(r.status(), r.headers(), r.bodyBytes());
    String requestId = r.header(REQUEST_ID);
    if (requestId != null) {
      requestId = requestId.isBlank() ? null : requestId.strip();
    }
    return new Submitted(id, attempts, requestId);
  }

  private static OperationKind submitKind(@Nullable String idempotencyKey, boolean keyHonoured) {
    return idempotencyKey != null && keyHonoured
        ? OperationKind.SUBMIT_WITH_HONOURED_KEY
        : OperationKind.SUBMIT;
  }

  /**
   * Reads a task's status.
   *
   * @param deadline no retry is scheduled after this, or {@code null}
   */
  public Task getTask(TaskId id, @Nullable Instant deadline) {
    TransportRequest http = taskRequest(id);
    return retry.call(
        OperationKind.GET_TASK,
        describe(http),
        () -> {
          try (TransportResponse r = send(http)) {
            return codec.decodeTask(r.status(), r.headers(), r.bodyBytes());
          }
        },
        deadline);
  }

  /** Reads a task's status without blocking. */
  public CompletableFuture<Task> getTaskAsync(TaskId id, @Nullable Instant deadline) {
    TransportRequest http = taskRequest(id);
    return retry.callAsync(
        OperationKind.GET_TASK,
        describe(http),
        () -> exchangeAsync(http, r -> codec.decodeTask(r.status(), r.headers(), r.bodyBytes())),
        deadline);
  }

  /**
   * Uploads a prepared multipart body to {@code POST /v1/uploads/images}. An upload creates nothing
   * billable, so it is retried like a read.
   *
   * <p>The body is released when the upload ends, whatever the outcome (a stream spooled to a
   * temporary file deletes it), so it must not be used again.
   *
   * @param body the multipart body, streamed from its file on every attempt
   * @param contentType its {@code Content-Type}, with the boundary
   */
  public UploadedImage upload(UploadBody body, String contentType) {
    try (body) {
      TransportRequest http = uploadRequest(body.requestBody(), contentType);
      return retry.call(
          OperationKind.UPLOAD,
          describe(http),
          () -> {
            try (TransportResponse r = send(http)) {
              return codec.decodeUpload(r.status(), r.headers(), r.bodyBytes());
            }
          },
          null);
    }
  }

  /** Uploads without blocking; see {@link #upload}. */
  public CompletableFuture<UploadedImage> uploadAsync(UploadBody body, String contentType) {
    CompletableFuture<UploadedImage> result;
    try {
      TransportRequest http = uploadRequest(body.requestBody(), contentType);
      result =
          retry.callAsync(
              OperationKind.UPLOAD,
              describe(http),
              () ->
                  exchangeAsync(
                      http, r -> codec.decodeUpload(r.status(), r.headers(), r.bodyBytes())),
              null);
    } catch (RuntimeException e) {
      body.close();
      throw e;
    }
    result.whenComplete((value, failure) -> body.close());
    return result;
  }

  TransportRequest uploadRequest(RequestBody body, String contentType) {
    return TransportRequest.builder()
        .method("POST")
        .uri(resolve("/v1/uploads/images"))
        .headers(headers(false))
        .header("content-type", contentType)
        .body(body)
        .timeout(uploadTimeout(body.contentLength()))
        .build();
  }

  /**
   * The request timeout, stretched for a large file: at least the configured timeout, plus one
   * second per 256 KiB (a 20 MB file may take well over a minute on a slow uplink).
   */
  private Duration uploadTimeout(long bytes) {
    return requestTimeout.plusSeconds(bytes / (256L * 1024));
  }

  /** Reads usage ({@code GET /v1/usage}); free and idempotent. */
  public Usage usage(UsageQuery query) {
    TransportRequest http = usageRequest(query);
    return retry.call(
        OperationKind.USAGE,
        describe(http),
        () -> {
          try (TransportResponse r = send(http)) {
            return codec.decodeUsage(r.status(), r.headers(), r.bodyBytes());
          }
        },
        null);
  }

  /** Reads usage without blocking. */
  public CompletableFuture<Usage> usageAsync(UsageQuery query) {
    TransportRequest http = usageRequest(query);
    return retry.callAsync(
        OperationKind.USAGE,
        describe(http),
        () -> exchangeAsync(http, r -> codec.decodeUsage(r.status(), r.headers(), r.bodyBytes())),
        null);
  }

  TransportRequest usageRequest(UsageQuery query) {
    StringBuilder path =
        new StringBuilder("/v1/usage?start=")
            .append(query.from())
            .append("&end=")
            .append(query.to());
    query.model().ifPresent(m -> path.append("&model=").append(encode(m)));
    query.groupBy().ifPresent(g -> path.append("&group_by=").append(encode(g)));
    query.timeZone().ifPresent(z -> path.append("&tz=").append(encode(z.getId())));
    query.scope().ifPresent(s -> path.append("&scope=").append(s.wireValue()));
    return get(path.toString());
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  /** Reads the key's balance. */
  public Balance balance() {
    return readBalance(balanceRequest());
  }

  /** Reads the key's balance without blocking. */
  public CompletableFuture<Balance> balanceAsync() {
    return readBalanceAsync(balanceRequest());
  }

  /**
   * Reads the whole account's balance ({@code GET /v1/user/balance}): the same shape as the key's,
   * retried like it.
   */
  public Balance userBalance() {
    return readBalance(userBalanceRequest());
  }

  /** Reads the whole account's balance without blocking. */
  public CompletableFuture<Balance> userBalanceAsync() {
    return readBalanceAsync(userBalanceRequest());
  }

  private Balance readBalance(TransportRequest http) {
    return retry.call(
        OperationKind.BALANCE,
        describe(http),
        () -> {
          try (TransportResponse r = send(http)) {
            return codec.decodeBalance(r.status(), r.headers(), r.bodyBytes());
          }
        },
        null);
  }

  private CompletableFuture<Balance> readBalanceAsync(TransportRequest http) {
    return retry.callAsync(
        OperationKind.BALANCE,
        describe(http),
        () -> exchangeAsync(http, r -> codec.decodeBalance(r.status(), r.headers(), r.bodyBytes())),
        null);
  }

  /**
   * The submission exactly as {@link #submit} sends it, for a preview: nothing is sent.
   *
   * @param idempotencyKey the key to carry, or {@code null} for none
   */
  public TransportRequest submissionRequest(
      GenerationRequest request, @Nullable String idempotencyKey) {
    return submitRequest(request, idempotencyKey);
  }

  private TransportResponse send(TransportRequest request) {
    Instant start = clock.instant();
    TransportResponse response = transport.execute(request);
    log(request, response, start);
    return response;
  }

  /**
   * Sends a request without blocking and decodes its answer. Cancelling the returned future cancels
   * the transport's exchange too (a derived future alone would leave the HTTP call running), and an
   * answer that arrives after cancellation is closed.
   */
  private <T> CompletableFuture<T> exchangeAsync(
      TransportRequest request, Function<TransportResponse, T> decode) {
    Instant start = clock.instant();
    CompletableFuture<TransportResponse> exchange = transport.executeAsync(request);
    CompletableFuture<T> result =
        exchange.thenApply(
            response -> {
              log(request, response, start);
              try (response) {
                return decode.apply(response);
              }
            });
    result.whenComplete(
        (value, error) -> {
          if (result.isCancelled()) {
            exchange.cancel(true);
          }
        });
    return result;
  }

  private void log(TransportRequest request, TransportResponse response, Instant start) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} -> {} in {} ms",
          describe(request),
          response.status(),
          Duration.between(start, clock.instant()).toMillis());
    }
  }

  TransportRequest submitRequest(GenerationRequest request, @Nullable String idempotencyKey) {
    byte[] body = codec.encodeRequest(request);
    Map<String, List<String>> headers = headers(true);
    if (idempotencyKey != null) {
      headers.put(IDEMPOTENCY_KEY, List.of(idempotencyKey));
    }
    return TransportRequest.builder()
        .method("POST")
        .uri(resolve("/v1/images/generations"))
        .headers(headers)
        .body(RequestBody.ofBytes(body, JSON))
        .timeout(requestTimeout)
        .build();
  }

  TransportRequest taskRequest(TaskId id) {
    String path = "/v1/tasks/" + id.value();
    if (language != null) {
      path += "?language=" + language.wireValue();
    }
    return get(path);
  }

  TransportRequest balanceRequest() {
    return get("/v1/balance");
  }

  private TransportRequest get(String pathAndQuery) {
    return TransportRequest.builder()
        .method("GET")
        .uri(resolve(pathAndQuery))
        .headers(headers(false))
        .timeout(requestTimeout)
        .build();
  }

  TransportRequest userBalanceRequest() {
    return get("/v1/user/balance");
  }

  private URI resolve(String pathAndQuery) {
    return URI.create(baseUrl + pathAndQuery);
  }

  private Map<String, List<String>> headers(boolean withBody) {
    Map<String, List<String>> headers = new TreeMap<>();
    headers.put("authorization", List.of(authorization));
    headers.put("accept", List.of(JSON));
    headers.put("user-agent", List.of(userAgent));
    if (withBody) {
      headers.put("content-type", List.of(JSON));
    }
    if (extraHeaders != null) {
      extraHeaders.accept(headers);
    }
    return headers;
  }

  private static String describe(TransportRequest request) {
    return request.method() + " " + Redaction.url(request.uri());
  }

  /** Shows the base URL only. */
  @Override
  public String toString() {
    return "ApiCalls[" + baseUrl + "]";
  }
}
