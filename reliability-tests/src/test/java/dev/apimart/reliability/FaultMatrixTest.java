package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.DownloadException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.reliability.support.CountingTransport;
import dev.apimart.reliability.support.Ports;
import dev.apimart.reliability.support.TransportKind;
import dev.apimart.reliability.support.VirtualTime;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Route;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault the fake can inject, on every operation, through every transport: the typed outcome,
 * the exact number of attempts (counted by the fake's journal and, for a refused connection that no
 * server sees, by a wrapper around the transport), the waits between them, and for submissions that
 * an ambiguous failure never creates a second task unless the user opted in.
 *
 * <p>The expected behaviour is the table {@link #RULES}, written from the documented rules, not
 * from running the code:
 *
 * <ul>
 *   <li>api-contract.md §4: "Connection refused, 429 and an explicit 503 are safe to retry [a
 *       submission]; an ambiguous failure after the request went out is not, unless the user opts
 *       in. GET of a task is idempotent: retry it freely with backoff, honouring Retry-After."
 *   <li>design.md §3: "Retry a submit only when the request never left (connect refused / DNS) or
 *       the server explicitly refused it before work (429, 503). For an ambiguous failure (read
 *       timeout, reset after send, 500/502/504) raise a typed 'outcome unknown' exception." A 2xx
 *       answer whose body cannot be read is such an ambiguous failure too: the request went out and
 *       was answered, but the task id is lost.
 *   <li>Balance and image downloads are reads without side effects, so they follow the task GET.
 *       RetryPolicy documents what idempotent calls retry (connection failures, timeouts, 429,
 *       500/502/503/504); an unreadable answer is not among them.
 *   <li>A download must be an image (content type checked), and streams its body: the request
 *       timeout covers its headers only ({@code TransportRequest}), so a slow but steady body
 *       completes, while buffered API answers must arrive whole within the timeout.
 * </ul>
 *
 * <p>Each cell runs twice: with the fault hitting every attempt ({@code PERSISTENT}: a retried
 * failure ends after exactly {@value #MAX_ATTEMPTS} attempts) and hitting the first attempt only
 * ({@code ONCE}: a retried failure recovers on attempt 2, anything else still ends after one). A
 * refused connection is only run persistently: nothing listens on the port to recover.
 *
 * <p>Cells are independent (each has its own fake and client) and mostly wait on timeouts, so they
 * run four at a time. Only the faults made of time (a late answer, a slow body) run with a short
 * request timeout ({@code SHORT_TIMEOUT}, the fault taking 2.5 times as long); every other cell
 * runs with 10 s, so a loaded machine cannot turn its attempts into timeouts.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultMatrixTest {

  static final int MAX_ATTEMPTS = 3;
  static final Duration BACKOFF = Duration.ofMillis(1);
  static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  /** The request timeout where the fault does not depend on time: never reached on loopback. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** The request timeout of the timing faults, which wait well beyond it. */
  static final Duration SHORT_TIMEOUT = Duration.ofMillis(1000);

  static final Duration SERVER_DELAY = Duration.ofMillis(2500);
  static final Duration SLOW_BODY_TIME = Duration.ofMillis(2500);

  /**
   * What happens to each operation when the fault hits it, from the rules above. {@code retried}:
   * repeated with backoff (honouring Retry-After) up to the attempt limit, then the failure is
   * thrown; {@code unknown}: not repeated, a {@code SubmissionOutcomeUnknownException} carrying the
   * failure; {@code final}: not repeated, the failure thrown; {@code succeeds}: no failure at all.
   * The failure names a transport failure kind, an HTTP status ({@code 429}: RateLimitedException,
   * {@code 5xx}: ServerException), {@code UNREADABLE} (UnexpectedResponseException for a 200 that
   * cannot be read) or {@code NOT_AN_IMAGE} (a 200 whose content is not an image). A download's
   * failure is always a DownloadException, carrying the failure as its cause.
   */
  static final String RULES =
      """
      fault                 | submit                  | get task                | balance                 | download
      CONNECTION_REFUSED    | retried CONNECT_FAILED  | retried CONNECT_FAILED  | retried CONNECT_FAILED  | retried CONNECT_FAILED
      TIMEOUT_AFTER_SENDING | unknown TIMEOUT         | retried TIMEOUT         | retried TIMEOUT         | retried TIMEOUT
      RESET                 | unknown CONNECTION_LOST | retried CONNECTION_LOST | retried CONNECTION_LOST | retried CONNECTION_LOST
      RATE_LIMITED_429      | retried 429             | retried 429             | retried 429             | retried 429
      SERVER_ERROR_500      | unknown 500             | retried 500             | retried 500             | retried 500
      BAD_GATEWAY_502_HTML  | unknown 502             | retried 502             | retried 502             | retried 502
      UNAVAILABLE_503       | retried 503             | retried 503             | retried 503             | retried 503
      GATEWAY_TIMEOUT_504   | unknown 504             | retried 504             | retried 504             | retried 504
      MALFORMED_JSON        | unknown UNREADABLE      | final UNREADABLE        | final UNREADABLE        | final NOT_AN_IMAGE
      TRUNCATED_BODY        | unknown CONNECTION_LOST | retried CONNECTION_LOST | retried CONNECTION_LOST | retried CONNECTION_LOST
      SLOW_BODY             | unknown TIMEOUT         | retried TIMEOUT         | retried TIMEOUT         | succeeds
      """;

  /**
   * Submissions with {@code retryAmbiguousSubmissions(true)} and the fault on the first attempt
   * only: the submission is repeated once and succeeds, and a fault that let the first request take
   * effect leaves two tasks — the documented price of opting in.
   */
  static final String OPT_IN_RULES =
      """
      fault                 | attempts | tasks created
      TIMEOUT_AFTER_SENDING | 2        | 2
      RESET                 | 2        | 2
      SERVER_ERROR_500      | 2        | 1
      BAD_GATEWAY_502_HTML  | 2        | 1
      GATEWAY_TIMEOUT_504   | 2        | 1
      MALFORMED_JSON        | 2        | 1
      TRUNCATED_BODY        | 2        | 2
      SLOW_BODY             | 2        | 2
      """;

  /** The operations, with the fake's route that serves each. */
  enum Op {
    SUBMIT(Route.SUBMIT_GENERATION),
    GET_TASK(Route.GET_TASK),
    BALANCE(Route.GET_BALANCE),
    DOWNLOAD(Route.IMAGE_FILE);

    final Route route;

    Op(Route route) {
      this.route = route;
    }
  }

  /** The faults, each as the fake injects it, and whether the fake still processes the request. */
  enum FaultCase {
    CONNECTION_REFUSED(null, false),
    TIMEOUT_AFTER_SENDING(() -> Fault.delay(SERVER_DELAY), true, true),
    RESET(Fault::dropConnectionAfterProcessing, true),
    RATE_LIMITED_429(() -> Fault.status(429).withRetryAfter(RETRY_AFTER), false),
    SERVER_ERROR_500(() -> Fault.status(500), false),
    BAD_GATEWAY_502_HTML(() -> Fault.htmlErrorPage(502), false),
    UNAVAILABLE_503(() -> Fault.status(503), false),
    GATEWAY_TIMEOUT_504(() -> Fault.status(504), false),
    MALFORMED_JSON(Fault::malformedJson, false),
    TRUNCATED_BODY(Fault::truncatedBody, true),
    SLOW_BODY(() -> Fault.slowBody(SLOW_BODY_TIME), true, true);

    final @Nullable Supplier<Fault> fault;
    final boolean processed;
    final Duration timeout;

    FaultCase(@Nullable Supplier<Fault> fault, boolean processed) {
      this(fault, processed, false);
    }

    FaultCase(@Nullable Supplier<Fault> fault, boolean processed, boolean timing) {
      this.fault = fault;
      this.processed = processed;
      // Only the faults made of time need a short timeout; the others must not race the machine.
      this.timeout = timing ? SHORT_TIMEOUT : REQUEST_TIMEOUT;
    }
  }

  enum Mode {
    PERSISTENT,
    ONCE
  }

  enum Rule {
    RETRIED,
    UNKNOWN,
    FINAL,
    SUCCEEDS
  }

  /** The failure a cell ends in (before wrapping for submissions and downloads). */
  record Failure(
      Class<? extends ApiMartException> type,
      TransportException.@Nullable Kind kind,
      int status,
      String token) {

    static Failure parse(String token) {
      return switch (token) {
        case "CONNECT_FAILED", "TIMEOUT", "CONNECTION_LOST" ->
            new Failure(TransportException.class, TransportException.Kind.valueOf(token), 0, token);
        case "429" -> new Failure(RateLimitedException.class, null, 429, token);
        case "500", "502", "503", "504" ->
            new Failure(ServerException.class, null, Integer.parseInt(token), token);
        case "UNREADABLE" -> new Failure(UnexpectedResponseException.class, null, 200, token);
        case "NOT_AN_IMAGE" -> new Failure(DownloadException.class, null, 200, token);
        default -> throw new IllegalArgumentException("unknown failure in the table: " + token);
      };
    }

    boolean retryAfter() {
      return status == 429;
    }
  }

  record Expectation(Rule rule, @Nullable Failure failure) {
    static Expectation parse(String cell) {
      String[] words = cell.strip().split("\\s+");
      Rule rule = Rule.valueOf(words[0].toUpperCase(java.util.Locale.ROOT));
      return new Expectation(rule, words.length > 1 ? Failure.parse(words[1]) : null);
    }

    @Override
    public String toString() {
      return rule.name().toLowerCase(java.util.Locale.ROOT)
          + (failure == null ? "" : " " + failure.token());
    }
  }

  static final Map<FaultCase, Map<Op, Expectation>> EXPECTED = parseRules();

  private static Map<FaultCase, Map<Op, Expectation>> parseRules() {
    Map<FaultCase, Map<Op, Expectation>> table = new EnumMap<>(FaultCase.class);
    List<String> lines = RULES.lines().skip(1).toList();
    for (String line : lines) {
      String[] cells = line.split("\\|");
      Map<Op, Expectation> row = new EnumMap<>(Op.class);
      for (Op op : Op.values()) {
        row.put(op, Expectation.parse(cells[op.ordinal() + 1]));
      }
      table.put(FaultCase.valueOf(cells[0].strip()), Collections.unmodifiableMap(row));
    }
    assertThat(table.keySet()).as("every fault has a row").containsExactly(FaultCase.values());
    return Collections.unmodifiableMap(table);
  }

  private static final Map<TransportKind, HttpTransport> TRANSPORTS =
      new EnumMap<>(TransportKind.class);

  @BeforeAll
  static void startTransports() {
    for (TransportKind kind : TransportKind.values()) {
      HttpTransport transport = kind.create();
      TRANSPORTS.put(kind, transport);
      // The first exchange of a JVM pays for class loading; keep that out of the timed cells.
      try (FakeApiMart fake = FakeApiMart.start();
          ApiMartClient client =
              client(fake.baseUrl(), fake.apiKey(), transport, null, null, false)) {
        client.balance();
      }
    }
  }

  @AfterAll
  static void closeTransports() {
    TRANSPORTS.values().forEach(HttpTransport::close);
    TRANSPORTS.clear();
  }

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (TransportKind transport : TransportKind.values()) {
      for (FaultCase fault : FaultCase.values()) {
        for (Op op : Op.values()) {
          for (Mode mode : Mode.values()) {
            if (fault == FaultCase.CONNECTION_REFUSED && mode == Mode.ONCE) {
              continue;
            }
            cells.add(Arguments.of(transport, fault, op, mode, EXPECTED.get(fault).get(op)));
          }
        }
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0}: {1} on {2}, {3} -> {4}")
  @MethodSource("cells")
  void everyFaultOnEveryOperationEndsAsTheDocumentedRulesSay(
      TransportKind transportKind,
      FaultCase fault,
      Op op,
      Mode mode,
      Expectation expected,
      @TempDir Path downloads)
      throws IOException {
    int attempts = expectedAttempts(expected.rule(), mode);
    boolean succeeds =
        expected.rule() == Rule.SUCCEEDS || (expected.rule() == Rule.RETRIED && mode == Mode.ONCE);
    // A transport's own repeat of a GET closed before any answer byte (see TransportKind).
    int hidden = fault == FaultCase.RESET && op != Op.SUBMIT ? transportKind.silentGetRepeats() : 0;
    int received = attempts * (1 + hidden);
    if (hidden > 0 && mode == Mode.ONCE) {
      // The transport's repeat gets the answer: the SDK sees one successful attempt.
      attempts = 1;
      received = 2;
    }
    Path target = downloads.resolve("image.png");
    CountingTransport counting = new CountingTransport(TRANSPORTS.get(transportKind));

    try (FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording()) {
      boolean refused = fault == FaultCase.CONNECTION_REFUSED;
      URI base = refused ? URI.create("http://127.0.0.1:" + Ports.closed()) : fake.baseUrl();
      Setup setup = refused ? Setup.nothing(base) : Setup.prepare(op, fake, counting);
      int receivedBefore = fake.journal().received(op.route);
      if (!refused) {
        Fault injected = fault.fault.get().on(op.route);
        fake.inject(mode == Mode.PERSISTENT ? injected.always() : injected);
      }
      counting.reset();

      Throwable thrown;
      try (ApiMartClient client = client(base, fake.apiKey(), counting, time, fault, false)) {
        thrown = catchThrowable(() -> invoke(op, client, setup, target));
      }

      // The typed outcome.
      if (succeeds) {
        assertThat(thrown).as("outcome").isNull();
      } else {
        assertThat(thrown).as("outcome").isNotNull();
        assertOutcome(thrown, op, expected);
      }

      // The exact number of attempts, seen before the network and by the server.
      assertThat(counting.attempts()).as("attempts started by the SDK").isEqualTo(attempts);
      if (!refused) {
        assertThat(fake.journal().received(op.route) - receivedBefore)
            .as("requests the fake received on " + op.route.description())
            .isEqualTo(received);
      }

      // The waits between attempts: the backoff, or the longer Retry-After the server asked for.
      Duration wait =
          expected.failure() != null && expected.failure().retryAfter() ? RETRY_AFTER : BACKOFF;
      assertThat(time.sleeps())
          .as("waits between attempts")
          .hasSize(attempts - 1)
          .allMatch(wait::equals);

      if (op == Op.SUBMIT && !refused) {
        assertSubmissions(fake, fault, attempts, succeeds);
      }
      if (op == Op.SUBMIT && refused) {
        assertThat(fake.journal().received(Route.SUBMIT_GENERATION)).isZero();
        assertThat(fake.tasks()).isEmpty();
      }
      if (op == Op.DOWNLOAD) {
        assertDownloadTarget(downloads, target, succeeds);
      }
    }
  }

  /**
   * Submissions of a model whose catalog entry says ApiMart honours the {@code Idempotency-Key}
   * (issue 15), without the opt-in, the fault on the first attempt only, against a fake that
   * honours keys: the ambiguous submission is repeated once with the same key and the fake answers
   * the repeat with the first task, so every row ends with exactly one task — the rows where the
   * opt-in above pays twice included.
   */
  static final String IDEMPOTENT_RULES =
      """
      fault                 | attempts | tasks created
      TIMEOUT_AFTER_SENDING | 2        | 1
      RESET                 | 2        | 1
      SERVER_ERROR_500      | 2        | 1
      BAD_GATEWAY_502_HTML  | 2        | 1
      GATEWAY_TIMEOUT_504   | 2        | 1
      MALFORMED_JSON        | 2        | 1
      TRUNCATED_BODY        | 2        | 1
      SLOW_BODY             | 2        | 1
      """;

  static Stream<Arguments> idempotentCells() {
    List<Arguments> cells = new ArrayList<>();
    List<String> lines = IDEMPOTENT_RULES.lines().skip(1).toList();
    for (TransportKind transport : TransportKind.values()) {
      for (String line : lines) {
        String[] parts = line.split("\\|");
        cells.add(
            Arguments.of(
                transport,
                FaultCase.valueOf(parts[0].strip()),
                Integer.parseInt(parts[1].strip()),
                Integer.parseInt(parts[2].strip())));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0}: {1} once, key honoured -> {2} attempts, {3} task(s)")
  @MethodSource("idempotentCells")
  void ambiguousSubmissionOfAKeyHonouringModelIsRepeatedWithTheSameKey(
      TransportKind transportKind, FaultCase fault, int attempts, int tasksCreated) {
    CountingTransport counting = new CountingTransport(TRANSPORTS.get(transportKind));
    try (FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client =
            client(fake.baseUrl(), fake.apiKey(), counting, time, fault, false, true)) {
      fake.inject(fault.fault.get().on(Route.SUBMIT_GENERATION));

      TaskId id = client.submit(request());

      assertThat(counting.attempts()).isEqualTo(attempts);
      fake.journal().awaitRequests(Route.SUBMIT_GENERATION, attempts, Duration.ofSeconds(10));
      assertThat(fake.tasks()).as("tasks created (and billed)").hasSize(tasksCreated);
      assertThat(fake.task(id.value())).as("the task the SDK returned exists").isPresent();
      List<String> keys =
          fake.journal().submissions().stream().map(r -> r.header("idempotency-key")).toList();
      assertThat(keys).hasSize(attempts).doesNotContainNull();
      assertThat(keys).as("every attempt carries the same key").containsOnly(keys.get(0));
    }
  }

  static Stream<Arguments> optInCells() {
    List<Arguments> cells = new ArrayList<>();
    List<String> lines = OPT_IN_RULES.lines().skip(1).toList();
    for (TransportKind transport : TransportKind.values()) {
      for (String line : lines) {
        String[] cells2 = line.split("\\|");
        cells.add(
            Arguments.of(
                transport,
                FaultCase.valueOf(cells2[0].strip()),
                Integer.parseInt(cells2[1].strip()),
                Integer.parseInt(cells2[2].strip())));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0}: {1} once, opted in -> {2} attempts, {3} task(s)")
  @MethodSource("optInCells")
  void ambiguousSubmissionIsRepeatedWhenTheUserOptedIn(
      TransportKind transportKind, FaultCase fault, int attempts, int tasksCreated) {
    assertThat(EXPECTED.get(fault).get(Op.SUBMIT).rule())
        .as("only ambiguous failures need the opt-in")
        .isEqualTo(Rule.UNKNOWN);
    CountingTransport counting = new CountingTransport(TRANSPORTS.get(transportKind));
    try (FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake.baseUrl(), fake.apiKey(), counting, time, fault, true)) {
      // These rows show the price of the opt-in where keys do not help: a service that ignores
      // them.
      fake.honourIdempotencyKeys(false);
      fake.inject(fault.fault.get().on(Route.SUBMIT_GENERATION));

      TaskId id = client.submit(request());

      assertThat(counting.attempts()).isEqualTo(attempts);
      assertThat(fake.journal().received(Route.SUBMIT_GENERATION)).isEqualTo(attempts);
      fake.journal().awaitRequests(Route.SUBMIT_GENERATION, attempts, Duration.ofSeconds(10));
      assertThat(fake.tasks()).hasSize(tasksCreated);
      assertThat(fake.task(id.value())).as("the task the SDK returned exists").isPresent();
    }
  }

  // ------------------------------------------------------------------------------ helpers

  private static int expectedAttempts(Rule rule, Mode mode) {
    return switch (rule) {
      case RETRIED -> mode == Mode.PERSISTENT ? MAX_ATTEMPTS : 2;
      case UNKNOWN, FINAL, SUCCEEDS -> 1;
    };
  }

  private static void assertOutcome(Throwable thrown, Op op, Expectation expected) {
    Failure failure = expected.failure();
    assertThat(failure).isNotNull();
    Throwable core = thrown;
    if (expected.rule() == Rule.UNKNOWN) {
      assertThat(thrown).isInstanceOf(SubmissionOutcomeUnknownException.class);
      assertThat(((SubmissionOutcomeUnknownException) thrown).attempts()).isEqualTo(1);
      core = thrown.getCause();
    } else if (op == Op.DOWNLOAD && failure.type() != DownloadException.class) {
      assertThat(thrown).isInstanceOf(DownloadException.class);
      core = thrown.getCause();
    }
    assertThat(core).as("the typed failure").isInstanceOf(failure.type());
    ApiMartException typed = (ApiMartException) core;
    if (failure.kind() != null) {
      assertThat(((TransportException) typed).kind()).isEqualTo(failure.kind());
    }
    if (failure.status() != 0) {
      assertThat(typed.httpStatus()).hasValue(failure.status());
      assertThat(((ApiMartException) thrown).httpStatus()).hasValue(failure.status());
    }
    if (failure.retryAfter()) {
      assertThat(((RateLimitedException) typed).retryAfter()).hasValue(RETRY_AFTER);
    }
    if (failure.token().equals("502")) {
      assertThat(typed.rawBody()).hasValueSatisfying(body -> assertThat(body).contains("<html>"));
    }
    assertThat(thrown.getMessage()).isNotBlank();
  }

  /** No submission is repeated unless the rules allow it, so no second task appears. */
  private static void assertSubmissions(
      FakeApiMart fake, FaultCase fault, int attempts, boolean succeeds) {
    // Wait until the fake has finished what it received (a delayed request is processed late).
    fake.journal().awaitRequests(Route.SUBMIT_GENERATION, attempts, Duration.ofSeconds(10));
    int faulted = succeeds ? attempts - 1 : attempts;
    int expectedTasks = (fault.processed ? faulted : 0) + (succeeds ? 1 : 0);
    assertThat(fake.journal().received(Route.SUBMIT_GENERATION))
        .as("submissions the fake received")
        .isEqualTo(attempts);
    assertThat(fake.tasks()).as("tasks created").hasSize(expectedTasks);
    if (!succeeds && EXPECTED.get(fault).get(Op.SUBMIT).rule() == Rule.UNKNOWN) {
      assertThat(fake.tasks()).as("no second task after an ambiguous failure").hasSizeLessThan(2);
    }
  }

  /** A download either leaves the complete image or nothing at all. */
  private static void assertDownloadTarget(Path directory, Path target, boolean succeeds)
      throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> left = files.toList();
      if (succeeds) {
        assertThat(left).containsExactly(target);
        BufferedImage image = ImageIO.read(target.toFile());
        assertThat(image).as("a complete, decodable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(1024);
      } else {
        assertThat(left).as("nothing left behind, no partial file").isEmpty();
      }
    }
  }

  private static Object invoke(Op op, ApiMartClient client, Setup setup, Path target) {
    return switch (op) {
      case SUBMIT -> client.submit(request());
      case GET_TASK -> client.getTask(setup.taskId());
      case BALANCE -> client.balance();
      case DOWNLOAD -> client.download(setup.image(), target);
    };
  }

  static GenerationRequest request() {
    return GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a lighthouse at dawn");
  }

  /** What an operation needs before the fault is armed: a task to read, an image to fetch. */
  record Setup(TaskId taskId, GeneratedImage image) {

    static Setup nothing(URI base) {
      return new Setup(
          TaskId.of("task_never_created"),
          new GeneratedImage(URI.create(base + "/files/task_never_created/0.png"), null, null));
    }

    static Setup prepare(Op op, FakeApiMart fake, HttpTransport transport) {
      if (op != Op.GET_TASK && op != Op.DOWNLOAD) {
        return nothing(fake.baseUrl());
      }
      // With normal timeouts and no retries: setup must not be what a cell measures.
      try (ApiMartClient setupClient =
          client(fake.baseUrl(), fake.apiKey(), transport, null, null, false)) {
        TaskId id = setupClient.submit(request());
        if (op == Op.GET_TASK) {
          return new Setup(id, nothing(fake.baseUrl()).image());
        }
        fake.completeNow(id.value());
        GeneratedImage image = setupClient.getTask(id).images().get(0);
        return new Setup(id, image);
      }
    }
  }

  /**
   * A client for one cell: the fault's request timeout, a tiny backoff, waits in virtual time.
   * Without {@code time}, a client with the default timeouts and no retries, for setup.
   */
  static ApiMartClient client(
      URI base,
      String apiKey,
      HttpTransport transport,
      @Nullable VirtualTime time,
      @Nullable FaultCase fault,
      boolean retryAmbiguous) {
    return client(base, apiKey, transport, time, fault, retryAmbiguous, false);
  }

  /**
   * Like the above; {@code keyHonoured} marks the request's model as honouring idempotency keys.
   */
  static ApiMartClient client(
      URI base,
      String apiKey,
      HttpTransport transport,
      @Nullable VirtualTime time,
      @Nullable FaultCase fault,
      boolean retryAmbiguous,
      boolean keyHonoured) {
    ApiMartClient.Builder builder =
        ApiMartClient.builder().apiKey(apiKey).baseUrl(base).transport(transport);
    if (keyHonoured) {
      builder.model(
          ModelCatalog.defaults().require(ImageModel.Z_IMAGE_TURBO).toBuilder()
              .honoursIdempotencyKey(true)
              .build());
    }
    if (time == null) {
      return builder.retryPolicy(RetryPolicy.none()).build();
    }
    return builder
        .scheduler(time)
        .requestTimeout(fault == null ? REQUEST_TIMEOUT : fault.timeout)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(MAX_ATTEMPTS)
                .initialBackoff(BACKOFF)
                .maxBackoff(BACKOFF)
                .jitter(0)
                .retryAmbiguousSubmissions(retryAmbiguous)
                .build())
        .build();
  }
}
