package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a result says about how it was obtained: submission attempts, polls, request id. */
class ResultMetadataTest {

  private static final String SUBMIT = "/v1/images/generations";
  private static final String TASK = "/v1/tasks/task_1";
  private static final GenerationRequest REQUEST =
      GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "a lighthouse at dawn");

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();

  private void scriptRateLimitedThenAcceptedThenThreePolls() {
    transport
        .on(
            "POST",
            SUBMIT,
            FakeTransport.reply(
                429, Map.of("retry-after", List.of("1")), Json.error(429, "slow down")),
            FakeTransport.reply(
                200,
                Map.of(
                    "content-type", List.of("application/json"),
                    "x-request-id", List.of("req-7f3a")),
                Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            FakeTransport.json(200, Json.task("task_1", "processing", 10, 20)),
            FakeTransport.json(200, Json.task("task_1", "processing", 60, 20)),
            FakeTransport.json(200, Json.completed("task_1", "https://cdn.example.com/a.png")));
  }

  @Test
  void generateReportsTheSubmissionAttemptsThePollsAndTheRequestId() {
    scriptRateLimitedThenAcceptedThenThreePolls();
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      GenerationResult result = client.generate(REQUEST);

      assertThat(result.submissionAttempts()).isEqualTo(2);
      assertThat(result.polls()).isEqualTo(3);
      assertThat(result.requestId()).contains("req-7f3a");
      assertThat(result.taskId()).isEqualTo(TaskId.of("task_1"));
    }
  }

  @Test
  void generateAsyncReportsTheSame() throws Exception {
    scriptRateLimitedThenAcceptedThenThreePolls();
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      var future = client.generateAsync(REQUEST);
      time.advance(Duration.ofMinutes(2));
      GenerationResult result = future.get();

      assertThat(result.submissionAttempts()).isEqualTo(2);
      assertThat(result.polls()).isEqualTo(3);
      assertThat(result.requestId()).contains("req-7f3a");
    }
  }

  @Test
  void aResumedWaitMadeNoSubmissionAndHasNoRequestId() {
    transport.on(
        "GET",
        TASK,
        FakeTransport.json(200, Json.task("task_1", "processing", 50, 10)),
        FakeTransport.json(200, Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      GenerationResult result = client.waitFor(TaskId.of("task_1"));

      assertThat(result.submissionAttempts()).isZero();
      assertThat(result.polls()).isEqualTo(2);
      assertThat(result.requestId()).isEmpty();
    }
  }

  @Test
  void aSubmissionAnsweredWithoutARequestIdLeavesItEmpty() {
    transport
        .on("POST", SUBMIT, FakeTransport.json(200, Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            FakeTransport.json(200, Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      GenerationResult result = client.generate(REQUEST);

      assertThat(result.submissionAttempts()).isEqualTo(1);
      assertThat(result.polls()).isEqualTo(1);
      assertThat(result.requestId()).isEmpty();
    }
  }

  @Test
  void aResultRefusesATaskIdThatIsNotItsTasksOwn() {
    transport.on(
        "GET",
        TASK,
        FakeTransport.json(200, Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      GenerationResult result = client.waitFor(TaskId.of("task_1"));

      assertThatThrownBy(() -> result.toBuilder().taskId(TaskId.of("task_2")).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("task_2")
          .hasMessageContaining("task_1");
      assertThat(result.toBuilder().build()).isEqualTo(result);
      assertThatThrownBy(() -> result.toBuilder().polls(-1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
