package dev.apimart.testkit.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.RefusalStyle;
import dev.apimart.testkit.Route;
import dev.apimart.testkit.SubmissionShape;
import dev.apimart.testkit.UnknownTaskAnswer;
import dev.apimart.testkit.internal.SubmissionParser.InvalidSubmission;
import dev.apimart.testkit.internal.SubmissionParser.Submission;
import dev.apimart.testkit.internal.TaskStore.Created;
import dev.apimart.testkit.internal.TaskStore.ImageExpired;
import dev.apimart.testkit.internal.TaskStore.ImageFound;
import dev.apimart.testkit.internal.TaskStore.ImageLookup;
import dev.apimart.testkit.internal.TaskStore.InsufficientBalance;
import dev.apimart.testkit.internal.TaskStore.SubmitResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Answers every HTTP exchange: matches the route, records the request, applies an armed fault,
 * checks the key and serves the endpoint. Never lets an exception or stack trace reach the client:
 * a bug in the fake is answered 500 in the service's envelope and logged here.
 *
 * <p>To drop a connection it throws out of {@link #handle}: the JDK server then closes the socket
 * without writing anything more, so the client sees the connection end (EOF) instead of an answer.
 */
public final class ApiHandler implements HttpHandler {

  private static final Pattern TASK_PATH = Pattern.compile("/v1/tasks/([^/]+)");
  private static final Pattern FILE_PATH = Pattern.compile("/files/([^/]+)/(\\d{1,3})\\.png");
  private static final Pattern UPLOADED_PATH = Pattern.compile("/uploads/f/([0-9a-f]{16})/[^/]+");
  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(\\S.*)");
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;
  private static final String JSON = "application/json; charset=utf-8";
  private static final String REDACTED = "[redacted]";

  private final FakeSettings settings;
  private final TaskStore store;
  private final FaultPlan faults;
  private final RequestLog log;
  private final FakeClock clock;
  private final Set<String> keys;
  private final IdempotencyKeys idempotency;
  private @Nullable UploadStore uploads;
  private @Nullable WebhookDispatcher webhooks;
  private final CountDownLatch stopping = new CountDownLatch(1);

  /** Wires the handler to the fake's state. */
  public ApiHandler(
      FakeSettings settings, TaskStore store, FaultPlan faults, RequestLog log, FakeClock clock) {
    this(settings, store, faults, log, clock, new IdempotencyKeys(settings.maxTasks()));
  }

  /** Wires the handler to the fake's state, with its memory of idempotency keys. */
  public ApiHandler(
      FakeSettings settings,
      TaskStore store,
      FaultPlan faults,
      RequestLog log,
      FakeClock clock,
      IdempotencyKeys idempotency) {
    this.idempotency = idempotency;
    this.settings = settings;
    this.store = store;
    this.faults = faults;
    this.log = log;
    this.clock = clock;
    this.keys = Set.copyOf(settings.apiKeys());
  }

  /** Registers the webhooks of accepted submissions with this dispatcher. */
  public void webhooks(WebhookDispatcher webhooks) {
    this.webhooks = webhooks;
  }

  /** Serves the upload endpoint from this store (without one, uploads are answered 404). */
  public void uploads(UploadStore uploads) {
    this.uploads = uploads;
  }

  /** Ends every delay early: the server is shutting down. */
  public void stopping() {
    stopping.countDown();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Call call = null;
    try {
      call = arrive(exchange);
      serve(exchange, call);
    } catch (Drop drop) {
      throw new IOException("FakeApiMart dropped the connection", drop);
    } catch (IOException e) {
      // The client went away mid-exchange; the server closes the connection.
      if (call != null && !call.recorded) {
        record(call, 0);
      }
      throw e;
    } catch (RuntimeException | Error e) {
      Log.LOG.log(Level.WARNING, "FakeApiMart failed to answer a request; answering 500", e);
      if (call != null && !call.headersSent) {
        byte[] body = Responses.error(500, "FakeApiMart internal error: " + e.getClass().getName());
        if (!call.recorded) {
          record(call, 500);
        }
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.sendResponseHeaders(500, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } else {
        throw new IOException("FakeApiMart failed while answering", e);
      }
    } finally {
      exchange.close();
    }
  }

  private Call arrive(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    URI uri = exchange.getRequestURI();
    String path = uri.getPath() == null ? "" : uri.getPath();
    Call call = new Call(method, path, query(uri.getRawQuery()));
    call.arrivedAt = clock.now();
    match(call);
    call.sequence = log.arrived(call.route);
    readBody(exchange, call);
    call.keyAccepted = call.authProblem == null;
    call.headers = redactedHeaders(exchange.getRequestHeaders());
    call.idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (call.route == Route.UNMATCHED && settings.strict()) {
      Log.LOG.log(
          Level.WARNING,
          "FakeApiMart (strict): no route for {0} {1}; this fails the test",
          method,
          path);
    }
    return call;
  }

  private void serve(HttpExchange exchange, Call call) throws IOException {
    Fault fault = faults.take(call.route);
    call.fault = fault;
    if (fault != null && !fault.delay().isZero() && !pause(fault.delay())) {
      throw drop(call);
    }
    if (fault == null) {
      send(exchange, call, process(call));
      return;
    }
    switch (fault.kind()) {
      case DELAY -> send(exchange, call, process(call));
      case STATUS -> {
        int status = fault.status();
        send(
            exchange,
            call,
            Answer.json(
                    status,
                    Responses.error(
                        status, fault.message().orElse(Responses.defaultMessage(status))))
                .withRetryAfter(fault.retryAfter().orElse(null)));
      }
      case DROP_CONNECTION -> throw drop(call);
      case DROP_CONNECTION_AFTER_PROCESSING -> {
        process(call);
        throw drop(call);
      }
      case MALFORMED_JSON -> send(exchange, call, Answer.json(200, Responses.malformedJson()));
      case HTML_ERROR_PAGE ->
          send(
              exchange,
              call,
              new Answer(
                      fault.status(),
                      "text/html; charset=utf-8",
                      Responses.htmlErrorPage(fault.status()),
                      Map.of())
                  .withRetryAfter(fault.retryAfter().orElse(null)));
      case MISSING_IMAGE_FILE ->
          send(
              exchange,
              call,
              new Answer(
                  404,
                  "application/xml",
                  Responses.cdnError("NoSuchKey", "The specified key does not exist.", call.path),
                  Map.of()));
      case TRUNCATED_BODY -> sendTruncated(exchange, call, process(call));
      case SLOW_BODY -> sendSlowly(exchange, call, process(call), fault.bodyDuration());
      case RESPONSE ->
          send(
              exchange,
              call,
              new Answer(
                      fault.status(),
                      fault.contentType().orElse("text/plain"),
                      fault.body().orElse("").getBytes(StandardCharsets.UTF_8),
                      Map.of())
                  .withRetryAfter(fault.retryAfter().orElse(null)));
    }
  }

  private Answer process(Call call) {
    if (call.tooLarge && call.route != Route.UPLOAD_IMAGE) {
      return error(
          413,
          "Request body is larger than "
              + settings.maxRequestBodyBytes()
              + " bytes: a generation request is a small JSON object");
    }
    switch (call.route) {
      case UNMATCHED:
        return unmatched(call);
      case IMAGE_FILE:
        return image(call);
      case UPLOADED_FILE:
        return uploaded(call);
      default:
        break;
    }
    String authProblem = call.authProblem;
    if (authProblem != null) {
      return error(401, authProblem);
    }
    return switch (call.route) {
      case SUBMIT_GENERATION -> submit(call);
      case UPLOAD_IMAGE -> upload(call);
      case GET_USAGE -> {
        UsageReport.Reply reply = UsageReport.answer(call.query, store.all());
        yield Answer.json(reply.status(), reply.body()).withHeader("X-Usage-Cache", "MISS");
      }
      case GET_TASK -> task(call);
      case GET_BALANCE, GET_USER_BALANCE -> {
        TaskStore.BalanceView view = store.balance();
        yield Answer.json(200, Responses.balance(view.remaining(), view.used()));
      }
      default -> unmatched(call);
    };
  }

  private Answer submit(Call call) {
    if (settings.strict()) {
      String type = call.contentType;
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        return error(
            400,
            "Content-Type must be application/json, got "
                + (type == null ? "none" : "'" + type + "'"));
      }
    }
    Submission submission;
    try {
      submission =
          SubmissionParser.parse(
              uploads == null ? call.body : uploads.withPublicUploadUrls(call.body),
              settings.strict(),
              settings.models(),
              settings.anyModel());
    } catch (InvalidSubmission e) {
      boolean buildFailed =
          settings.refusalStyle() == RefusalStyle.BUILD_REQUEST_FAILED
              && e.model().isPresent()
              && !e.model().get().isSeed();
      return buildFailed
          ? error(500, "build_request_failed: " + String.join("; ", e.problems()))
          : error(400, "Invalid request: " + String.join("; ", e.problems()));
    }
    String key = call.idempotencyKey;
    IdempotencyKeys.Outcome outcome =
        idempotency.submit(
            key,
            key == null
                ? Map.of()
                : JsonSupport.toPlainObject(new String(call.body, StandardCharsets.UTF_8)),
            () -> store.submit(submission),
            r -> r instanceof Created created ? created.taskId() : null);
    if (outcome instanceof IdempotencyKeys.Reused) {
      return Answer.json(
          409,
          Responses.idempotencyError(
              409,
              "idempotency_key_reused",
              "Idempotency-Key was already used for a different request; this one was not"
                  + " executed"));
    }
    if (outcome instanceof IdempotencyKeys.Replay replay) {
      call.taskId = replay.taskId();
      SubmissionShape shape = settings.submissionShape();
      return Answer.json(
              Responses.submittedStatus(shape),
              Responses.submitted(
                  shape,
                  settings.statusWords(),
                  store.peek(replay.taskId()).orElse(null),
                  replay.taskId()))
          .withHeader("Idempotent-Replayed", "true");
    }
    SubmitResult result = (SubmitResult) ((IdempotencyKeys.Executed<?>) outcome).result();
    if (result instanceof InsufficientBalance poor) {
      return error(
          402,
          "Insufficient balance: this request costs "
              + poor.cost().toPlainString()
              + " ("
              + submission.n()
              + " image(s) of "
              + submission.model().id()
              + ") but only "
              + poor.available().toPlainString()
              + " is available; top up or ask for fewer images");
    }
    String taskId = ((Created) result).taskId();
    call.taskId = taskId;
    WebhookDispatcher dispatcher = webhooks;
    if (dispatcher != null) {
      Object hook =
          JsonSupport.toPlainObject(new String(call.body, StandardCharsets.UTF_8)).get("webhook");
      if (hook instanceof String url) {
        dispatcher.register(taskId, url);
      }
    }
    SubmissionShape shape = settings.submissionShape();
    return Answer.json(
        Responses.submittedStatus(shape),
        Responses.submitted(
            shape, settings.statusWords(), store.peek(taskId).orElse(null), taskId));
  }

  private Answer upload(Call call) {
    UploadStore store = uploads;
    if (store == null) {
      return unmatched(call);
    }
    UploadStore.Reply reply = store.accept(call.contentType, call.body, call.tooLarge);
    return new Answer(reply.status(), reply.contentType(), reply.body(), Map.of());
  }

  private Answer uploaded(Call call) {
    UploadStore store = uploads;
    if (store == null || call.taskId == null) {
      return unmatched(call);
    }
    UploadStore.Reply reply = store.serve(call.taskId);
    return new Answer(reply.status(), reply.contentType(), reply.body(), Map.of());
  }

  private Answer task(Call call) {
    String language = "en";
    List<String> languages = call.query.get("language");
    if (languages != null && !languages.isEmpty()) {
      language = languages.get(0);
      if (!Messages.supports(language)) {
        return error(
            400,
            "language '"
                + abbreviate(language)
                + "' is not supported: use one of "
                + Messages.LANGUAGES);
      }
    }
    String taskId = call.taskId == null ? "" : call.taskId;
    Optional<FakeTask> task = store.poll(taskId);
    if (task.isEmpty()) {
      return settings.unknownTaskAnswer() == UnknownTaskAnswer.INVALID_TASK_ID
          ? error(400, "invalid task ID: " + abbreviate(taskId))
          : error(404, Messages.taskNotFound(language, abbreviate(taskId)));
    }
    return Answer.json(
        200,
        Responses.task(
            task.get(),
            store.urlShape(taskId),
            settings.imageLifetime(),
            settings.statusWords(),
            settings.reportCost()));
  }

  private Answer image(Call call) {
    String taskId = call.taskId == null ? "" : call.taskId;
    ImageLookup lookup = store.image(taskId, call.imageIndex);
    if (lookup instanceof ImageFound found) {
      return new Answer(
          200,
          "image/png",
          PngImages.png(found.size(), found.seed(), found.comment()),
          Map.of("Cache-Control", "public, max-age=86400"));
    }
    if (lookup instanceof ImageExpired) {
      return new Answer(
          403,
          "application/xml",
          Responses.cdnError("AccessDenied", "Request has expired.", call.path),
          Map.of());
    }
    return new Answer(
        404,
        "application/xml",
        Responses.cdnError("NoSuchKey", "The specified key does not exist.", call.path),
        Map.of());
  }

  private Answer unmatched(Call call) {
    if (call.allowed != null) {
      return error(
              405,
              "Method " + call.method + " is not allowed on " + call.path + "; use " + call.allowed)
          .withHeader("Allow", call.allowed);
    }
    String hint = settings.strict() ? " (FakeApiMart strict mode: no such route)" : "";
    return error(404, "Invalid URL (" + call.method + " " + abbreviate(call.path) + ")" + hint);
  }

  private @Nullable String authProblem(Headers headers) {
    String authorization = headers.getFirst("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return "Missing API key: send the header 'Authorization: Bearer <your API key>'";
    }
    Matcher m = BEARER.matcher(authorization.strip());
    if (!m.matches()) {
      return "Invalid Authorization header: use the form 'Bearer <your API key>'";
    }
    if (!keys.contains(m.group(1).strip())) {
      return "Invalid API key: the key in the Authorization header is not known";
    }
    return null;
  }

  private void match(Call call) {
    String path = call.path;
    String method = call.method;
    Route route = Route.UNMATCHED;
    String allowed = null;
    Matcher task = TASK_PATH.matcher(path);
    Matcher file = FILE_PATH.matcher(path);
    Matcher uploaded = UPLOADED_PATH.matcher(path);
    if (path.equals("/v1/images/generations")) {
      route = method.equals("POST") ? Route.SUBMIT_GENERATION : Route.UNMATCHED;
      allowed = "POST";
    } else if (task.matches()) {
      route = method.equals("GET") ? Route.GET_TASK : Route.UNMATCHED;
      allowed = "GET";
      call.taskId = task.group(1);
    } else if (path.equals("/v1/balance")) {
      route = method.equals("GET") ? Route.GET_BALANCE : Route.UNMATCHED;
      allowed = "GET";
    } else if (path.equals("/v1/user/balance")) {
      route = method.equals("GET") ? Route.GET_USER_BALANCE : Route.UNMATCHED;
      allowed = "GET";
    } else if (path.equals("/v1/usage")) {
      route = method.equals("GET") ? Route.GET_USAGE : Route.UNMATCHED;
      allowed = "GET";
    } else if (path.equals("/v1/uploads/images")) {
      route = method.equals("POST") ? Route.UPLOAD_IMAGE : Route.UNMATCHED;
      allowed = "POST";
    } else if (uploaded.matches()) {
      route = method.equals("GET") ? Route.UPLOADED_FILE : Route.UNMATCHED;
      allowed = "GET";
      call.taskId = uploaded.group(1);
    } else if (file.matches()) {
      route = method.equals("GET") ? Route.IMAGE_FILE : Route.UNMATCHED;
      allowed = "GET";
      call.taskId = file.group(1);
      call.imageIndex = Integer.parseInt(file.group(2));
    }
    call.route = route;
    call.allowed = route == Route.UNMATCHED ? allowed : null;
  }

  private void readBody(HttpExchange exchange, Call call) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    call.contentType = headers.getFirst("Content-Type");
    call.authProblem = authProblem(headers);
    int max =
        call.route == Route.UPLOAD_IMAGE
            ? Math.max(UploadStore.MAX_BODY_BYTES, settings.maxRequestBodyBytes())
            : settings.maxRequestBodyBytes();
    InputStream in = exchange.getRequestBody();
    byte[] body = in.readNBytes(max + 1);
    if (body.length > max) {
      call.tooLarge = true;
      call.bodyLength = body.length;
      // Read on (up to a limit) so the client finishes sending and can read the 413.
      long skipped = 0;
      byte[] sink = new byte[64 * 1024];
      int n;
      while (skipped < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
        skipped += n;
      }
      call.bodyLength = (int) Math.min(Integer.MAX_VALUE, body.length + skipped);
      call.body = new byte[0];
    } else {
      call.body = body;
      call.bodyLength = body.length;
    }
  }

  private void send(HttpExchange exchange, Call call, Answer answer) throws IOException {
    // Recorded before the answer leaves, so a client that has its answer finds it in the journal.
    record(call, answer.status);
    writeHeaders(exchange, call, answer, answer.body.length);
    if (answer.body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body);
      }
    }
  }

  private void sendTruncated(HttpExchange exchange, Call call, Answer answer) throws IOException {
    record(call, answer.status);
    writeHeaders(exchange, call, answer, Math.max(2, answer.body.length));
    OutputStream out = exchange.getResponseBody();
    out.write(answer.body, 0, Math.max(1, answer.body.length / 2));
    out.flush();
    throw new Drop();
  }

  private void sendSlowly(HttpExchange exchange, Call call, Answer answer, Duration total)
      throws IOException {
    record(call, answer.status);
    writeHeaders(exchange, call, answer, answer.body.length);
    int pieces = Math.max(1, Math.min(20, answer.body.length));
    Duration gap = total.dividedBy(pieces);
    OutputStream out = exchange.getResponseBody();
    int offset = 0;
    for (int i = 0; i < pieces; i++) {
      int end =
          i == pieces - 1
              ? answer.body.length
              : (int) ((long) answer.body.length * (i + 1) / pieces);
      out.write(answer.body, offset, end - offset);
      out.flush();
      offset = end;
      if (i < pieces - 1 && !pause(gap)) {
        throw new Drop();
      }
    }
    out.close();
  }

  private void writeHeaders(HttpExchange exchange, Call call, Answer answer, long length)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", answer.contentType);
    answer.headers.forEach(headers::set);
    call.headersSent = true;
    exchange.sendResponseHeaders(answer.status, length == 0 ? -1 : length);
  }

  private Drop drop(Call call) {
    record(call, 0);
    return new Drop();
  }

  private void record(Call call, int status) {
    call.recorded = true;
    log.record(
        new RecordedRequest(
            call.sequence,
            call.arrivedAt,
            call.method,
            call.path,
            call.query,
            call.headers,
            journalBody(call),
            call.bodyLength,
            call.route,
            call.taskId,
            call.keyAccepted,
            status,
            call.fault));
  }

  private String journalBody(Call call) {
    if (call.route == Route.UPLOAD_IMAGE) {
      return UploadStore.describe(call.contentType, call.body);
    }
    String text = new String(call.body, StandardCharsets.UTF_8);
    int limit = settings.journalBodyLimit();
    return text.length() <= limit ? text : text.substring(0, limit);
  }

  /** Waits (real time), unless the server stops first. */
  private boolean pause(Duration duration) {
    try {
      return !stopping.await(FakeClock.toNanos(duration), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Map<String, List<String>> redactedHeaders(Headers headers) {
    Map<String, List<String>> copy = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      List<String> values = new ArrayList<>(e.getValue().size());
      for (String value : e.getValue()) {
        values.add(redact(name, value));
      }
      copy.merge(
          name,
          values,
          (a, b) -> {
            List<String> merged = new ArrayList<>(a);
            merged.addAll(b);
            return merged;
          });
    }
    return copy;
  }

  private String redact(String name, String value) {
    if (name.equals("authorization")) {
      Matcher m = BEARER.matcher(value.strip());
      return m.matches() ? value.strip().substring(0, 6) + " " + REDACTED : REDACTED;
    }
    String redacted = value;
    for (String key : keys) {
      if (!key.isEmpty() && redacted.contains(key)) {
        redacted = redacted.replace(key, REDACTED);
      }
    }
    return redacted;
  }

  private static Map<String, List<String>> query(@Nullable String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static Answer error(int status, String message) {
    return Answer.json(status, Responses.error(status, message));
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  /** One exchange as it is being answered; confined to the handling thread. */
  private static final class Call {
    final String method;
    final String path;
    final Map<String, List<String>> query;
    Instant arrivedAt = Instant.EPOCH;
    long sequence;
    Route route = Route.UNMATCHED;
    @Nullable String allowed;
    @Nullable String taskId;
    int imageIndex;
    byte[] body = new byte[0];
    int bodyLength;
    boolean tooLarge;
    @Nullable String contentType;
    @Nullable String idempotencyKey;
    @Nullable String authProblem;
    boolean keyAccepted;
    Map<String, List<String>> headers = Map.of();
    @Nullable Fault fault;
    boolean headersSent;
    boolean recorded;

    Call(String method, String path, Map<String, List<String>> query) {
      this.method = method;
      this.path = path;
      this.query = query;
    }
  }

  /** What to answer. */
  private record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Answer json(int status, byte[] body) {
      return new Answer(status, JSON, body, Map.of());
    }

    Answer withRetryAfter(@Nullable String retryAfter) {
      return retryAfter == null ? this : withHeader("Retry-After", retryAfter);
    }

    Answer withHeader(String name, String value) {
      Map<String, String> copy = new LinkedHashMap<>(headers);
      copy.put(name, value);
      return new Answer(status, contentType, body, copy);
    }
  }

  /** The logger, created on first use: initializing logging is slow and rarely needed. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger("dev.apimart.testkit.FakeApiMart");
  }

  /** Unwinds the handler so the server closes the connection unanswered. */
  private static final class Drop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Drop() {
      super("connection dropped", null, false, false);
    }
  }
}
