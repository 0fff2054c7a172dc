package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.PollingOptions;
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
    fake = FakeApiMart.builder().virtualTime().finishAfterPolls(2).start();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private int run(String... args) {
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
                        .build()));
    return cli.run(args);
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
        .contains("size: unsupported aspect ratio '5:4'")
        .contains("n: z-image-turbo always makes exactly 1 image")
        .contains("negative_prompt: z-image-turbo does not take a negative prompt");
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
}
