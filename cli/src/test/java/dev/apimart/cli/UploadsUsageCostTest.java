package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.RetryPolicy;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeUpload;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Local reference images ({@code --image-file}, {@code apimart upload}), {@code --webhook}, {@code
 * apimart usage} and the cost of a finished task, in-process against the fake.
 */
class UploadsUsageCostTest {

  /** A PNG signature and the start of its IHDR: enough for every check by first bytes. */
  static final byte[] PNG = {
    (byte) 0x89,
    'P',
    'N',
    'G',
    0x0D,
    0x0A,
    0x1A,
    0x0A,
    0,
    0,
    0,
    13,
    'I',
    'H',
    'D',
    'R',
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    1,
    8,
    6,
    0,
    0,
    0
  };

  @TempDir Path dir;

  private FakeApiMart fake;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void startFake() {
    fake = fakeBuilder().reportCost(true).start();
    env.put("HOME", dir.resolve("home").toString());
  }

  private static FakeApiMart.Builder fakeBuilder() {
    return FakeApiMart.builder().virtualTime().finishAfterPolls(2).anyModel(true);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    ApimartCli cli =
        CliHarness.cli(
            env,
            out,
            err,
            dir,
            "",
            b -> b.retryPolicy(RetryPolicy.builder().maxAttempts(1).build()));
    return cli.run(args);
  }

  private String[] withFake(String... args) {
    return CliHarness.withFake(fake, args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private JsonNode json() {
    List<String> lines = stdout().lines().toList();
    assertThat(lines).as(stderr()).hasSize(1);
    return JsonMapper.builder().build().readTree(lines.get(0));
  }

  private Path png(String name) throws Exception {
    return Files.write(dir.resolve(name), PNG);
  }

  // ------------------------------------------------------------------ generate --image-file

  @Test
  @SuppressWarnings("unchecked")
  void imageFilesAreUploadedAndSentAfterTheImageUrls() throws Exception {
    png("cat.png");
    png("dog.png");

    int code =
        run(
            withFake(
                "generate",
                "--model",
                "qwen-image-2.0",
                "--image-url",
                "https://example.com/a.png",
                "--image-file",
                "cat.png",
                "--image-file",
                "dog.png",
                "--no-download",
                "--json",
                "a cat"));

    assertThat(code).as(stderr()).isEqualTo(0);
    List<FakeUpload> uploads = fake.uploads();
    assertThat(uploads).hasSize(2);
    List<RecordedRequest> submissions = fake.journal().submissions();
    assertThat(submissions).hasSize(1);
    assertThat((List<Object>) submissions.get(0).jsonBody().get("image_urls"))
        .containsExactly(
            "https://example.com/a.png",
            uploads.get(0).url().toString(),
            uploads.get(1).url().toString());
  }

  @Test
  void everyLocalProblemIsListedTogetherAndNothingIsUploadedOrSent() throws Exception {
    Files.writeString(dir.resolve("notes.png"), "not an image at all");
    Files.write(dir.resolve("empty.jpg"), new byte[0]);

    int code =
        run(
            withFake(
                "generate",
                "--model",
                "qwen-image-2.0",
                "--image-file",
                "missing.png",
                "--image-file",
                "notes.png",
                "--image-file",
                "empty.jpg",
                "--n",
                "two",
                "x"));

    assertThat(code).isEqualTo(2);
    assertThat(stderr())
        .contains("4 problems")
        .contains("1st --image-file 'missing.png': does not exist")
        .contains(
            "2nd --image-file 'notes.png': is not a JPEG, PNG, WebP or GIF image (judged by its"
                + " first bytes, not its name)")
        .contains("3rd --image-file 'empty.jpg': is empty")
        .contains("--n: 'two' is not a whole number");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aFileOneByteOverTwentyMegabytesIsRefusedBeforeAnythingIsSent() throws Exception {
    Path big = png("big.png");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(20L * 1024 * 1024 + 1);
    }

    assertThat(
            run(withFake("generate", "--model", "qwen-image-2.0", "--image-file", "big.png", "x")))
        .isEqualTo(2);
    assertThat(stderr())
        .contains(
            "--image-file 'big.png': is 20971521 bytes; ApiMart takes images of at most 20 MB"
                + " (20971520 bytes)");
    assertThat(run(withFake("upload", "big.png"))).isEqualTo(2);
    assertThat(stderr()).contains("FILE 'big.png': is 20971521 bytes");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void theModelsReferenceLimitCountsUrlsAndFilesTogether() throws Exception {
    png("cat.png");
    png("dog.png");

    int code =
        run(
            withFake(
                "generate",
                "--model",
                "qwen-image-2.0",
                "--image-url",
                "https://example.com/a.png",
                "--image-url",
                "https://example.com/b.png",
                "--image-file",
                "cat.png",
                "--image-file",
                "dog.png",
                "x"));

    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("--image-url and --image-file").doesNotContain("image_urls");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aModelWithoutReferencesRefusesAnImageFileInItsOwnWords() throws Exception {
    png("cat.png");

    assertThat(run(withFake("generate", "--image-file", "cat.png", "x"))).isEqualTo(2);

    assertThat(stderr()).contains("--image-file").doesNotContain("image_urls", "--image-url");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void theDryRunShowsTheUploadWithoutUploading() throws Exception {
    png("cat.png");

    int code =
        run(
            withFake(
                "generate",
                "--model",
                "qwen-image-2.0",
                "--image-file",
                "cat.png",
                "--dry-run",
                "x"));

    assertThat(code).as(stderr()).isEqualTo(0);
    assertThat(stdout())
        .contains("# upload 1: cat.png (" + PNG.length + " bytes, PNG)")
        .contains("/v1/uploads/images")
        .contains("file=@" + dir.resolve("cat.png"))
        .contains("\"image_urls\":[\"$UPLOAD_URL_1\"]");
    assertThat(stderr()).contains("nothing was sent and nothing uploaded");
    assertThat(fake.journal().requests()).isEmpty();
  }

  // ------------------------------------------------------------------ --webhook

  @Test
  void theWebhookIsSentAsTheTopLevelField() {
    int code =
        run(
            withFake(
                "generate",
                "--webhook",
                "https://hooks.example.com/apimart?secret=s3",
                "--no-download",
                "x"));

    assertThat(code).as(stderr()).isEqualTo(0);
    assertThat(fake.journal().submissions().get(0).jsonBody().get("webhook"))
        .isEqualTo("https://hooks.example.com/apimart?secret=s3");
  }

  @Test
  void aWebhookThatIsNotAnHttpUrlIsRefusedBeforeSending() {
    assertThat(run(withFake("generate", "--webhook", "ftp://example.com/x", "x"))).isEqualTo(2);

    assertThat(stderr()).contains("--webhook");
    assertThat(fake.journal().requests()).isEmpty();
  }

  // ------------------------------------------------------------------ cost

  @Test
  void aReportedCostIsPrintedAndCarriedInJson() {
    // At the fake z-image-turbo costs 0.02 per image, qwen-image-2.0 0.04; 10 credits per dollar.
    assertThat(run(withFake("generate", "--no-download", "x"))).as(stderr()).isEqualTo(0);
    assertThat(stdout()).contains("cost 0.02 USD (0.2 credits)");

    assertThat(
            run(
                withFake(
                    "generate",
                    "--model",
                    "qwen-image-2.0",
                    "--no-download",
                    "--json",
                    "--n",
                    "2",
                    "x")))
        .as(stderr())
        .isEqualTo(0);
    JsonNode json = json();
    assertThat(json.get("cost").decimalValue()).isEqualByComparingTo("0.08");
    assertThat(json.get("credits_cost").decimalValue()).isEqualByComparingTo("0.8");
    String id = json.get("task_id").asString();

    assertThat(run(withFake("status", id, "--json"))).isEqualTo(0);
    assertThat(json().get("cost").decimalValue()).isEqualByComparingTo("0.08");
    assertThat(run(withFake("status", id))).isEqualTo(0);
    assertThat(stdout()).contains("cost      0.08 USD (0.8 credits)");
    assertThat(run(withFake("wait", id, "--no-download", "--json"))).isEqualTo(0);
    assertThat(json().get("credits_cost").decimalValue()).isEqualByComparingTo("0.8");
  }

  @Test
  void anUnreportedCostIsNullNotZero() {
    fake.close();
    fake = fakeBuilder().start();

    assertThat(run(withFake("generate", "--no-download", "x"))).isEqualTo(0);
    assertThat(stdout()).doesNotContain("cost");
    assertThat(run(withFake("generate", "--no-download", "--json", "x"))).isEqualTo(0);
    JsonNode json = json();
    assertThat(json.has("cost")).isTrue();
    assertThat(json.get("cost").isNull()).isTrue();
    assertThat(json.get("credits_cost").isNull()).isTrue();
  }

  // ------------------------------------------------------------------ apimart upload

  @Test
  void uploadPrintsEachUrlAndItsExpiry() throws Exception {
    png("a.png");
    png("b.png");

    assertThat(run(withFake("upload", "a.png", "b.png"))).as(stderr()).isEqualTo(0);

    List<FakeUpload> uploads = fake.uploads();
    assertThat(uploads).hasSize(2);
    assertThat(stdout().lines().toList())
        .containsExactly(
            uploads.get(0).url() + "  expires " + uploads.get(0).expiresAt() + "  a.png",
            uploads.get(1).url() + "  expires " + uploads.get(1).expiresAt() + "  b.png");
    assertThat(Duration.between(uploads.get(0).createdAt(), uploads.get(0).expiresAt()))
        .isEqualTo(Duration.ofHours(72));
    assertThat(fake.journal().submissions()).isEmpty();
  }

  @Test
  void uploadWithJsonIsOneObject() throws Exception {
    png("a.png");

    assertThat(run(withFake("upload", "--json", "a.png"))).isEqualTo(0);

    JsonNode upload = json().get("uploads").get(0);
    assertThat(upload.get("file").asString()).isEqualTo("a.png");
    assertThat(upload.get("url").asString()).isEqualTo(fake.uploads().get(0).url().toString());
    assertThat(upload.get("expires_at").asString())
        .isEqualTo(fake.uploads().get(0).expiresAt().toString());
    assertThat(upload.get("bytes").asLong()).isEqualTo(PNG.length);
  }

  @Test
  void uploadChecksEveryFileBeforeTheFirstIsSent() throws Exception {
    png("a.png");
    Files.writeString(dir.resolve("b.gif"), "GIF? no");

    assertThat(run(withFake("upload", "a.png", "b.gif", "c.png"))).isEqualTo(2);

    assertThat(stderr())
        .contains("FILE 'b.gif': is not a JPEG, PNG, WebP or GIF image")
        .contains("FILE 'c.png': does not exist");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aFailedUploadDoesNotStopTheOthersAndEachIsReported() throws Exception {
    png("a.png");
    png("b.png");
    fake.inject(Fault.status(413).on(Route.UPLOAD_IMAGE).times(1));

    assertThat(run(withFake("upload", "--json", "a.png", "b.png"))).isEqualTo(1);

    JsonNode json = json();
    assertThat(json.get("uploads").get(0).get("error").asString()).isNotBlank();
    assertThat(json.get("uploads").get(0).has("url")).isFalse();
    assertThat(json.get("uploads").get(1).get("url").asString())
        .isEqualTo(fake.uploads().get(0).url().toString());
    assertThat(json.get("error").get("message").asString())
        .startsWith("1 of 2 uploads failed (nothing billable was created)");
  }

  @Test
  void uploadHelpSaysItIsFree() {
    assertThat(run("upload", "--help")).isEqualTo(0);
    assertThat(stdout()).contains("free").contains("72 hours");
  }

  // ------------------------------------------------------------------ apimart usage

  @Test
  void usageReportsWhatTheCompletedTasksCost() {
    assertThat(
            run(
                withFake(
                    "generate", "--model", "qwen-image-2.0", "--no-download", "--n", "2", "x")))
        .isEqualTo(0);
    assertThat(run(withFake("generate", "--no-download", "x"))).isEqualTo(0);

    assertThat(run(withFake("usage", "--json"))).as(stderr()).isEqualTo(0);

    JsonNode json = json();
    assertThat(json.get("total").get("cost").decimalValue()).isEqualByComparingTo("0.10");
    assertThat(fake.journal().usageRequests()).hasSize(1);

    assertThat(run(withFake("usage"))).isEqualTo(0);
    assertThat(stdout()).contains("total").contains("0.1");
  }

  @Test
  void usageGroupedByModelHasOneRowPerModel() {
    assertThat(
            run(
                withFake(
                    "generate", "--model", "qwen-image-2.0", "--no-download", "--n", "2", "x")))
        .isEqualTo(0);
    assertThat(run(withFake("generate", "--no-download", "x"))).isEqualTo(0);

    assertThat(run(withFake("usage", "--group-by", "model"))).as(stderr()).isEqualTo(0);

    List<String> lines = stdout().lines().toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("qwen-image-2.0").contains("0.08"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("z-image-turbo").contains("0.02"));
    assertThat(fake.journal().usageRequests().get(0).queryParameter("group_by")).isEqualTo("model");
  }

  @Test
  void aPeriodOverThirtyOneDaysIsRefusedBeforeSending() {
    int code = run(withFake("usage", "--from", "2026-10-01", "--to", "2026-11-30"));

    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("is 61 days").contains("at most 31 days");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void badDatesAndABackwardsPeriodAreToldInCliWords() {
    assertThat(run(withFake("usage", "--from", "1 Nov", "--to", "2026-11-30"))).isEqualTo(2);
    assertThat(stderr()).contains("--from: '1 Nov' is not a date; write YYYY-MM-DD");

    assertThat(run(withFake("usage", "--from", "2026-11-30", "--to", "2026-11-01"))).isEqualTo(2);
    assertThat(stderr()).contains("--to 2026-11-01 is before --from 2026-11-30");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void thirtyOneDaysAreAccepted() {
    assertThat(run(withFake("usage", "--from", "2026-11-01", "--to", "2026-12-01", "--json")))
        .as(stderr())
        .isEqualTo(0);
    RecordedRequest sent = fake.journal().usageRequests().get(0);
    assertThat(sent.queryParameter("start")).isEqualTo("2026-11-01");
    assertThat(sent.queryParameter("end")).isEqualTo("2026-12-01");
  }

  @Test
  void unavailableUsageIsNotZeroSpend() {
    fake.inject(
        Fault.response(
                503,
                "application/json",
                "{\"error\":{\"type\":\"usage_unavailable\",\"message\":\"busy\"}}")
            .on(Route.GET_USAGE)
            .always());

    assertThat(run(withFake("usage"))).isEqualTo(1);
    assertThat(stderr())
        .contains("usage is not available right now — this does not mean nothing was spent");
    assertThat(stdout()).isEmpty();

    assertThat(run(withFake("usage", "--json"))).isEqualTo(1);
    JsonNode error = json().get("error");
    assertThat(error.get("type").asString()).isEqualTo("usage_unavailable");
    assertThat(error.get("exit_code").asInt()).isEqualTo(1);
  }
}
