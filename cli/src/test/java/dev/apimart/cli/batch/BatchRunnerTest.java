package dev.apimart.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.RateLimit;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchRunnerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private FakeApiMart fake;
  private final List<FakeTime> times = new ArrayList<>();
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void stop() {
    times.forEach(FakeTime::close);
    if (fake != null) {
      fake.close();
    }
  }

  private FakeApiMart fake(Consumer<FakeApiMart.Builder> settings) {
    FakeApiMart.Builder b = FakeApiMart.builder().virtualTime().finishAfterPolls(2);
    settings.accept(b);
    fake = b.start();
    return fake;
  }

  private FakeApiMart fake() {
    return fake(b -> {});
  }

  private Path file(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private BatchOptions.Builder options(Path input) {
    return BatchOptions.builder().input(input).outDir(dir.resolve("out"));
  }

  /** Runs the batch against the fake in virtual time; polls move no time unless asked. */
  private int run(BatchOptions options) {
    return run(options, false);
  }

  private int run(BatchOptions options, boolean pollsMoveTime) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    FakeTime batchTime = FakeTime.moving(fake);
    FakeTime clientTime = pollsMoveTime ? FakeTime.moving(fake) : FakeTime.frozen(fake);
    times.add(batchTime);
    times.add(clientTime);
    ApiMartClient.Builder clients = fake.clientBuilder().clock(fake.clock()).scheduler(clientTime);
    if (pollsMoveTime) {
      clients.pollingOptions(
          PollingOptions.builder()
              .initialDelay(Duration.ofSeconds(1))
              .minInterval(Duration.ofSeconds(1))
              .maxInterval(Duration.ofSeconds(5))
              .build());
    }
    return BatchRunner.builder()
        .clients(clients)
        .out(new PrintStream(out, true, StandardCharsets.UTF_8))
        .err(new PrintStream(err, true, StandardCharsets.UTF_8))
        .clock(fake.clock())
        .scheduler(batchTime)
        .build()
        .run(options);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path ledger() {
    return dir.resolve("out").resolve("apimart-batch.jsonl");
  }

  private List<JsonNode> ledgerEvents() throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(ledger())) {
      if (!line.isBlank()) {
        events.add(JSON.readTree(line));
      }
    }
    return events;
  }

  /** The events the ledger holds for one line, in order, by name. */
  private List<String> eventsOf(int line) throws Exception {
    return ledgerEvents().stream()
        .filter(e -> e.path("line").asInt() == line)
        .map(e -> e.path("event").asString())
        .toList();
  }

  /** Cuts the ledger just after the first event of {@code line} named {@code event}: a crash. */
  private void crashAfter(int line, String event) throws Exception {
    List<String> kept = new ArrayList<>();
    for (String text : Files.readAllLines(ledger())) {
      kept.add(text);
      JsonNode e = JSON.readTree(text);
      if (e.path("line").asInt() == line && e.path("event").asString().equals(event)) {
        break;
      }
    }
    Files.writeString(ledger(), String.join("\n", kept) + "\n");
  }

  private List<String> submittedPrompts() {
    return fake.journal().submissions().stream()
        .filter(r -> r.status() == 200)
        .map(r -> String.valueOf(r.jsonBody().get("prompt")))
        .toList();
  }

  private List<String> outFiles() throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void everyLineIsGeneratedAndSavedUnderItsLineNumber() throws Exception {
    fake();
    Path input =
        file(
            "prompts.jsonl",
            "{\"prompt\": \"a red fox\"}",
            "",
            "{\"prompt\": \"two owls\", \"n\": 2, \"size\": \"16:9\", \"model\": \"qwen-image-2.0\"}",
            "{\"prompt\": \"a heron\", \"model\": \"qwen-image-2.0\"}");

    int exit = run(options(input).build());

    assertThat(exit).as(stderr()).isZero();
    assertThat(outFiles())
        .containsExactly(
            "apimart-batch.jsonl",
            "line-0001-1.png",
            "line-0003-1.png",
            "line-0003-2.png",
            "line-0004-1.png");
    assertThat(submittedPrompts()).containsExactlyInAnyOrder("a red fox", "two owls", "a heron");
    Map<String, Object> owls =
        fake.journal().submissions().stream()
            .map(RecordedRequest::jsonBody)
            .filter(b -> "two owls".equals(b.get("prompt")))
            .findFirst()
            .orElseThrow();
    assertThat(owls).containsEntry("size", "16:9").containsEntry("n", 2);
    assertThat(eventsOf(3)).containsExactly("intent", "submitted", "completed");
    assertThat(stdout()).contains("3 of 3 lines done, 4 images");
  }

  @Test
  void aTextFileTakesOnePromptPerLineAndTheFlagsAsDefaults() throws Exception {
    fake();
    Path input = file("prompts.txt", "a lighthouse at dawn", "   ", "{not json, just a prompt}");

    int exit =
        run(options(input).model("qwen-image-2.0").size("4:3").param("style", "vivid").build());

    assertThat(exit).as(stderr()).isZero();
    assertThat(fake.journal().submissions())
        .extracting(RecordedRequest::jsonBody)
        .allSatisfy(
            body ->
                assertThat(body)
                    .containsEntry("model", "qwen-image-2.0")
                    .containsEntry("size", "4:3")
                    .containsEntry("style", "vivid"));
    assertThat(submittedPrompts())
        .containsExactlyInAnyOrder("a lighthouse at dawn", "{not json, just a prompt}");
    assertThat(outFiles()).contains("line-0001-1.png", "line-0003-1.png");
  }

  @Test
  void invalidLinesAreAllReportedWithLineNumbersAndNothingIsSubmitted() throws Exception {
    fake();
    Path input =
        file(
            "prompts.jsonl",
            "{\"prompt\": \"fine\"}",
            "{\"prompt\": \"bad size\", \"size\": \"7:3\"}",
            "{\"promt\": \"typo\"}",
            "not json",
            "{\"prompt\": \"bad n\", \"n\": \"two\"}");

    int exit = run(options(input).build());

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .contains("line 2: size:")
        .contains("line 3: unknown field 'promt' (did you mean 'prompt'?)")
        .contains("line 4: not a JSON object")
        .contains("line 5: n: takes a whole number")
        .contains("--skip-invalid")
        .doesNotContain("line 1:");
    assertThat(fake.journal().submissions()).isEmpty();
    assertThat(ledger()).doesNotExist();
  }

  @Test
  void aBadDefaultFlagIsToldAsTheFlag() throws Exception {
    fake();
    Path input = file("prompts.txt", "a cat");

    int exit = run(options(input).size("7:3").build());

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("line 1: --size (from the command line):");
    assertThat(fake.journal().submissions()).isEmpty();
  }

  @Test
  void skipInvalidRunsTheValidLinesAndStillExitsNonZero() throws Exception {
    fake();
    Path input =
        file("prompts.jsonl", "{\"prompt\": \"fine\"}", "{\"prompt\": \"x\", \"size\": \"7:3\"}");

    int exit = run(options(input).skipInvalid(true).build());

    assertThat(exit).isEqualTo(2);
    assertThat(submittedPrompts()).containsExactly("fine");
    assertThat(stdout()).contains("1 of 2 lines done").contains("line 2: invalid");
  }

  @Test
  void reRunningTheSameCommandSkipsFinishedLines() throws Exception {
    fake();
    Path input = file("prompts.jsonl", "{\"prompt\": \"a\"}", "{\"prompt\": \"b\"}");
    assertThat(run(options(input).build())).as(stderr()).isZero();

    int exit = run(options(input).build());

    assertThat(exit).as(stderr()).isZero();
    assertThat(fake.journal().submissions()).hasSize(2);
    assertThat(stdout()).contains("2 of 2 lines done");
  }

  @Test
  void aCrashBetweenIntentAndAnswerLeavesTheLineUnknownUntilResubmitUnknown() throws Exception {
    fake();
    Path input =
        file("prompts.jsonl", "{\"prompt\": \"a\"}", "{\"prompt\": \"b\"}", "{\"prompt\": \"c\"}");
    BatchOptions sequential = options(input).concurrency(1).build();
    assertThat(run(sequential)).as(stderr()).isZero();
    crashAfter(2, "intent");
    Files.delete(dir.resolve("out/line-0002-1.png"));
    Files.delete(dir.resolve("out/line-0003-1.png"));

    int exit = run(sequential);

    assertThat(exit).as(stdout()).isEqualTo(6);
    assertThat(submittedPrompts()).containsExactly("a", "b", "c", "c");
    assertThat(stdout())
        .contains("line 2: unknown")
        .contains("--resubmit-unknown")
        .contains("re-run the same command");
    assertThat(dir.resolve("out/line-0002-1.png")).doesNotExist();

    int again = run(sequential);

    assertThat(again).isEqualTo(6);
    assertThat(fake.journal().submissions()).hasSize(4);
    assertThat(stderr()).contains("note: line 2: its earlier submission's outcome is unknown");

    int resubmitted = run(options(input).concurrency(1).resubmitUnknown(true).build());

    assertThat(resubmitted).as(stderr()).isZero();
    assertThat(submittedPrompts()).containsExactly("a", "b", "c", "c", "b");
    assertThat(stderr()).contains("line 2: its earlier submission's outcome is unknown");
    assertThat(dir.resolve("out/line-0002-1.png")).exists();
  }

  @Test
  void aCrashAfterSubmissionIsResumedByWaitingNeverBySubmittingAgain() throws Exception {
    fake();
    Path input = file("prompts.jsonl", "{\"prompt\": \"a\"}", "{\"prompt\": \"b\"}");
    BatchOptions sequential = options(input).concurrency(1).build();
    assertThat(run(sequential)).as(stderr()).isZero();
    String taskOfB = fake.tasks().get(1).id();
    crashAfter(2, "submitted");
    Files.delete(dir.resolve("out/line-0002-1.png"));

    int exit = run(sequential);

    assertThat(exit).as(stderr()).isZero();
    assertThat(fake.journal().submissions()).hasSize(2);
    assertThat(fake.journal().pollsOf(taskOfB)).isNotEmpty();
    assertThat(dir.resolve("out/line-0002-1.png")).exists();
    assertThat(eventsOf(2)).containsExactly("intent", "submitted", "completed");
    assertThat(stderr()).contains("line 2: waiting for task " + taskOfB);
  }

  @Test
  void aTornLastLedgerLineIsIgnoredAndTheLineStaysUnknown() throws Exception {
    fake();
    Path input = file("prompts.jsonl", "{\"prompt\": \"a\"}", "{\"prompt\": \"b\"}");
    BatchOptions sequential = options(input).concurrency(1).build();
    assertThat(run(sequential)).isZero();
    crashAfter(2, "intent");
    String text = Files.readString(ledger());
    String taskOfB = fake.tasks().get(1).id();
    Files.writeString(
        ledger(), text + "{\"time\":\"2026-01-01T00:00:00Z\",\"line\":2,\"event\":\"submit");

    int exit = run(sequential);

    assertThat(exit).isEqualTo(6);
    assertThat(stderr()).contains("last line was cut off");
    assertThat(fake.journal().submissions()).hasSize(2);
    assertThat(fake.journal().pollsOf(taskOfB)).hasSize(2);
    assertThat(ledgerEvents())
        .anyMatch(
            e ->
                e.path("cut_off")
                    .asString()
                    .equals("{\"time\":\"2026-01-01T00:00:00Z\",\"line\":2,\"event\":\"submit"));

    assertThat(run(sequential)).as("the repaired ledger reads cleanly").isEqualTo(6);
    assertThat(stderr()).doesNotContain("cut off");
  }

  @Test
  void aLostAnswerMakesTheOutcomeUnknownAndTheLineIsNeverSentAgain() throws Exception {
    fake();
    fake.inject(Fault.dropConnectionAfterProcessing().on(Route.SUBMIT_GENERATION));
    Path input = file("prompts.jsonl", "{\"prompt\": \"a\"}", "{\"prompt\": \"b\"}");
    BatchOptions sequential = options(input).concurrency(1).build();

    int exit = run(sequential);

    assertThat(exit).isEqualTo(6);
    assertThat(fake.tasks()).hasSize(2);
    assertThat(eventsOf(1)).containsExactly("intent", "unknown");
    assertThat(stdout()).contains("line 1: unknown").contains("may exist");

    assertThat(run(sequential)).isEqualTo(6);
    assertThat(fake.journal().submissions()).hasSize(2);
  }

  @Test
  void aChangedLineWhoseTaskExistsStopsTheBatchBeforeAnythingIsSent() throws Exception {
    fake();
    Path input = file("prompts.jsonl", "{\"prompt\": \"a\"}", "{\"prompt\": \"b\"}");
    assertThat(run(options(input).build())).isZero();
    file(
        "prompts.jsonl",
        "{\"prompt\": \"a\"}",
        "{\"prompt\": \"b, but bluer\"}",
        "{\"prompt\": \"c\"}");

    int exit = run(options(input).build());

    assertThat(exit).isEqualTo(2);
    assertThat(stderr())
        .contains("line 2 changed since the last run: it was generated as task")
        .contains("new --out folder");
    assertThat(fake.journal().submissions()).hasSize(2);
  }

  @Test
  void aChangedFlagChangesEveryLinesRequest() throws Exception {
    fake();
    Path input = file("prompts.txt", "a", "b");
    assertThat(run(options(input).build())).isZero();

    int exit = run(options(input).size("16:9").build());

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("line 1 changed").contains("line 2 changed");
  }

  @Test
  void aLineFixedAfterTheServiceRejectedItIsSubmittedWithANote() throws Exception {
    fake(b -> b.anyModel(false));
    fake.inject(Fault.status(400).withMessage("prompt refused").on(Route.SUBMIT_GENERATION));
    Path input = file("prompts.jsonl", "{\"prompt\": \"a\"}");
    BatchOptions sequential = options(input).concurrency(1).build();
    assertThat(run(sequential)).isEqualTo(2);
    assertThat(stdout()).contains("line 1: invalid").contains("prompt refused");
    file("prompts.jsonl", "{\"prompt\": \"a, reworded\"}");

    int exit = run(sequential);

    assertThat(exit).as(stderr()).isZero();
    assertThat(stderr())
        .contains("line 1 changed since the last run; its earlier version created no task");
    assertThat(submittedPrompts()).containsExactly("a, reworded");
  }

  @Test
  void aFailedLineDoesNotStopTheOthersAndIsNotRetriedUnlessAsked() throws Exception {
    fake();
    fake.onPromptMatching("doomed", Outcome.fails("content_policy_violation", "refused"));
    Path input =
        file(
            "prompts.jsonl",
            "{\"prompt\": \"fine 1\"}",
            "{\"prompt\": \"doomed\"}",
            "{\"prompt\": \"fine 2\"}");

    int exit = run(options(input).build());

    assertThat(exit).isEqualTo(4);
    assertThat(outFiles()).contains("line-0001-1.png", "line-0003-1.png");
    assertThat(outFiles()).noneMatch(f -> f.startsWith("line-0002"));
    assertThat(stdout())
        .contains("2 of 3 lines done")
        .contains("line 2: failed")
        .contains("content_policy_violation");

    assertThat(run(options(input).build())).isEqualTo(4);
    assertThat(fake.journal().submissions()).hasSize(3);

    assertThat(run(options(input).retryFailed(true).build())).isEqualTo(4);
    assertThat(fake.journal().submissions()).hasSize(4);
  }

  @Test
  void aForeignFileIsNeverOverwrittenAndTheImagesCanBeSavedLater() throws Exception {
    fake();
    Path input = file("prompts.jsonl", "{\"prompt\": \"a\"}");
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/line-0001-1.png"), "my own file");

    int exit = run(options(input).build());

    assertThat(exit).isEqualTo(7);
    assertThat(Files.readString(dir.resolve("out/line-0001-1.png"))).isEqualTo("my own file");
    assertThat(stdout()).contains("line 1: save_failed").contains("already exists");
    assertThat(outFiles()).noneMatch(f -> f.endsWith(".part"));

    Files.move(dir.resolve("out/line-0001-1.png"), dir.resolve("mine.png"));
    int resumed = run(options(input).build());

    assertThat(resumed).as(stderr()).isZero();
    assertThat(fake.journal().submissions()).hasSize(1);
    assertThat(dir.resolve("out/line-0001-1.png")).isNotEmptyFile();
  }

  @Test
  void aTimedOutLineIsResumedByTheNextRun() throws Exception {
    fake(b -> b.onlyClockMovesTasks().taskDuration(Duration.ofHours(2)));
    Path input = file("prompts.jsonl", "{\"prompt\": \"slow\"}");

    int exit = run(options(input).timeout(Duration.ofSeconds(30)).build(), true);

    assertThat(exit).isEqualTo(5);
    assertThat(stdout()).contains("line 1: timed_out").contains("within --timeout 30s");
    String task = fake.lastTask().id();
    fake.completeNow(task);

    int resumed = run(options(input).timeout(Duration.ofSeconds(30)).build(), true);

    assertThat(resumed).as(stderr()).isZero();
    assertThat(fake.tasks()).hasSize(1);
    assertThat(eventsOf(1)).containsExactly("intent", "submitted", "timed_out", "completed");
  }

  @Test
  void rateLimitedSubmissionsSlowTheBatchDownAndAreNeverDuplicated() throws Exception {
    fake(b -> b.rateLimit(RateLimit.perSecond(2).withBurst(1)));
    String[] lines = new String[12];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "{\"prompt\": \"line " + (i + 1) + "\"}";
    }
    Path input = file("prompts.jsonl", lines);

    int exit = run(options(input).build());

    assertThat(exit).as(stdout() + stderr()).isZero();
    assertThat(fake.rateLimitedRequests()).isPositive();
    List<String> created = fake.tasks().stream().map(FakeTask::prompt).toList();
    assertThat(created).hasSize(12).doesNotHaveDuplicates();
    assertThat(ledgerEvents()).anyMatch(e -> e.path("event").asString().equals("refused"));
    assertThat(ledgerEvents())
        .filteredOn(e -> e.path("event").asString().equals("refused"))
        .allSatisfy(e -> assertThat(e.path("retry_after_ms").asLong()).isEqualTo(1000));
  }

  @Test
  void anEmptyBalanceStopsSubmittingAndExits3() throws Exception {
    fake(b -> b.balance(BigDecimal.ZERO));
    Path input = file("prompts.txt", "a", "b", "c");

    int exit = run(options(input).concurrency(1).build());

    assertThat(exit).isEqualTo(3);
    assertThat(fake.journal().submissions()).hasSize(1);
    assertThat(stdout()).contains("line 1: account").contains("line 3: account");
  }

  @Test
  void jsonModePrintsOneReportWithEveryLine() throws Exception {
    fake();
    fake.onPromptMatching("doomed", Outcome.fails("content_policy_violation", "refused"));
    Path input =
        file(
            "prompts.jsonl",
            "{\"prompt\": \"fine\", \"n\": 2, \"model\": \"qwen-image-2.0\"}",
            "{\"prompt\": \"doomed\"}");

    int exit = run(options(input).json(true).build());

    assertThat(exit).isEqualTo(4);
    JsonNode report = JSON.readTree(stdout());
    assertThat(stdout().strip()).doesNotContain("\n");
    assertThat(report.path("exit_code").asInt()).isEqualTo(4);
    assertThat(report.path("counts").path("lines").asInt()).isEqualTo(2);
    assertThat(report.path("counts").path("done").asInt()).isEqualTo(1);
    assertThat(report.path("counts").path("failed").asInt()).isEqualTo(1);
    assertThat(report.path("images").asInt()).isEqualTo(2);
    JsonNode first = report.path("lines").get(0);
    assertThat(first.path("line").asInt()).isEqualTo(1);
    assertThat(first.path("status").asString()).isEqualTo("done");
    assertThat(first.path("task_id").asString()).startsWith("task");
    assertThat(first.path("files")).hasSize(2);
    assertThat(Path.of(first.path("files").get(0).asString())).exists();
    JsonNode second = report.path("lines").get(1);
    assertThat(second.path("status").asString()).isEqualTo("failed");
    assertThat(second.path("task_id").asString())
        .isEqualTo(
            fake.tasks().stream()
                .filter(t -> t.prompt().equals("doomed"))
                .findFirst()
                .orElseThrow()
                .id());
    assertThat(second.path("error").asString()).contains("content_policy_violation");
    assertThat(report.path("error").path("type").asString()).isEqualTo("incomplete");
    assertThat(report.path("error").path("exit_code").asInt()).isEqualTo(4);
    assertThat(report.path("resume").asString()).startsWith("apimart batch");
  }

  @Test
  void jsonModeReportsInvalidInputAsOneObjectToo() throws Exception {
    fake();
    Path input = file("prompts.jsonl", "{\"prompt\": \"x\", \"size\": \"7:3\"}");

    int exit = run(options(input).json(true).build());

    assertThat(exit).isEqualTo(2);
    JsonNode report = JSON.readTree(stdout());
    assertThat(report.path("error").path("type").asString()).isEqualTo("invalid_input");
    assertThat(report.path("error").path("exit_code").asInt()).isEqualTo(2);
    assertThat(report.path("problems").get(0).asString()).startsWith("line 1: size:");
  }

  @Test
  void anOutFolderUnderAFileIsRefusedBeforeAnythingIsSent() throws Exception {
    fake();
    Path input = file("prompts.txt", "a");
    Files.writeString(dir.resolve("afile"), "x");

    int exit = run(options(input).outDir(dir.resolve("afile/sub")).build());

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("--out");
    assertThat(fake.journal().submissions()).isEmpty();
  }

  @Test
  void theHashOfALineIsStableAndSeesEveryField() {
    GenerationRequest a = GenerationRequest.builder().model("z-image-turbo").prompt("a").build();
    GenerationRequest same = GenerationRequest.builder().prompt("a").model("z-image-turbo").build();
    GenerationRequest seeded = a.toBuilder().seed(1L).build();

    assertThat(BatchInput.hash(a)).isEqualTo(BatchInput.hash(same)).startsWith("sha256:");
    assertThat(BatchInput.hash(seeded)).isNotEqualTo(BatchInput.hash(a));
  }

  @Test
  void onATerminalOneProgressLineIsRedrawnAndLineNewsIsOnlyProblems() throws Exception {
    fake();
    fake.onPromptMatching("doomed", Outcome.fails("content_policy_violation", "refused"));
    Path input = file("prompts.txt", "fine", "doomed");

    int exit = run(options(input).terminal(true).build());

    assertThat(exit).isEqualTo(4);
    assertThat(stderr())
        .contains("\r")
        .contains("done · ")
        .contains(" running · ")
        .contains(" queued · ")
        .contains("line 2: task ")
        .doesNotContain("submitted task");
  }

  @Test
  void offATerminalEachLineSaysWhatHappenedWithoutCarriageReturns() throws Exception {
    fake();
    Path input = file("prompts.txt", "fine");

    int exit = run(options(input).build());

    assertThat(exit).isZero();
    String task = fake.lastTask().id();
    assertThat(stderr())
        .doesNotContain("\r")
        .contains("line 1: submitted task " + task)
        .contains("line 1: done, 1 image");
  }

  @Test
  void aLedgerDamagedBeforeItsLastLineStopsEverything() throws Exception {
    fake();
    Path input = file("prompts.txt", "a", "b");
    assertThat(run(options(input).concurrency(1).build())).isZero();
    List<String> lines = new ArrayList<>(Files.readAllLines(ledger()));
    lines.set(2, "{ this is not json");
    Files.write(ledger(), lines);

    int exit = run(options(input).concurrency(1).build());

    assertThat(exit).isEqualTo(2);
    assertThat(stderr()).contains("line 3 of the ledger").contains("nothing is sent");
    assertThat(fake.journal().submissions()).hasSize(2);
  }

  @Test
  void nothingRunningMeansNoInterruptionMessage() {
    fake();
    BatchRunner runner = BatchRunner.builder().clients(fake.clientBuilder()).build();

    assertThat(runner.interruptedMessage()).isEmpty();
  }
}
