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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole retry decision table, operation by failure: how many attempts are made when the failure
 * persists, what is thrown, and that one failure followed by success recovers exactly when the
 * failure is retryable.
 */
class RetryDecisionTableTest {

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

  enum Failure {
    CONNECT_FAILED(
        FakeTransport.fail(TransportException.Kind.CONNECT_FAILED), TransportException.class),
    TIMEOUT(FakeTransport.fail(TransportException.Kind.TIMEOUT), TransportException.class),
    CONNECTION_LOST(
        FakeTransport.fail(TransportException.Kind.CONNECTION_LOST), TransportException.class),
    OTHER_IO(FakeTransport.fail(TransportException.Kind.OTHER), TransportException.class),
    HTTP_400(FakeTransport.json(400, Json.error(400, "bad")), RequestRejectedException.class),
    HTTP_401(FakeTransport.json(401, Json.error(401, "no key")), AuthenticationException.class),
    HTTP_402(FakeTransport.json(402, Json.error(402, "pay")), InsufficientBalanceException.class),
    HTTP_403(FakeTransport.json(403, Json.error(403, "no")), PermissionDeniedException.class),
    HTTP_404(FakeTransport.json(404, Json.error(404, "gone")), NotFoundException.class),
    HTTP_429(FakeTransport.json(429, Json.error(429, "slow down")), RateLimitedException.class),
    HTTP_500(FakeTransport.json(500, Json.error(500, "oops")), ServerException.class),
    HTTP_502(
        FakeTransport.reply(502, java.util.Map.of(), "<html>bad gateway</html>"),
        ServerException.class),
    HTTP_503(FakeTransport.json(503, Json.error(503, "busy")), ServerException.class),
    HTTP_504(
        FakeTransport.reply(504, java.util.Map.of(), "gateway timeout"), ServerException.class),
    TRUNCATED_200(
        FakeTransport.reply(200, java.util.Map.of(), "{\"code\":200,\"data\":[{\"status\""),
        UnexpectedResponseException.class);

    final Reply reply;
    final Class<? extends ApiMartException> type;

    Failure(Reply reply, Class<? extends ApiMartException> type) {
      this.reply = reply;
      this.type = type;
    }
  }

  /** op, failure, attempts when it persists (max 3), exception then thrown. */
  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    for (Op op : Op.values()) {
      for (Failure f : Failure.values()) {
        boolean clientError =
            (f.name().startsWith("HTTP_4") && f != Failure.HTTP_429)
                || (f == Failure.TRUNCATED_200 && op != Op.SUBMIT);
        int attempts;
        Class<? extends ApiMartException> thrown = f.type;
        if (clientError) {
          attempts = 1;
        } else if (op != Op.SUBMIT) {
          attempts = 3;
        } else {
          boolean safe =
              f == Failure.CONNECT_FAILED || f == Failure.HTTP_429 || f == Failure.HTTP_503;
          attempts = safe ? 3 : 1;
          if (!safe) {
            thrown = SubmissionOutcomeUnknownException.class;
          }
        }
        rows.add(Arguments.of(op, f, attempts, thrown));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} x {1} -> {2} attempts, {3}")
  @MethodSource("table")
  void persistentFailureIsAttemptedAsOftenAsTheTableSaysThenThrowsTyped(
      Op op, Failure failure, int attempts, Class<? extends ApiMartException> thrown) {
    FakeTransport transport = new FakeTransport();
    VirtualScheduler time = new VirtualScheduler();
    for (int i = 0; i < 5; i++) {
      transport.on(op.method, op.path, failure.reply);
    }
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThatThrownBy(() -> op.invoke(client)).isInstanceOf(thrown);
    }
    assertThat(transport.count(op.method, op.path)).isEqualTo(attempts);
    assertThat(time.sleeps()).hasSize(attempts - 1);
  }

  @ParameterizedTest(name = "{0} x {1} once, then success")
  @MethodSource("table")
  void singleFailureRecoversExactlyWhenRetryable(
      Op op, Failure failure, int attempts, Class<? extends ApiMartException> thrown) {
    FakeTransport transport = new FakeTransport();
    VirtualScheduler time = new VirtualScheduler();
    transport.on(op.method, op.path, failure.reply, FakeTransport.json(200, op.success));
    Consumer<ApiMartClient> call = op::invoke;
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      if (attempts > 1) {
        call.accept(client);
        assertThat(transport.count(op.method, op.path)).isEqualTo(2);
      } else {
        assertThatThrownBy(() -> call.accept(client)).isInstanceOf(thrown);
        assertThat(transport.count(op.method, op.path)).isEqualTo(1);
      }
    }
  }

  @ParameterizedTest(name = "{1} on submit with opt-in")
  @MethodSource("ambiguousSubmitFailures")
  void ambiguousSubmissionIsRetriedOnlyWhenOptedIn(Failure failure) {
    FakeTransport transport = new FakeTransport();
    VirtualScheduler time = new VirtualScheduler();
    transport.on(
        "POST",
        "/v1/images/generations",
        failure.reply,
        FakeTransport.json(200, Json.submitted("t2")));
    try (ApiMartClient client =
        TestClients.builder(transport, time)
            .retryPolicy(RetryPolicy.builder().retryAmbiguousSubmissions(true).jitter(0).build())
            .build()) {
      TaskId id = client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat"));
      assertThat(id).isEqualTo(TaskId.of("t2"));
    }
    assertThat(transport.count("POST", "/v1/images/generations")).isEqualTo(2);
  }

  static Stream<Failure> ambiguousSubmitFailures() {
    return Stream.of(
        Failure.TIMEOUT,
        Failure.CONNECTION_LOST,
        Failure.OTHER_IO,
        Failure.HTTP_500,
        Failure.HTTP_502,
        Failure.HTTP_504);
  }
}
