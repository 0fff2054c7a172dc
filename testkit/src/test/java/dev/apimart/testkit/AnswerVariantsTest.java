package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.client.Scheduler;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.testkit.contract.UrlConnectionTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The answer variants ApiMart's pages show, produced by the fake and read by the real client
 * ({@code ApiMartClient} over the JDK-only reference transport).
 */
class AnswerVariantsTest {

  private final List<AutoCloseable> open = new ArrayList<>();
  private final ExecutorService pollThreads = Executors.newSingleThreadExecutor();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    pollThreads.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(SubmissionShape.class)
  void theClientReadsEverySubmissionShapeToTheSameTaskAndImages(SubmissionShape shape) {
    FakeApiMart fake = fake(b -> b.submissionShape(shape));
    ApiMartClient client = clientFor(fake);

    GenerationResult result = client.generate(qwen(2));

    FakeTask task = fake.lastTask();
    assertThat(result.taskId().value()).isEqualTo(task.id());
    assertThat(result.images()).extracting(GeneratedImage::url).isEqualTo(task.imageUrls());
    assertThat(result.images()).hasSize(2);
  }

  @Test
  void submissionShapesOnTheWire() {
    Http.Answer a = submitTo(fake(b -> b.submissionShape(SubmissionShape.ARRAY)));
    Http.Answer aPrime =
        submitTo(fake(b -> b.submissionShape(SubmissionShape.ARRAY_WITH_TEXT_CODE)));
    FakeApiMart objectFake =
        fake(b -> b.submissionShape(SubmissionShape.OBJECT).taskDuration(Duration.ofSeconds(100)));
    Http.Answer object = submitTo(objectFake);
    Http.Answer accepted = submitTo(fake(b -> b.submissionShape(SubmissionShape.ACCEPTED)));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("code").asInt()).isEqualTo(200);
    assertThat(a.json().path("data").path(0).path("status").asString()).isEqualTo("submitted");

    assertThat(aPrime.status()).isEqualTo(200);
    assertThat(aPrime.json().path("code").isString()).isTrue();
    assertThat(aPrime.json().path("code").asString()).isEqualTo("success");
    assertThat(aPrime.json().path("data").path(0).path("task_id").asString()).startsWith("task_");

    assertThat(object.status()).isEqualTo(200);
    JsonNode data = object.json().path("data");
    assertThat(data.isObject()).isTrue();
    assertThat(data.path("id").asString()).isEqualTo(objectFake.lastTask().id());
    assertThat(data.path("status").asString()).isEqualTo("pending");
    assertThat(data.path("model").asString()).isEqualTo("qwen-image-2.0");
    assertThat(data.path("object").asString()).isEqualTo("image.generation.task");
    assertThat(data.path("task_info").path("can_cancel").asBoolean()).isTrue();
    assertThat(data.path("task_info").path("estimated_time").asInt()).isEqualTo(100);

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().path("code").asInt()).isEqualTo(202);
    assertThat(accepted.json().path("data").path("status").asString()).isEqualTo("pending");
    assertThat(accepted.json().path("data").path("id").asString()).startsWith("task_");
  }

  @Test
  void submittedInProgressVocabularyOnTheWireAndThroughTheClient() {
    FakeApiMart fake = fake(b -> b.statusWords(StatusWords.SUBMITTED_IN_PROGRESS));
    Http http = new Http(fake);
    String id = http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");

    List<String> words = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      words.add(http.poll(id).path("status").asString());
    }
    GenerationResult result = clientFor(fake).generate(qwen(1));

    assertThat(words).containsExactly("submitted", "in_progress", "completed");
    assertThat(result.task().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(result.images()).hasSize(1);
  }

  @Test
  void aTaskIsRunningUnderEitherVocabularyForTheClient() {
    FakeApiMart fake =
        fake(b -> b.statusWords(StatusWords.SUBMITTED_IN_PROGRESS).onlyClockMovesTasks());
    ApiMartClient client = clientFor(fake);
    TaskId id = client.submit(qwen(1));

    dev.apimart.core.model.Task queued = client.getTask(id);
    fake.advance(Duration.ofSeconds(10));
    dev.apimart.core.model.Task running = client.getTask(id);

    assertThat(queued.rawStatus()).isEqualTo("submitted");
    assertThat(queued.status()).isEqualTo(TaskStatus.PENDING);
    assertThat(running.rawStatus()).isEqualTo("in_progress");
    assertThat(running.status()).isEqualTo(TaskStatus.PROCESSING);
  }

  @Test
  void finishedTasksCanCarryCostAndCreditsCost() {
    FakeApiMart fake = fake(b -> b.reportCost(true));
    ApiMartClient client = clientFor(fake);

    GenerationResult result = client.generate(qwen(2));

    assertThat(result.task().cost()).isEqualByComparingTo("0.08");
    assertThat(result.task().creditsCost()).isEqualByComparingTo("0.8");
  }

  @Test
  void costIsReportedOnlyWhenAskedForAndZeroForAFailedTask() {
    FakeApiMart silent = fake(UnaryOperator.identity());
    FakeApiMart reporting = fake(b -> b.reportCost(true));
    reporting.onNextTask(Outcome.fails("content_policy_violation", "refused"));
    Http quiet = new Http(silent);
    Http loud = new Http(reporting);
    String quietId = quiet.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");
    String failedId = loud.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");
    silent.completeNow(quietId);
    reporting.failNow(failedId, "content_policy_violation", "refused");
    String runningId = loud.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\"}");

    assertThat(quiet.poll(quietId).has("cost")).isFalse();
    JsonNode failed = loud.poll(failedId);
    assertThat(failed.path("cost").decimalValue()).isEqualByComparingTo("0");
    assertThat(failed.path("credits_cost").decimalValue()).isEqualByComparingTo("0");
    assertThat(loud.poll(runningId).has("cost")).as("not while running").isFalse();
  }

  @Test
  void anUnknownTaskAnsweredAsInvalidTaskIdReadsAsNotFound() {
    FakeApiMart fake = fake(b -> b.unknownTaskAnswer(UnknownTaskAnswer.INVALID_TASK_ID));
    Http.Answer raw = new Http(fake).get("/v1/tasks/task_nope");
    ApiMartClient client = clientFor(fake);

    assertThat(raw.status()).isEqualTo(400);
    assertThat(raw.errorMessage()).contains("invalid task ID");
    assertThatThrownBy(() -> client.getTask(TaskId.of("task_nope")))
        .isInstanceOf(NotFoundException.class);
    assertThat(new Http(fake(UnaryOperator.identity())).get("/v1/tasks/task_nope").status())
        .as("the default")
        .isEqualTo(404);
  }

  @Test
  void aModelNameNeitherSideKnowsArrivesWithItsExtraParametersUnchanged() {
    ImageModel acme = ImageModel.of("acme-image-9");
    FakeApiMart fake = fake(b -> b.model(ModelCapabilities.builder(acme).build()));
    ApiMartClient client = clientFor(fake);
    Map<String, Object> style = Map.of("hdr", true, "layers", List.of(1, 2));

    GenerationResult result =
        client.generate(
            GenerationRequest.builder()
                .model("acme-image-9")
                .prompt("a red fox")
                .size("3:1")
                .extraBody("style", style)
                .extraBody("user_tag", "campaign-7")
                .seed(42L)
                .build());

    assertThat(result.images()).hasSize(1);
    Map<String, Object> sent = fake.journal().submissions().get(0).jsonBody();
    assertThat(sent)
        .containsEntry("model", "acme-image-9")
        .containsEntry("size", "3:1")
        .containsEntry("style", style)
        .containsEntry("user_tag", "campaign-7")
        .containsEntry("seed", 42);
  }

  @Test
  void aModelTheFakeDoesNotServeIsRefusedAndTheExtraStillArrivedUnchanged() {
    FakeApiMart fake = fake(UnaryOperator.identity());
    ApiMartClient client = clientFor(fake);

    assertThatThrownBy(
            () ->
                client.submit(
                    GenerationRequest.builder()
                        .model("acme-image-9")
                        .prompt("a red fox")
                        .extraBody("options", Map.of("hdr", true))
                        .build()))
        .isInstanceOf(RequestRejectedException.class)
        .hasMessageContaining("acme-image-9");
    assertThat(fake.journal().submissions().get(0).jsonBody())
        .containsEntry("options", Map.of("hdr", true));
    assertThat(fake.tasks()).isEmpty();
  }

  private static GenerationRequest qwen(int n) {
    return GenerationRequest.builder()
        .model(ImageModel.QWEN_IMAGE_2_0)
        .prompt("A lighthouse at dusk")
        .n(n)
        .build();
  }

  private Http.Answer submitTo(FakeApiMart fake) {
    return new Http(fake).submit("{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\"}");
  }

  private FakeApiMart fake(UnaryOperator<FakeApiMart.Builder> options) {
    FakeApiMart fake = options.apply(FakeApiMart.builder().finishAfterPolls(3)).start();
    open.add(fake);
    return fake;
  }

  private ApiMartClient clientFor(FakeApiMart fake) {
    UrlConnectionTransport transport = new UrlConnectionTransport(TransportSettings.defaults());
    open.add(transport);
    ApiMartClient client =
        ApiMartClient.builder()
            .baseUrl(fake.baseUrl())
            .apiKey(fake.apiKey())
            .transport(transport)
            .scheduler(withoutWaiting())
            .pollingOptions(
                PollingOptions.builder()
                    .initialDelay(Duration.ofMillis(1))
                    .minInterval(Duration.ofMillis(1))
                    .maxInterval(Duration.ofMillis(1))
                    .build())
            .build();
    open.add(client);
    return client;
  }

  /** Polls at once, never sleeps: the fake moves tasks by poll count. */
  private Scheduler withoutWaiting() {
    return new Scheduler() {
      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        Future<?> future = pollThreads.submit(task);
        return () -> future.cancel(false);
      }

      @Override
      public void sleep(Duration duration) {}
    };
  }
}
