package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.FakeTransport.Reply;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The retry decision table, written out row by row from the contract ({@code api-contract.md} §4,
 * ADR 0005, README "Errors, retries and why a submission is not retried blindly") — never computed
 * from the engine's own rules, so a changed rule fails a row here.
 *
 * <p>Every client here has the default policy's shape: 3 attempts, backoff from 500 ms doubling up
 * to 10 s, full jitter, {@code Retry-After} honoured up to 30 s. Its random source gives 0 unless a
 * row says otherwise, so full jitter keeps the whole backoff and waits are exact (the scheduler is
 * virtual and records every wait).
 */
class RetryDecisionTableTest {

  /**
   * A failure that persists: how many attempts are made, what is then thrown, and the wait before
   * each retry. Status reads and balance reads are idempotent (retried on connection failures,
   * timeouts, lost connections, other I/O, 429 and 500/502/503/504, never on 400-404 or an
   * unreadable 200); a submission is repeated only when it certainly never left (connection
   * refused) or was refused before any work (429, 503), and anything else after sending is "outcome
   * unknown", not retried.
   */
  @ParameterizedTest(name = "{0} x {1}: {2} attempt(s), then {3}; waits {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # operation | failure         | attempts | thrown when it persists           | waits
            BALANCE   | CONNECT_FAILED  | 3        | TransportException                | 500ms 1s
            BALANCE   | TIMEOUT         | 3        | TransportException                | 500ms 1s
            BALANCE   | CONNECTION_LOST | 3        | TransportException                | 500ms 1s
            BALANCE   | OTHER_IO        | 3        | TransportException                | 500ms 1s
            BALANCE   | HTTP_400        | 1        | RequestRejectedException          | -
            BALANCE   | HTTP_401        | 1        | AuthenticationException           | -
            BALANCE   | HTTP_402        | 1        | InsufficientBalanceException      | -
            BALANCE   | HTTP_403        | 1        | PermissionDeniedException         | -
            BALANCE   | HTTP_404        | 1        | NotFoundException                 | -
            BALANCE   | HTTP_429        | 3        | RateLimitedException              | 500ms 1s
            BALANCE   | HTTP_500        | 3        | ServerException                   | 500ms 1s
            BALANCE   | HTTP_502_HTML   | 3        | ServerException                   | 500ms 1s
            BALANCE   | HTTP_503        | 3        | ServerException                   | 500ms 1s
            BALANCE   | HTTP_504_TEXT   | 3        | ServerException                   | 500ms 1s
            BALANCE   | TRUNCATED_200   | 1        | UnexpectedResponseException       | -
            GET_TASK  | CONNECT_FAILED  | 3        | TransportException                | 500ms 1s
            GET_TASK  | TIMEOUT         | 3        | TransportException                | 500ms 1s
            GET_TASK  | CONNECTION_LOST | 3        | TransportException                | 500ms 1s
            GET_TASK  | OTHER_IO        | 3        | TransportException                | 500ms 1s
            GET_TASK  | HTTP_400        | 1        | RequestRejectedException          | -
            GET_TASK  | HTTP_401        | 1        | AuthenticationException           | -
            GET_TASK  | HTTP_402        | 1        | InsufficientBalanceException      | -
            GET_TASK  | HTTP_403        | 1        | PermissionDeniedException         | -
            GET_TASK  | HTTP_404        | 1        | NotFoundException                 | -
            GET_TASK  | HTTP_429        | 3        | RateLimitedException              | 500ms 1s
            GET_TASK  | HTTP_500        | 3        | ServerException                   | 500ms 1s
            GET_TASK  | HTTP_502_HTML   | 3        | ServerException                   | 500ms 1s
            GET_TASK  | HTTP_503        | 3        | ServerException                   | 500ms 1s
            GET_TASK  | HTTP_504_TEXT   | 3        | ServerException                   | 500ms 1s
            GET_TASK  | TRUNCATED_200   | 1        | UnexpectedResponseException       | -
            SUBMIT    | CONNECT_FAILED  | 3        | TransportException                | 500ms 1s
            SUBMIT    | TIMEOUT         | 1        | SubmissionOutcomeUnknownException | -
            SUBMIT    | CONNECTION_LOST | 1        | SubmissionOutcomeUnknownException | -
            SUBMIT    | OTHER_IO        | 1        | SubmissionOutcomeUnknownException | -
            SUBMIT    | HTTP_400        | 1        | RequestRejectedException          | -
            SUBMIT    | HTTP_401        | 1        | AuthenticationException           | -
            SUBMIT    | HTTP_402        | 1        | InsufficientBalanceException      | -
            SUBMIT    | HTTP_403        | 1        | PermissionDeniedException         | -
            SUBMIT    | HTTP_404        | 1        | NotFoundException                 | -
            SUBMIT    | HTTP_429        | 3        | RateLimitedException              | 500ms 1s
            SUBMIT    | HTTP_500        | 1        | SubmissionOutcomeUnknownException | -
            SUBMIT    | HTTP_502_HTML   | 1        | SubmissionOutcomeUnknownException | -
            SUBMIT    | HTTP_503        | 3        | ServerException                   | 500ms 1s
            SUBMIT    | HTTP_504_TEXT   | 1        | SubmissionOutcomeUnknownException | -
            SUBMIT    | TRUNCATED_200   | 1        | SubmissionOutcomeUnknownException | -
          """)
  void persistentFailureIsAttemptedAsOftenAsTheTableSaysThenThrows(
      Op op, Failure failure, int attempts, String thrown, String waits) {
    FakeTransport transport = new FakeTransport();
    VirtualScheduler time = new VirtualScheduler();
    for (int i = 0; i < 10; i++) {
      transport.on(op.method, op.path, failure.reply());
    }

    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThatThrownBy(() -> op.invoke(client)).isInstanceOf(exception(thrown));
    }

    assertThat(transport.count(op.method, op.path)).as("attempts").isEqualTo(attempts);
    assertThat(time.sleeps()).as("waits before the retries").isEqualTo(durations(waits));
  }

  /** The same table, read the other way: one failure then success recovers exactly when retried. */
  @ParameterizedTest(name = "{0} x {1} once, then success: recovers = {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # operation | failure         | recovers
            BALANCE   | CONNECT_FAILED  | true
            BALANCE   | TIMEOUT         | true
            BALANCE   | CONNECTION_LOST | true
            BALANCE   | OTHER_IO        | true
            BALANCE   | HTTP_400        | false
            BALANCE   | HTTP_404        | false
            BALANCE   | HTTP_429        | true
            BALANCE   | HTTP_500        | true
            BALANCE   | HTTP_502_HTML   | true
            BALANCE   | HTTP_503        | true
            BALANCE   | HTTP_504_TEXT   | true
            BALANCE   | TRUNCATED_200   | false
            GET_TASK  | TIMEOUT         | true
            GET_TASK  | HTTP_401        | false
            GET_TASK  | HTTP_429        | true
            GET_TASK  | HTTP_500        | true
            GET_TASK  | TRUNCATED_200   | false
            SUBMIT    | CONNECT_FAILED  | true
            SUBMIT    | TIMEOUT         | false
            SUBMIT    | CONNECTION_LOST | false
            SUBMIT    | OTHER_IO        | false
            SUBMIT    | HTTP_402        | false
            SUBMIT    | HTTP_429        | true
            SUBMIT    | HTTP_500        | false
            SUBMIT    | HTTP_502_HTML   | false
            SUBMIT    | HTTP_503        | true
            SUBMIT    | HTTP_504_TEXT   | false
            SUBMIT    | TRUNCATED_200   | false
          """)
  void singleFailureRecoversExactlyWhenTheTableRetriesIt(Op op, Failure failure, boolean recovers) {
    FakeTransport transport = new FakeTransport();
    VirtualScheduler time = new VirtualScheduler();
    transport.on(op.method, op.path, failure.reply(), FakeTransport.json(200, op.success));

    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      if (recovers) {
        op.invoke(client);
        assertThat(transport.count(op.method, op.path)).isEqualTo(2);
      } else {
        assertThatThrownBy(() -> op.invoke(client)).isInstanceOf(ApiMartException.class);
        assertThat(transport.count(op.method, op.path)).isEqualTo(1);
      }
    }
  }

  /**
   * The waits, attempt by attempt: backoff 500 ms doubling per retry and capped at 10 s; jitter
   * takes {@code jitter x random} off each backoff; a {@code Retry-After} (seconds or HTTP-date,
   * read against the client's clock, which starts at 2026-01-01T00:00:00Z) replaces the backoff
   * when it is longer and is cut to 30 s.
   */
  @ParameterizedTest(name = "{1} with Retry-After {2}, random {3}, jitter {4}, {0} attempts: {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # attempts | failure  | Retry-After                   | random | jitter | waits before attempts 2, 3, ...
            6        | HTTP_503 | -                             | 0.0    | 1.0    | 500ms 1s 2s 4s 8s
            8        | HTTP_503 | -                             | 0.0    | 1.0    | 500ms 1s 2s 4s 8s 10s 10s
            3        | TIMEOUT  | -                             | 0.0    | 1.0    | 500ms 1s
            3        | HTTP_503 | -                             | 0.5    | 1.0    | 250ms 500ms
            3        | HTTP_503 | -                             | 0.5    | 0.0    | 500ms 1s
            3        | HTTP_503 | -                             | 0.5    | 0.2    | 450ms 900ms
            3        | HTTP_503 | -                             | 0.75   | 1.0    | 125ms 250ms
            3        | HTTP_429 | 3                             | 0.0    | 1.0    | 3s 3s
            3        | HTTP_429 | 0                             | 0.0    | 1.0    | 500ms 1s
            4        | HTTP_429 | 1                             | 0.0    | 1.0    | 1s 1s 2s
            3        | HTTP_429 | 2.5                           | 0.5    | 1.0    | 2500ms 2500ms
            3        | HTTP_429 | 120                           | 0.0    | 1.0    | 30s 30s
            3        | HTTP_503 | 7                             | 0.0    | 1.0    | 7s 7s
            3        | HTTP_503 | Thu, 01 Jan 2026 00:00:05 GMT | 0.0    | 1.0    | 5s 1s
          """)
  void waitBeforeEachRetryFollowsBackoffJitterAndRetryAfter(
      int attempts,
      Failure failure,
      String retryAfter,
      double random,
      double jitter,
      String waits) {
    FakeTransport transport = new FakeTransport();
    VirtualScheduler time = new VirtualScheduler();
    for (int i = 0; i < 10; i++) {
      transport.on("GET", Op.GET_TASK.path, failure.reply(retryAfter));
    }
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxAttempts(attempts)
            .initialBackoff(Duration.ofMillis(500))
            .maxBackoff(Duration.ofSeconds(10))
            .maxRetryAfter(Duration.ofSeconds(30))
            .jitter(jitter)
            .budgetMinRetries(100)
            .build();

    try (ApiMartClient client =
        TestClients.builder(transport, time).random(() -> random).retryPolicy(policy).build()) {
      assertThatThrownBy(() -> Op.GET_TASK.invoke(client)).isInstanceOf(ApiMartException.class);
    }

    assertThat(transport.count("GET", Op.GET_TASK.path)).isEqualTo(attempts);
    assertThat(time.sleeps()).isEqualTo(durations(waits));
  }

  /**
   * With {@code retryAmbiguousSubmissions(true)} the ambiguous submission failures are repeated;
   * once an attempt was ambiguous, running out of attempts still says "outcome unknown".
   */
  @ParameterizedTest(name = "{0} on submit with opt-in: retried, then {1} when it persists")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # failure         | thrown when it persists
            TIMEOUT         | SubmissionOutcomeUnknownException
            CONNECTION_LOST | SubmissionOutcomeUnknownException
            OTHER_IO        | SubmissionOutcomeUnknownException
            HTTP_500        | SubmissionOutcomeUnknownException
            HTTP_502_HTML   | SubmissionOutcomeUnknownException
            HTTP_504_TEXT   | SubmissionOutcomeUnknownException
          """)
  void ambiguousSubmissionIsRetriedOnlyWhenOptedIn(Failure failure, String thrown) {
    FakeTransport recovering = new FakeTransport();
    recovering.on(
        "POST", Op.SUBMIT.path, failure.reply(), FakeTransport.json(200, Json.submitted("t2")));
    try (ApiMartClient client = optedIn(recovering, new VirtualScheduler())) {
      assertThat(client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat")))
          .isEqualTo(TaskId.of("t2"));
    }
    assertThat(recovering.count("POST", Op.SUBMIT.path)).isEqualTo(2);

    FakeTransport persisting = new FakeTransport();
    persisting.on("POST", Op.SUBMIT.path, failure.reply(), failure.reply(), failure.reply());
    try (ApiMartClient client = optedIn(persisting, new VirtualScheduler())) {
      assertThatThrownBy(() -> Op.SUBMIT.invoke(client)).isInstanceOf(exception(thrown));
    }
    assertThat(persisting.count("POST", Op.SUBMIT.path)).isEqualTo(3);
  }

  /** An ambiguous first attempt followed by a safe-to-retry 503: still "outcome unknown". */
  @ParameterizedTest(name = "{0} then 503 on submit with opt-in -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # first failure | thrown after 3 attempts
            TIMEOUT       | SubmissionOutcomeUnknownException
            HTTP_500      | SubmissionOutcomeUnknownException
          """)
  void ambiguityOnceSeenIsReportedAtExhaustion(Failure first, String thrown) {
    FakeTransport transport = new FakeTransport();
    transport.on(
        "POST", Op.SUBMIT.path, first.reply(), Failure.HTTP_503.reply(), Failure.HTTP_503.reply());
    try (ApiMartClient client = optedIn(transport, new VirtualScheduler())) {
      assertThatThrownBy(() -> Op.SUBMIT.invoke(client)).isInstanceOf(exception(thrown));
    }
    assertThat(transport.count("POST", Op.SUBMIT.path)).isEqualTo(3);
  }

  private static ApiMartClient optedIn(FakeTransport transport, VirtualScheduler time) {
    return TestClients.builder(transport, time)
        .retryPolicy(RetryPolicy.builder().retryAmbiguousSubmissions(true).jitter(0).build())
        .build();
  }

  enum Op {
    SUBMIT("POST", "/v1/images/generations", Json.submitted("task_ok")),
    GET_TASK("GET", "/v1/tasks/task_1", Json.task("task_1", "processing", 10, 20)),
    BALANCE("GET", "/v1/balance", Json.balance("10.5", "2.3"));

    final String method;
    final String path;
    final String success;

    Op(String method, String path, String success) {
      this.method = method;
      this.path = path;
      this.success = success;
    }

    void invoke(ApiMartClient client) {
      switch (this) {
        case SUBMIT -> client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat"));
        case GET_TASK -> client.getTask(TaskId.of("task_1"));
        case BALANCE -> client.balance();
      }
    }
  }

  /** What the transport answers; a status failure may carry a {@code Retry-After}. */
  enum Failure {
    CONNECT_FAILED,
    TIMEOUT,
    CONNECTION_LOST,
    OTHER_IO,
    HTTP_400,
    HTTP_401,
    HTTP_402,
    HTTP_403,
    HTTP_404,
    HTTP_429,
    HTTP_500,
    HTTP_502_HTML,
    HTTP_503,
    HTTP_504_TEXT,
    TRUNCATED_200;

    Reply reply() {
      return reply("-");
    }

    Reply reply(String retryAfter) {
      Map<String, List<String>> json =
          retryAfter.equals("-")
              ? Map.of("content-type", List.of("application/json"))
              : Map.of(
                  "content-type", List.of("application/json"), "retry-after", List.of(retryAfter));
      return switch (this) {
        case CONNECT_FAILED -> FakeTransport.fail(TransportException.Kind.CONNECT_FAILED);
        case TIMEOUT -> FakeTransport.fail(TransportException.Kind.TIMEOUT);
        case CONNECTION_LOST -> FakeTransport.fail(TransportException.Kind.CONNECTION_LOST);
        case OTHER_IO -> FakeTransport.fail(TransportException.Kind.OTHER);
        case HTTP_400 -> FakeTransport.reply(400, json, Json.error(400, "bad"));
        case HTTP_401 -> FakeTransport.reply(401, json, Json.error(401, "no key"));
        case HTTP_402 -> FakeTransport.reply(402, json, Json.error(402, "pay"));
        case HTTP_403 -> FakeTransport.reply(403, json, Json.error(403, "no"));
        case HTTP_404 -> FakeTransport.reply(404, json, Json.error(404, "gone"));
        case HTTP_429 -> FakeTransport.reply(429, json, Json.error(429, "slow down"));
        case HTTP_500 -> FakeTransport.reply(500, json, Json.error(500, "oops"));
        case HTTP_502_HTML -> FakeTransport.reply(502, Map.of(), "<html>bad gateway</html>");
        case HTTP_503 -> FakeTransport.reply(503, json, Json.error(503, "busy"));
        case HTTP_504_TEXT -> FakeTransport.reply(504, Map.of(), "gateway timeout");
        case TRUNCATED_200 ->
            FakeTransport.reply(200, Map.of(), "{\"code\":200,\"data\":[{\"status\"");
      };
    }
  }

  private static final Map<String, Class<? extends ApiMartException>> EXCEPTIONS =
      Map.ofEntries(
          Map.entry("TransportException", TransportException.class),
          Map.entry("RequestRejectedException", RequestRejectedException.class),
          Map.entry("AuthenticationException", AuthenticationException.class),
          Map.entry("InsufficientBalanceException", InsufficientBalanceException.class),
          Map.entry("PermissionDeniedException", PermissionDeniedException.class),
          Map.entry("NotFoundException", NotFoundException.class),
          Map.entry("RateLimitedException", RateLimitedException.class),
          Map.entry("ServerException", ServerException.class),
          Map.entry("UnexpectedResponseException", UnexpectedResponseException.class),
          Map.entry("SubmissionOutcomeUnknownException", SubmissionOutcomeUnknownException.class));

  private static Class<? extends ApiMartException> exception(String simpleName) {
    Class<? extends ApiMartException> type = EXCEPTIONS.get(simpleName);
    if (type == null) {
      throw new IllegalArgumentException("no exception in the table named " + simpleName);
    }
    return type;
  }

  /** "500ms 1s 2s" as durations; "-" is none. */
  private static List<Duration> durations(String waits) {
    List<Duration> list = new ArrayList<>();
    if (waits.equals("-")) {
      return list;
    }
    for (String wait : waits.trim().split("\\s+")) {
      list.add(
          wait.endsWith("ms")
              ? Duration.ofMillis(Long.parseLong(wait.substring(0, wait.length() - 2)))
              : Duration.ofSeconds(Long.parseLong(wait.substring(0, wait.length() - 1))));
    }
    return list;
  }
}
