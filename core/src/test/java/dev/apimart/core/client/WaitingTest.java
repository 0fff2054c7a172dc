package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ClientClosedException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.TaskCancelledException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Resolution;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.Json;
import dev.apimart.core.testing.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitingTest {

  private static final String SUBMIT = "/v1/images/generations";
  private static final String TASK = "/v1/tasks/task_1";
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder()
          .model(ImageModel.QWEN_IMAGE_2_0)
          .prompt("a red fox")
          .size(ImageSize.RATIO_16_9)
          .resolution(Resolution.RES_2K)
          .build();

  private final FakeTransport transport = new FakeTransport();
  private final VirtualScheduler time = new VirtualScheduler();

  private static FakeTransport.Reply ok(String json) {
    return FakeTransport.json(200, json);
  }

  @Test
  void generateSubmitsWaitsAndReturnsImagesWithTheExpectedSize() {
    transport
        .on("POST", SUBMIT, ok(Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            ok(Json.task("task_1", "processing", 20, 10)),
            ok(Json.completed("task_1", "https://cdn.example.com/a.png?sig=1")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      GenerationResult result = client.generate(REQUEST);
      assertThat(result.taskId()).isEqualTo(TaskId.of("task_1"));
      assertThat(result.task().status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(result.images()).hasSize(1);
      assertThat(result.images().get(0).expectedSize()).isEqualTo(new PixelSize(2048, 1152));
      assertThat(result.images().get(0).url().toString())
          .isEqualTo("https://cdn.example.com/a.png?sig=1");
    }
    // First poll after the initial delay, the next one just after the predicted completion
    // (2 s with 20% progress -> 10 s), not a fixed tight loop.
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(8250));
  }

  @Test
  void generateAsyncCompletesOnScheduledPollsWithoutBlocking() throws Exception {
    transport
        .on("POST", SUBMIT, ok(Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            ok(Json.task("task_1", "pending", 0, null)),
            ok(Json.task("task_1", "processing", 50, 8)),
            ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      CompletableFuture<GenerationResult> future = client.generateAsync(REQUEST);
      assertThat(future).isNotDone();
      assertThat(transport.count("GET", TASK)).isZero();
      time.runUntilDone(future);
      assertThat(future.get(0, TimeUnit.SECONDS).images()).hasSize(1);
      assertThat(transport.count("GET", TASK)).isEqualTo(3);
      assertThat(time.sleeps()).isEmpty();
    }
  }

  @Test
  void failedTaskEndsWithTaskFailedCarryingTheServersError() {
    transport
        .on("POST", SUBMIT, ok(Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            ok(Json.task("task_1", "failed", 0, 10, null, List.of(), "prompt refused")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThatThrownBy(() -> client.generate(REQUEST))
          .isInstanceOfSatisfying(
              TaskFailedException.class,
              e -> {
                assertThat(e.task().error()).isNotNull();
                assertThat(e.task().error().message()).isEqualTo("prompt refused");
                assertThat(e.serverMessage()).contains("prompt refused");
              });
    }
  }

  @Test
  void cancelledTaskEndsWithTaskCancelled() {
    transport.on("GET", TASK, ok(Json.task("task_1", "cancelled", 0, 10)));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThatThrownBy(() -> client.waitFor(TaskId.of("task_1")))
          .isInstanceOf(TaskCancelledException.class);
    }
  }

  @Test
  void unknownStatusKeepsPolling() {
    transport.on(
        "GET",
        TASK,
        ok(Json.task("task_1", "warming_up", 0, null)),
        ok(Json.task("task_1", "warming_up", 0, null)),
        ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThat(client.waitFor(TaskId.of("task_1")).task().status())
          .isEqualTo(TaskStatus.COMPLETED);
    }
    assertThat(transport.count("GET", TASK)).isEqualTo(3);
  }

  @Test
  void deadlineEndsTheWaitWithTheLastSnapshotAfterOneLastPollExactlyAtIt() {
    transport.handler(
        r -> FakeTransport.json(200, Json.task("task_1", "processing", 0, 30)).respond(r));
    PollingOptions polling = PollingOptions.builder().timeout(Duration.ofSeconds(25)).build();
    try (ApiMartClient client =
        TestClients.builder(transport, time).pollingOptions(polling).build()) {
      assertThatThrownBy(() -> client.waitFor(TaskId.of("task_1")))
          .isInstanceOfSatisfying(
              WaitTimeoutException.class,
              e -> {
                assertThat(e.taskId()).isEqualTo(TaskId.of("task_1"));
                assertThat(e.lastSeen()).isPresent();
                assertThat(e.lastSeen().get().status()).isEqualTo(TaskStatus.PROCESSING);
                assertThat(e.getMessage()).contains("waitFor");
              });
    }
    // Never waits past the deadline: the sleeps add up to exactly 25 s.
    assertThat(time.sleeps().stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofSeconds(25));
    assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(25));
  }

  @Test
  void cancellingTheFutureStopsFurtherPolls() {
    transport
        .on("POST", SUBMIT, ok(Json.submitted("task_1")))
        .handler(r -> FakeTransport.json(200, Json.task("task_1", "processing", 0, 60)).respond(r));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      CompletableFuture<GenerationResult> future = client.generateAsync(REQUEST);
      time.advance(Duration.ofSeconds(15));
      long pollsBefore = transport.count("GET", TASK);
      assertThat(pollsBefore).isPositive();
      assertThat(future.cancel(true)).isTrue();
      time.advance(Duration.ofMinutes(30));
      assertThat(transport.count("GET", TASK)).isEqualTo(pollsBefore);
      assertThat(time.pending()).isZero();
    }
  }

  @Test
  void resumingFromABareTaskIdPollsAtOnce() {
    transport.on("GET", TASK, ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      GenerationResult result =
          client.waitFor(
              TaskId.of("task_1"),
              WaitOptions.builder().expectedSize(new PixelSize(1024, 1024)).build());
      assertThat(result.images().get(0).expectedSize()).isEqualTo(new PixelSize(1024, 1024));
    }
    assertThat(time.elapsed()).isZero();
  }

  @Test
  void resumeUsesTheTasksCreationTimeToPlan() {
    // Created 50 s ago with a 60 s estimate: the next poll goes out ~10 s later, not 60 s.
    transport.on(
        "GET",
        TASK,
        ok(Json.task("task_1", "processing", 0, 60, time.now().minusSeconds(50), List.of(), null)),
        ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      client.waitFor(TaskId.of("task_1"));
    }
    assertThat(time.sleeps()).containsExactly(Duration.ZERO, Duration.ofMillis(10_000));
  }

  @Test
  void progressListenerSeesEverySnapshotWithElapsedAndEstimate() {
    List<ProgressEvent> events = new ArrayList<>();
    transport
        .on("POST", SUBMIT, ok(Json.submitted("task_1")))
        .on(
            "GET",
            TASK,
            ok(Json.task("task_1", "processing", 40, 5)),
            ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client =
        TestClients.builder(transport, time).progressListener(events::add).build()) {
      client.generate(REQUEST);
    }
    assertThat(events).hasSize(2);
    ProgressEvent first = events.get(0);
    assertThat(first.status()).isEqualTo(TaskStatus.PROCESSING);
    assertThat(first.progress()).isEqualTo(40);
    assertThat(first.elapsed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(first.estimatedTime()).isEqualTo(Duration.ofSeconds(5));
    assertThat(first.estimatedRemaining()).contains(Duration.ofSeconds(3));
    assertThat(events.get(1).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aFailingListenerDoesNotBreakTheWait() {
    transport.on("GET", TASK, ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client =
        TestClients.builder(transport, time)
            .progressListener(
                e -> {
                  throw new IllegalStateException("listener bug");
                })
            .build()) {
      assertThat(client.waitFor(TaskId.of("task_1")).images()).hasSize(1);
    }
  }

  @Test
  void notFoundEndsTheWaitAtOnce() {
    transport.on("GET", TASK, FakeTransport.json(404, Json.error(404, "no such task")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThatThrownBy(() -> client.waitFor(TaskId.of("task_1")))
          .isInstanceOf(NotFoundException.class);
    }
    assertThat(transport.count("GET", TASK)).isEqualTo(1);
  }

  @Test
  void unauthorizedEndsAnAsyncWaitAtOnce() {
    transport.on("GET", TASK, FakeTransport.json(401, Json.error(401, "bad key")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      CompletableFuture<GenerationResult> future = client.waitForAsync(TaskId.of("task_1"));
      time.runUntilDone(future);
      assertThatThrownBy(future::get)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(AuthenticationException.class);
    }
    assertThat(transport.count("GET", TASK)).isEqualTo(1);
  }

  @Test
  void transientPollFailuresAreRetriedAndTheWaitGoesOn() {
    FakeTransport.Reply unavailable = FakeTransport.json(503, Json.error(503, "busy"));
    transport.on(
        "GET",
        TASK,
        ok(Json.task("task_1", "processing", 10, 20)),
        unavailable,
        unavailable,
        unavailable, // the retry engine gives up on this poll after 3 attempts
        ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      assertThat(client.waitFor(TaskId.of("task_1")).images()).hasSize(1);
    }
    assertThat(transport.count("GET", TASK)).isEqualTo(5);
  }

  @Test
  void tooManyFailedPollsInARowEndTheWaitWithTheLastFailure() {
    transport.handler(r -> FakeTransport.json(503, Json.error(503, "busy")).respond(r));
    PollingOptions polling = PollingOptions.builder().maxFailedPolls(2).build();
    try (ApiMartClient client =
        TestClients.builder(transport, time)
            .pollingOptions(polling)
            .retryPolicy(RetryPolicy.none())
            .build()) {
      assertThatThrownBy(() -> client.waitFor(TaskId.of("task_1")))
          .isInstanceOf(ServerException.class);
    }
    assertThat(transport.count("GET", TASK)).isEqualTo(2);
  }

  @Test
  void retryAfterOnAPollIsHonoured() {
    transport.on(
        "GET",
        TASK,
        FakeTransport.reply(429, Map.of("retry-after", List.of("7")), Json.error(429, "slow down")),
        ok(Json.completed("task_1", "https://cdn.example.com/a.png")));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      client.waitFor(TaskId.of("task_1"));
    }
    assertThat(time.sleeps()).containsExactly(Duration.ZERO, Duration.ofSeconds(7));
  }

  @Test
  void closingTheClientFailsRunningWaits() {
    transport.handler(
        r -> FakeTransport.json(200, Json.task("task_1", "processing", 0, 60)).respond(r));
    ApiMartClient client = TestClients.builder(transport, time).build();
    CompletableFuture<GenerationResult> future = client.waitForAsync(TaskId.of("task_1"));
    time.advance(Duration.ofSeconds(1));
    client.close();
    assertThatThrownBy(future::get)
        .hasCauseInstanceOf(ClientClosedException.class)
        .hasMessageContaining("closed");
    long polls = transport.count("GET", TASK);
    time.advance(Duration.ofMinutes(5));
    assertThat(transport.count("GET", TASK)).isEqualTo(polls);
  }

  @Test
  void thousandConcurrentAsyncGenerationsAllComplete() {
    transport.handler(
        new dev.apimart.core.testing.SimulatedApiMart(
            time.clock(),
            n ->
                new dev.apimart.core.testing.SimulatedApiMart.Plan(
                    Duration.ofSeconds(5 + n % 30), Duration.ofSeconds(20), n % 2 == 0)));
    try (ApiMartClient client = TestClients.builder(transport, time).build()) {
      List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        futures.add(client.generateAsync(REQUEST));
      }
      CompletableFuture<Void> all =
          CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
      time.runUntilDone(all);
      assertThat(all).isCompletedWithValueMatching(v -> true);
      assertThat(futures).allSatisfy(f -> assertThat(f.join().images()).hasSize(1));
    }
  }
}
