package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A submission answered with a 2xx whose body cannot be read (cut off, not JSON, no usable task id)
 * may well have created a task: the service said OK, only the id is lost. That is an ambiguous
 * failure like a timeout after sending — "outcome unknown", never repeated unless opted in — not a
 * plain unexpected answer that a caller might simply submit again.
 */
class UnreadableSubmissionAnswerTest {

  private static final String PATH = "/v1/images/generations";

  static Stream<String> unreadableOkAnswers() {
    return Stream.of(
        "{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"task_01",
        "<html>OK</html>",
        "{\"code\":200,\"data\":[{\"status\":\"submitted\"}]}",
        "{\"code\":200,\"data\":[{\"task_id\":\"../../v1/balance\"}]}");
  }

  @ParameterizedTest
  @MethodSource("unreadableOkAnswers")
  void unreadableOkAnswerToSubmissionIsOutcomeUnknownAndNotRepeated(String body) {
    FakeTransport transport = new FakeTransport();
    transport.on("POST", PATH, FakeTransport.json(200, body), FakeTransport.json(200, body));
    try (ApiMartClient client = TestClients.builder(transport, new VirtualScheduler()).build()) {
      Throwable thrown = catchThrowable(() -> client.submit(request()));

      assertThat(thrown).isInstanceOf(SubmissionOutcomeUnknownException.class);
      assertThat(((SubmissionOutcomeUnknownException) thrown).attempts()).isEqualTo(1);
      assertThat(thrown.getCause()).isInstanceOf(UnexpectedResponseException.class);
      assertThat(((SubmissionOutcomeUnknownException) thrown).httpStatus()).hasValue(200);
    }
    assertThat(transport.count("POST", PATH)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("unreadableOkAnswers")
  void unreadableOkAnswerToAsyncSubmissionIsOutcomeUnknownToo(String body) {
    FakeTransport transport = new FakeTransport();
    VirtualScheduler time = new VirtualScheduler();
    transport.on("POST", PATH, FakeTransport.json(200, body));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      Throwable thrown = catchThrowable(() -> client.submitAsync(request()).join());

      assertThat(thrown)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(SubmissionOutcomeUnknownException.class);
    }
    assertThat(transport.count("POST", PATH)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("unreadableOkAnswers")
  void unreadableOkAnswerIsRepeatedOnlyWhenAmbiguousSubmissionsMayBe(String body) {
    FakeTransport transport = new FakeTransport();
    transport.on(
        "POST", PATH, FakeTransport.json(200, body), FakeTransport.json(200, Json.submitted("t2")));
    try (ApiMartClient client =
        TestClients.builder(transport, new VirtualScheduler())
            .retryPolicy(RetryPolicy.builder().retryAmbiguousSubmissions(true).jitter(0).build())
            .build()) {
      assertThat(client.submit(request())).isEqualTo(TaskId.of("t2"));
    }
    assertThat(transport.count("POST", PATH)).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("unreadableOkAnswers")
  void unreadableAnswerToAStatusRequestStaysAPlainUnexpectedResponse(String body) {
    FakeTransport transport = new FakeTransport();
    transport.on("GET", "/v1/tasks/t1", FakeTransport.json(200, body));
    try (ApiMartClient client = TestClients.builder(transport, new VirtualScheduler()).build()) {
      Throwable thrown = catchThrowable(() -> client.getTask(TaskId.of("t1")));

      assertThat(thrown).isInstanceOf(UnexpectedResponseException.class);
    }
    assertThat(transport.count("GET", "/v1/tasks/t1")).isEqualTo(1);
  }

  @Test
  void unexpectedNonSuccessStatusToSubmissionIsNotAmbiguous() {
    FakeTransport transport = new FakeTransport();
    transport.on("POST", PATH, FakeTransport.json(418, Json.error(418, "teapot")));
    try (ApiMartClient client = TestClients.builder(transport, new VirtualScheduler()).build()) {
      Throwable thrown = catchThrowable(() -> client.submit(request()));

      assertThat(thrown)
          .isInstanceOf(UnexpectedResponseException.class)
          .isNotInstanceOf(InvalidRequestException.class);
    }
    assertThat(transport.count("POST", PATH)).isEqualTo(1);
  }

  private static GenerationRequest request() {
    return GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a cat");
  }
}
