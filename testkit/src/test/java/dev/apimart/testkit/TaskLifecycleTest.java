package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TaskLifecycleTest {

  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  private static final String TURBO = "{\"model\":\"z-image-turbo\",\"prompt\":\"a cat\"}";
  private static final String QWEN_FOUR =
      "{\"model\":\"qwen-image-2.0\",\"prompt\":\"four cats\",\"n\":4}";

  private final List<FakeApiMart> fakes = new ArrayList<>();

  @AfterEach
  void close() {
    fakes.forEach(FakeApiMart::close);
  }

  private FakeApiMart clockOnly() {
    return keep(FakeApiMart.builder().startTime(START).onlyClockMovesTasks().start());
  }

  private FakeApiMart keep(FakeApiMart fake) {
    fakes.add(fake);
    return fake;
  }

  @Test
  void taskIsPendingThenProcessingWithRisingProgressThenCompletedByTheClock() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);
    String id = http.submitOk(QWEN_FOUR);

    JsonNode pending = http.poll(id);
    fake.advance(Duration.ofSeconds(5));
    JsonNode early = http.poll(id);
    fake.advance(Duration.ofSeconds(10));
    JsonNode late = http.poll(id);
    fake.advance(Duration.ofSeconds(5));
    JsonNode done = http.poll(id);

    assertThat(pending.path("status").asString()).isEqualTo("pending");
    assertThat(pending.path("progress").asInt()).isZero();
    assertThat(pending.path("estimated_time").asInt()).isEqualTo(20);
    assertThat(pending.path("created").asLong()).isEqualTo(START.getEpochSecond());
    assertThat(pending.has("completed")).isFalse();
    assertThat(pending.has("result")).isFalse();
    assertThat(early.path("status").asString()).isEqualTo("processing");
    assertThat(late.path("status").asString()).isEqualTo("processing");
    assertThat(early.path("progress").asInt()).isEqualTo(25);
    assertThat(late.path("progress").asInt()).isEqualTo(75);
    assertThat(done.path("status").asString()).isEqualTo("completed");
    assertThat(done.path("progress").asInt()).isEqualTo(100);
    assertThat(done.path("completed").asLong()).isEqualTo(START.getEpochSecond() + 20);
    assertThat(done.path("actual_time").asInt()).isEqualTo(20);
    assertThat(done.path("result").path("images").size()).isEqualTo(4);
    assertThat(done.path("id").asString()).isEqualTo(id);
  }

  @Test
  void completedImagesCarryUrlsOnTheFakeAndAnExpiry() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);
    String id = http.submitOk(QWEN_FOUR);
    fake.advance(Duration.ofSeconds(20));

    JsonNode images = http.poll(id).path("result").path("images");

    for (int i = 0; i < 4; i++) {
      JsonNode image = images.path(i);
      assertThat(image.path("url").isArray()).isTrue();
      assertThat(image.path("url").path(0).asString())
          .isEqualTo(fake.baseUrl() + "/files/" + id + "/" + (i + 1) + ".png");
      assertThat(image.path("expires_at").asLong())
          .isEqualTo(START.plusSeconds(20).plus(Duration.ofHours(24)).getEpochSecond());
    }
  }

  @Test
  void urlShapeStringWritesPlainStrings() {
    FakeApiMart fake = keep(FakeApiMart.builder().urlShape(UrlShape.STRING).start());
    Http http = new Http(fake);
    String id = http.submitOk(TURBO);
    fake.completeNow(id);

    JsonNode url = http.poll(id).path("result").path("images").path(0).path("url");

    assertThat(url.isString()).isTrue();
    assertThat(url.asString()).startsWith(fake.baseUrl() + "/files/" + id + "/1.png");
  }

  @Test
  void scriptedOutcomeCanChooseItsOwnUrlShape() {
    FakeApiMart fake = keep(FakeApiMart.start());
    Http http = new Http(fake);
    fake.onNextTask(Outcome.completes().withUrlShape(UrlShape.STRING));
    String stringShaped = http.submitOk(TURBO);
    String arrayShaped = http.submitOk(TURBO);
    fake.completeNow(stringShaped);
    fake.completeNow(arrayShaped);

    assertThat(http.poll(stringShaped).path("result").path("images").path(0).path("url").isString())
        .isTrue();
    assertThat(http.poll(arrayShaped).path("result").path("images").path(0).path("url").isArray())
        .isTrue();
  }

  @Test
  void byDefaultATaskFinishesOnItsThirdPollWithoutTouchingTheClock() {
    FakeApiMart fake = keep(FakeApiMart.start());
    Http http = new Http(fake);
    String id = http.submitOk(QWEN_FOUR);

    List<String> statuses = new ArrayList<>();
    List<Integer> progress = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JsonNode task = http.poll(id);
      statuses.add(task.path("status").asString());
      progress.add(task.path("progress").asInt());
    }

    assertThat(statuses).containsExactly("pending", "processing", "completed", "completed");
    assertThat(progress).containsExactly(0, 50, 100, 100);
    assertThat(fake.task(id).orElseThrow().polls()).isEqualTo(4);
  }

  @Test
  void finishAfterOnePollCompletesOnTheFirstPoll() {
    FakeApiMart fake = keep(FakeApiMart.builder().finishAfterPolls(1).start());
    Http http = new Http(fake);
    String id = http.submitOk(TURBO);

    assertThat(http.poll(id).path("status").asString()).isEqualTo("completed");
  }

  @Test
  void withOnlyTheClockPollsDoNotMoveATask() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);
    String id = http.submitOk(TURBO);

    for (int i = 0; i < 10; i++) {
      assertThat(http.poll(id).path("status").asString()).isEqualTo("pending");
    }
  }

  @Test
  void scriptedFailureEndsFailedWithItsCodeAndMessage() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);
    fake.onNextTask(
        Outcome.fails("content_policy_violation", "The prompt was refused by the safety system")
            .after(Duration.ofSeconds(2)));
    String id = http.submitOk(TURBO);
    fake.advance(Duration.ofSeconds(2));

    JsonNode task = http.poll(id);

    assertThat(task.path("status").asString()).isEqualTo("failed");
    assertThat(task.path("error").path("code").asString()).isEqualTo("content_policy_violation");
    assertThat(task.path("error").path("message").asString())
        .isEqualTo("The prompt was refused by the safety system");
    assertThat(task.has("result")).isFalse();
    assertThat(task.path("actual_time").asInt()).isEqualTo(2);
    assertThat(task.path("progress").asInt()).isBetween(0, 99);
  }

  @Test
  void numericFailureCodeIsWrittenAsANumber() {
    FakeApiMart fake = keep(FakeApiMart.builder().finishAfterPolls(1).start());
    Http http = new Http(fake);
    fake.onNextTask(Outcome.fails("500", "upstream error"));
    String id = http.submitOk(TURBO);

    JsonNode code = http.poll(id).path("error").path("code");

    assertThat(code.isIntegralNumber()).isTrue();
    assertThat(code.asInt()).isEqualTo(500);
  }

  @Test
  void neverFinishingTaskStaysProcessingWithProgressBelow100() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);
    fake.onNextTask(Outcome.neverFinishes());
    String id = http.submitOk(TURBO);
    fake.advance(Duration.ofDays(3));

    JsonNode task = http.poll(id);

    assertThat(task.path("status").asString()).isEqualTo("processing");
    assertThat(task.path("progress").asInt()).isEqualTo(95);
  }

  @Test
  void neverFinishingTaskIgnoresPollCounts() {
    FakeApiMart fake = keep(FakeApiMart.start());
    Http http = new Http(fake);
    fake.onNextTask(Outcome.neverFinishes());
    String id = http.submitOk(TURBO);

    for (int i = 0; i < 10; i++) {
      http.poll(id);
    }

    assertThat(fake.task(id).orElseThrow().status()).isEqualTo(TaskStatus.PROCESSING);
  }

  @Test
  void cancelledOutcomeEndsCancelled() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);
    fake.onNextTask(Outcome.getsCancelled());
    String id = http.submitOk(TURBO);
    fake.advance(Duration.ofSeconds(5));

    JsonNode task = http.poll(id);

    assertThat(task.path("status").asString()).isEqualTo("cancelled");
    assertThat(task.has("result")).isFalse();
    assertThat(task.has("completed")).isTrue();
  }

  @Test
  void scriptedDurationShorterThanTheEstimateJumpsToDone() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);
    fake.onNextTask(Outcome.completes().after(Duration.ofSeconds(8)));
    String id = http.submitOk(QWEN_FOUR);
    fake.advance(Duration.ofSeconds(8));

    JsonNode task = http.poll(id);

    assertThat(task.path("status").asString()).isEqualTo("completed");
    assertThat(task.path("estimated_time").asInt()).isEqualTo(20);
    assertThat(task.path("actual_time").asInt()).isEqualTo(8);
  }

  @Test
  void configuredModelDurationIsUsed() {
    FakeApiMart fake =
        keep(
            FakeApiMart.builder()
                .onlyClockMovesTasks()
                .taskDuration(ImageModel.Z_IMAGE_TURBO, Duration.ofSeconds(60))
                .start());
    Http http = new Http(fake);
    String id = http.submitOk(TURBO);
    fake.advance(Duration.ofSeconds(59));

    assertThat(http.poll(id).path("estimated_time").asInt()).isEqualTo(60);
    assertThat(fake.task(id).orElseThrow().status()).isEqualTo(TaskStatus.PROCESSING);
    fake.advance(Duration.ofSeconds(1));
    assertThat(fake.task(id).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void defaultDurationsAreFiveSecondsForTurboAndTwentyForQwen() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);

    assertThat(http.poll(http.submitOk(TURBO)).path("estimated_time").asInt()).isEqualTo(5);
    assertThat(http.poll(http.submitOk(QWEN_FOUR)).path("estimated_time").asInt()).isEqualTo(20);
  }

  @Test
  void promptRulesScriptMatchingTasksAndQueuedOutcomesWin() {
    FakeApiMart fake = keep(FakeApiMart.builder().finishAfterPolls(1).start());
    Http http = new Http(fake);
    fake.onPromptMatching("(?i)forbidden", Outcome.fails("policy", "no"));
    fake.onNextTask(Outcome.getsCancelled());

    String queued = http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"FORBIDDEN fruit\"}");
    String matched = http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"forbidden city\"}");
    String plain = http.submitOk(TURBO);

    assertThat(http.poll(queued).path("status").asString()).isEqualTo("cancelled");
    assertThat(http.poll(matched).path("status").asString()).isEqualTo("failed");
    assertThat(http.poll(plain).path("status").asString()).isEqualTo("completed");
  }

  @Test
  void queuedOutcomesApplyInOrder() {
    FakeApiMart fake = keep(FakeApiMart.builder().finishAfterPolls(1).start());
    Http http = new Http(fake);
    fake.onNextTask(Outcome.fails("a", "first"));
    fake.onNextTask(Outcome.getsCancelled());

    String first = http.submitOk(TURBO);
    String second = http.submitOk(TURBO);
    String third = http.submitOk(TURBO);

    assertThat(http.poll(first).path("error").path("message").asString()).isEqualTo("first");
    assertThat(http.poll(second).path("status").asString()).isEqualTo("cancelled");
    assertThat(http.poll(third).path("status").asString()).isEqualTo("completed");
  }

  @Test
  void completeFailAndCancelNowFinishRunningTasks() {
    FakeApiMart fake = clockOnly();
    Http http = new Http(fake);
    String completed = http.submitOk(TURBO);
    String failed = http.submitOk(TURBO);
    String cancelled = http.submitOk(TURBO);

    FakeTask c = fake.completeNow(completed);
    FakeTask f = fake.failNow(failed, "quota", "model overloaded");
    FakeTask x = fake.cancelNow(cancelled);

    assertThat(c.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(c.imageUrls()).hasSize(1);
    assertThat(f.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(f.errorMessage()).isEqualTo("model overloaded");
    assertThat(x.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(http.poll(failed).path("error").path("code").asString()).isEqualTo("quota");
    assertThatThrownBy(() -> fake.completeNow(completed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already finished as completed");
    assertThatThrownBy(() -> fake.completeNow("task_nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task_nope");
  }

  @Test
  void unknownTaskIs404InTheRequestedLanguage() {
    FakeApiMart fake = keep(FakeApiMart.start());
    Http http = new Http(fake);

    Http.Answer english = http.get("/v1/tasks/task_missing");
    Http.Answer chinese = http.get("/v1/tasks/task_missing?language=zh");

    assertThat(english.status()).isEqualTo(404);
    assertThat(english.json().path("error").path("type").asString()).isEqualTo("not_found_error");
    assertThat(english.errorMessage()).isEqualTo("Task not found: task_missing");
    assertThat(chinese.errorMessage()).isEqualTo("任务不存在：task_missing");
  }

  @Test
  void languageParameterIsCheckedAndRecorded() {
    FakeApiMart fake = keep(FakeApiMart.start());
    Http http = new Http(fake);
    String id = http.submitOk(TURBO);

    assertThat(http.get("/v1/tasks/" + id + "?language=ja").status()).isEqualTo(200);
    Http.Answer bad = http.get("/v1/tasks/" + id + "?language=fr");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorMessage())
        .isEqualTo("language 'fr' is not supported: use one of en, zh, ko, ja");
    assertThat(fake.journal().pollsOf(id).get(0).queryParameter("language")).isEqualTo("ja");
  }

  @Test
  void realTimeModeMovesTasksWithTheMachineClockTimesTheSpeed() {
    FakeApiMart fake = keep(FakeApiMart.builder().realTime(1e9).start());
    Http http = new Http(fake);
    String id = http.submitOk(TURBO);

    // At a billion fake seconds per real second, the task's 5 s are over before the next request.
    assertThat(http.poll(id).path("status").asString()).isEqualTo("completed");
    assertThat(fake.now()).isAfter(fake.task(id).orElseThrow().created());
  }

  @Test
  void clockViewFollowsAdvances() {
    FakeApiMart fake = keep(FakeApiMart.builder().startTime(START).start());

    fake.advance(Duration.ofMinutes(3));

    assertThat(fake.clock().instant()).isEqualTo(START.plusSeconds(180));
    assertThat(fake.now()).isEqualTo(START.plusSeconds(180));
    assertThatThrownBy(() -> fake.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readingATaskFromTheTestIsNotAPoll() {
    FakeApiMart fake = keep(FakeApiMart.start());
    Http http = new Http(fake);
    String id = http.submitOk(TURBO);

    fake.task(id);
    fake.tasks();
    fake.lastTask();

    assertThat(fake.task(id).orElseThrow().polls()).isZero();
    assertThat(fake.task(id).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void lastTaskFailsClearlyWhenNothingWasSubmitted() {
    FakeApiMart fake = keep(FakeApiMart.start());

    assertThatThrownBy(fake::lastTask)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no task was submitted");
  }

  @Test
  void oldestFinishedTasksAreForgottenBeyondMaxTasks() {
    FakeApiMart fake = keep(FakeApiMart.builder().maxTasks(3).start());
    Http http = new Http(fake);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = http.submitOk(TURBO);
      fake.completeNow(id);
      ids.add(id);
    }

    assertThat(fake.tasks()).extracting(FakeTask::id).containsExactlyElementsOf(ids.subList(1, 4));
    assertThat(http.get("/v1/tasks/" + ids.get(0)).status()).isEqualTo(404);
  }
}
