package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.UrlShape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApimartCliTest {

  @TempDir Path dir;

  private FakeApiMart fake;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void startFake() {
    fake = FakeApiMart.builder().virtualTime().finishAfterPolls(2).anyModel(true).start();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private int run(String... args) {
    return runWith(ModelCatalog.defaults(), args);
  }

  private int runWith(ModelCatalog catalog, String... args) {
    ApimartCli cli =
        new ApimartCli(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            dir,
            Clock.systemUTC(),
            builder ->
                builder.pollingOptions(
                    PollingOptions.builder()
                        .initialDelay(Duration.ofMillis(5))
                        .minInterval(Duration.ofMillis(5))
                        .maxInterval(Duration.ofMillis(20))
                        .build()),
            catalog);
    return cli.run(args);
  }

  /** The JSON body of the one submission the fake received. */
  private Map<String, Object> submittedBody() {
    assertThat(fake.journal().submissions()).as(stderr()).hasSize(1);
    return fake.journal().submissions().get(0).jsonBody();
  }

  private String[] withFake(String... args) {
    return Stream.concat(
            Stream.of(args),
            Stream.of("--base-url", fake.baseUrl().toString(), "--api-key", fake.apiKey()))
        .toArray(String[]::new);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void generatesAndSavesRealPngFilesOfTheRequestedSize() throws Exception {
    int code =
        run(
            withFake(
                "generate", "--model", "qwen-image-2.0", "--n", "2", "--size", "16:9", "A cat"));

    assertThat(code).as(stderr()).isZero();
    try (Stream<Path> files = Files.list(dir.resolve("apimart-images"))) {
      List<Path> pngs = files.toList();
      assertThat(pngs).hasSize(2).allSatisfy(p -> assertThat(p.toString()).endsWith(".png"));
      byte[] head = ImageFiles.head(pngs.get(0));
      assertThat(ImageFiles.pngSize(head))
          .hasValueSatisfying(
              s -> {
                assertThat(s.width()).isEqualTo(1280);
                assertThat(s.height()).isEqualTo(720);
              });
    }
    assertThat(stdout()).contains("1280x720", "task " + fake.lastTask().id() + ": 2 images in");
    assertThat(fake.journal().submissions()).hasSize(1);
  }

  @Test
  void globalOptionsAfterTheCommandWorkAsPeopleTypeThem() {
    int code =
        run(
            "generate",
            "--base-url",
            fake.baseUrl().toString(),
            "--api-key",
            fake.apiKey(),
            "Ink painting style landscape scenery",
            "--no-download");

    assertThat(code).as(stderr()).isZero();
    assertThat(stdout()).contains("1024x1024").contains("http");
    assertThat(dir.resolve("apimart-images")).doesNotExist();
  }

  @Test
  void jsonModePrintsOneMachineReadableResult() throws Exception {
    int code = run(withFake("generate", "--json", "--out", "imgs", "A lighthouse"));

    assertThat(code).as(stderr()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(stdout());
    assertThat(json.get("task_id").asString()).isEqualTo(fake.lastTask().id());
    assertThat(json.get("status").asString()).isEqualTo("completed");
    assertThat(json.get("images")).hasSize(1);
    assertThat(json.get("images").get(0).get("width").asInt()).isEqualTo(1024);
    assertThat(Path.of(json.get("images").get(0).get("file").asString())).exists();
  }

  @Test
  void invalidInputListsEveryProblemAndSendsNothing() {
    int code =
        run(
            withFake(
                "generate",
                "--model",
                "z-image-turbo",
                "--n",
                "4",
                "--negative-prompt",
                "blur",
                "--size",
                "5:4",
                "--timeout",
                "soon",
                "x"));

    assertThat(code).isEqualTo(2);
    assertThat(stderr())
        .contains("4 problems")
        .contains("--timeout: 'soon' is not a duration")
        .contains("--size: unsupported size '5:4' for z-image-turbo")
        .contains("--n: z-image-turbo always makes exactly 1 image")
        .contains("--negative-prompt: z-image-turbo does not take a negative prompt");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void unknownFlagIsExitCodeTwoWithTheValidChoices() {
    assertThat(run("generate", "--colour", "red", "x")).isEqualTo(2);
    assertThat(stderr()).contains("unknown option '--colour'", "--model", "--size");
  }

  @Test
  void wrongKeyIsExitCodeThreeWithoutAStackTrace() {
    int code =
        run("balance", "--base-url", fake.baseUrl().toString(), "--api-key", "sk-wrong-key-123456");

    assertThat(code).isEqualTo(3);
    assertThat(stderr()).startsWith("error: ").doesNotContain("\tat ", "sk-wrong-key-123456");
  }

  @Test
  void failedTaskIsExitCodeFour() {
    fake.onNextTask(Outcome.fails("content_policy", "prompt rejected by the safety filter"));

    assertThat(run(withFake("generate", "--no-download", "something"))).isEqualTo(4);
    assertThat(stderr()).contains("prompt rejected by the safety filter");
  }

  @Test
  void timeoutIsExitCodeFiveAndSaysHowToResume() {
    fake.onNextTask(Outcome.neverFinishes());

    assertThat(run(withFake("generate", "--timeout", "200ms", "slow"))).isEqualTo(5);
    assertThat(stderr()).contains("apimart wait " + fake.lastTask().id());
  }

  @Test
  void aTimeoutSaysSoInFlagsAndWithJsonPrintsTheTaskIdAndResumeCommand() {
    fake.onNextTask(Outcome.neverFinishes());

    assertThat(run(withFake("generate", "--timeout", "200ms", "--json", "--out", "pics", "slow")))
        .isEqualTo(5);
    String id = fake.lastTask().id();
    assertThat(stderr())
        .contains("submitted task " + id + "\n")
        .contains("task " + id + " did not finish within --timeout 200ms")
        .contains("Resume later with: apimart wait " + id + " --out pics")
        .doesNotContain("PT0.2S", "waitFor(", "TaskId.of");
    assertThat(stdout())
        .contains("\"task_id\":\"" + id + "\"", "\"type\":\"timeout\"", "\"exit_code\":5")
        .contains("\"resume\":\"apimart wait " + id + " --out pics\"");
  }

  @Test
  void stoppedWhileWaitingItNamesTheTaskAndTheResumeCommand() throws Exception {
    fake.onNextTask(Outcome.neverFinishes());
    java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
    java.io.OutputStream watched =
        new java.io.OutputStream() {
          @Override
          public void write(int b) {
            err.write(b);
            if (err.toString(StandardCharsets.UTF_8).contains("task_")) {
              reported.countDown();
            }
          }
        };
    ApimartCli cli =
        new ApimartCli(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(watched, true, StandardCharsets.UTF_8),
            false,
            dir,
            Clock.systemUTC(),
            builder ->
                builder.pollingOptions(
                    PollingOptions.builder()
                        .initialDelay(Duration.ofMillis(5))
                        .minInterval(Duration.ofMillis(5))
                        .maxInterval(Duration.ofMillis(20))
                        .build()),
            ModelCatalog.defaults());
    assertThat(cli.interruptedMessage()).isEmpty();
    java.util.concurrent.CompletableFuture<Integer> running =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> cli.run(withFake("generate", "--out", "pics", "--timeout", "30s", "slow")));

    assertThat(reported.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String id = fake.lastTask().id();
    assertThat(cli.interruptedMessage())
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .contains("interrupted: task " + id)
                    .contains("resume with: apimart wait " + id + " --out pics"));

    fake.completeNow(id);
    assertThat(running.get(20, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    assertThat(cli.interruptedMessage()).as("nothing to say once the wait ended").isEmpty();
  }

  @Test
  void anOutFolderUnderAFileIsRefusedBeforeAnythingIsSubmitted() throws Exception {
    java.nio.file.Files.writeString(dir.resolve("afile"), "x");

    assertThat(run(withFake("generate", "--out", "afile/sub", "x"))).isEqualTo(2);
    assertThat(stderr()).contains("--out:", "is a file, not a folder");
    assertThat(fake.journal().submissions()).isEmpty();
  }

  @Test
  void imagesThatCannotBeSavedAfterTheTaskFinishedKeepItsIdAndTheResumeCommand() {
    fake.inject(
        dev.apimart.testkit.Fault.missingImageFile().on(dev.apimart.testkit.Route.IMAGE_FILE));

    int code = run(withFake("generate", "--json", "x"));

    String id = fake.lastTask().id();
    assertThat(code)
        .as("its own exit code: the task finished, the images were not saved")
        .isEqualTo(7);
    assertThat(stderr())
        .contains("task " + id + " finished, but its images could not be saved")
        .contains("save them (before they expire) with: apimart wait " + id + "\n");
    assertThat(stdout()).contains("\"task_id\":\"" + id + "\"", "\"resume\":");
  }

  @Test
  void statusAndWaitResumeATaskById() {
    assertThat(run(withFake("generate", "--no-download", "first"))).isZero();
    String id = fake.lastTask().id();
    out.reset();

    assertThat(run(withFake("status", id))).isZero();
    assertThat(stdout()).contains("task      " + id, "status    completed (100%)");
    out.reset();
    assertThat(run(withFake("wait", id, "--out", "again"))).isZero();
    assertThat(dir.resolve("again").resolve(id + "-1.png")).exists();
  }

  @Test
  void balanceShowsRemainingAndUsed() {
    assertThat(run(withFake("balance", "--json"))).isZero();
    assertThat(stdout()).contains("\"remaining\"", "\"used\"", "\"unlimited\":false");
  }

  @Test
  void statusWithoutAKeyExplainsWhatToSet() {
    assertThat(run("status", "task_1")).isEqualTo(2);
    assertThat(stderr()).contains("no API key: pass --api-key KEY or set APIMART_API_KEY");
  }

  @Test
  void urlShapeOfTheFakeDoesNotMatterToTheCli() {
    fake.close();
    fake =
        FakeApiMart.builder().virtualTime().finishAfterPolls(2).urlShape(UrlShape.STRING).start();

    assertThat(run(withFake("generate", "x"))).as(stderr()).isZero();
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(stdout()).contains("generate", "status", "wait", "balance", "fake", "Exit codes");
  }

  @Test
  void anyRatioAndTierAModelDocumentsIsAcceptedAndSentInItsSpelling() {
    int code =
        run(
            withFake(
                "generate",
                "--model",
                "gpt-image-2",
                "--size",
                "21:9",
                "--resolution",
                "4K",
                "--no-download",
                "A skyline at dusk"));

    assertThat(code).as(stderr()).isZero();
    assertThat(stderr()).doesNotContain("nothing was sent");
    assertThat(submittedBody())
        .containsEntry("model", "gpt-image-2")
        .containsEntry("size", "21:9")
        .containsEntry("resolution", "4k");
  }

  @Test
  void aLowercaseTierIsSentAsTheSeedModelsSpellIt() {
    int code =
        run(
            withFake(
                "generate",
                "--model",
                "qwen-image-2.0",
                "--resolution",
                "2k",
                "--no-download",
                "x"));

    assertThat(code).as(stderr()).isZero();
    assertThat(submittedBody()).containsEntry("resolution", "2K");
    assertThat(stdout()).contains("2048x2048");
  }

  @Test
  void anUnknownModelWithParamsReachesTheWireUnchanged() {
    int code =
        run(
            withFake(
                "generate",
                "--model",
                "acme-image-9",
                "--size",
                "7:3",
                "--resolution",
                "8K",
                "--param",
                "seed=42",
                "--param",
                "style=vivid",
                "--param",
                "options={\"hdr\":true}",
                "--param",
                "tags=[\"a\",\"b\"]",
                "--no-download",
                "x"));

    assertThat(code).as(stderr()).isZero();
    assertThat(stderr())
        .contains("note: model 'acme-image-9' is not in the catalog")
        .doesNotContain("RequestValidator");
    Map<String, Object> body = submittedBody();
    assertThat(body)
        .containsEntry("model", "acme-image-9")
        .containsEntry("size", "7:3")
        .containsEntry("resolution", "8K")
        .containsEntry("style", "vivid")
        .containsEntry("options", Map.of("hdr", true))
        .containsEntry("tags", List.of("a", "b"));
    assertThat(body.get("seed")).isInstanceOf(Number.class);
    assertThat(((Number) body.get("seed")).longValue()).isEqualTo(42L);
  }

  @Test
  void aParamOfTheWrongTypeForATypedFieldIsExplainedInCliWords() {
    int code =
        run(withFake("generate", "--model", "gpt-image-2-official", "--param", "n=abc", "x"));

    assertThat(code).isEqualTo(2);
    assertThat(stderr())
        .contains("1 problem")
        .contains("--param n: n takes a whole number, got 'abc' (or use --n)")
        .doesNotContain("extra_body", "setter");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void malformedParamsAreListedWithTheOtherProblems() {
    int code =
        run(withFake("generate", "--param", "seed", "--param", "=3", "--timeout", "soon", "x"));

    assertThat(code).isEqualTo(2);
    assertThat(stderr())
        .contains("3 problems")
        .contains("--param 'seed': write NAME=VALUE")
        .contains("--param '=3': the NAME before '=' is empty")
        .contains("--timeout: 'soon' is not a duration");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void violationsOfACatalogModelNameTheFlagsThatCausedThem() {
    int code =
        run(
            withFake(
                "generate",
                "--model",
                "gpt-image-2-official",
                "--size",
                "7:3",
                "--n",
                "5",
                "--image-url",
                "https://example.com/a.png",
                "--image-url",
                "http://localhost/b.png",
                "--param",
                "quality=ultra",
                "--param",
                "seed=7",
                "x"));

    assertThat(code).isEqualTo(2);
    assertThat(stderr())
        .contains("5 problems")
        .contains("  - --size: unsupported size '7:3' for gpt-image-2-official")
        .contains("  - --n: n must be between 1 and 4 images for gpt-image-2-official, got 5")
        .contains("  - 2nd --image-url: ")
        .contains("  - --param quality: quality for gpt-image-2-official must be one of auto,")
        .contains("  - --param seed: seed is not documented for gpt-image-2-official")
        .doesNotContain("image_urls", "  - size:", "  - n:", "  - quality:", "  - seed:");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aCountOutsideASetOfCountsIsRefusedInCliWords() {
    assertThat(run(withFake("generate", "--model", "gpt-4o-image", "--n", "3", "x"))).isEqualTo(2);
    assertThat(stderr()).contains("--n: gpt-4o-image makes 1, 2 or 4 images; n=3 is not supported");
  }

  @Test
  void aCountThatIsNotANumberNamesWhatTheModelTakes() {
    assertThat(run(withFake("generate", "--model", "qwen-image-2.0", "--n", "two", "x")))
        .isEqualTo(2);
    assertThat(stderr()).contains("--n: 'two' is not a whole number (qwen-image-2.0 takes 1-6)");
  }

  @Test
  void anUnknownPixelSizeIsLeftOutInsteadOfPrintedAsNull() {
    ModelCatalog withoutTable =
        ModelCatalog.defaults().toBuilder()
            .put(ModelCapabilities.builder(ImageModel.Z_IMAGE_TURBO).build())
            .build();

    int code = runWith(withoutTable, withFake("generate", "--no-download", "x"));

    assertThat(code).as(stderr()).isZero();
    String firstLine = stdout().lines().findFirst().orElseThrow();
    assertThat(firstLine).startsWith("http").doesNotContain("null", " ");
  }
}
