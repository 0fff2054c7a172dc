package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeUpload;
import dev.apimart.testkit.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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

/** A batch line's {@code image_files}, and what a batch's finished tasks cost. */
class BatchImageFilesAndCostTest {

  @TempDir Path dir;

  private FakeApiMart fake;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void startFake() throws Exception {
    fake = fakeBuilder().reportCost(true).start();
    env.put("HOME", dir.resolve("home").toString());
    Files.createDirectories(dir.resolve("in/ref"));
    Files.write(dir.resolve("in/ref/cat.png"), UploadsUsageCostTest.PNG);
    byte[] dog = UploadsUsageCostTest.PNG.clone();
    dog[dog.length - 1] = 1;
    Files.write(dir.resolve("in/ref/dog.png"), dog);
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
    ApimartCli cli = CliHarness.cli(env, out, err, dir, "", b -> {});
    return cli.run(args);
  }

  private String[] batch(String... args) {
    return Stream.of(
            Stream.of("batch", "in/lines.jsonl", "--out", "pics"),
            Stream.of(args),
            Stream.of("--base-url", fake.baseUrl().toString(), "--api-key", fake.apiKey()))
        .flatMap(s -> s)
        .toArray(String[]::new);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  private JsonNode json() {
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).as(output()).hasSize(1);
    return JsonMapper.builder().build().readTree(lines.get(0));
  }

  private void lines(String... lines) throws Exception {
    Files.writeString(dir.resolve("in/lines.jsonl"), String.join("\n", lines) + "\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachLinesFilesAreUploadedAndSentWithItsSubmission() throws Exception {
    lines(
        "{\"prompt\": \"a\", \"model\": \"qwen-image-2.0\", \"image_files\": [\"ref/cat.png\"]}",
        "{\"prompt\": \"b\", \"model\": \"qwen-image-2.0\","
            + " \"image_urls\": [\"https://example.com/a.png\"],"
            + " \"image_files\": [\"ref/cat.png\", \"ref/dog.png\"]}");

    assertThat(run(batch("--concurrency", "1"))).as(output()).isZero();

    List<FakeUpload> uploads = fake.uploads();
    assertThat(uploads).hasSize(3);
    List<RecordedRequest> submissions = fake.journal().submissions();
    assertThat(submissions).hasSize(2);
    List<Object> sent = new ArrayList<>();
    for (RecordedRequest s : submissions) {
      sent.add(s.jsonBody().get("image_urls"));
    }
    // One upload per file per line, each URL used by exactly the line it was made for.
    assertThat(sent)
        .containsExactlyInAnyOrder(
            List.of(uploads.get(0).url().toString()),
            List.of(
                "https://example.com/a.png",
                uploads.get(1).url().toString(),
                uploads.get(2).url().toString()));
    assertThat(uploads.get(2).sha256()).isNotEqualTo(uploads.get(1).sha256());
  }

  @Test
  void badImageFilesAreToldPerLineAndNothingIsSent() throws Exception {
    Files.writeString(dir.resolve("in/ref/notes.png"), "plain text");
    lines(
        "{\"prompt\": \"a\", \"model\": \"qwen-image-2.0\", \"image_files\": [\"ref/missing.png\"]}",
        "{\"prompt\": \"b\", \"model\": \"qwen-image-2.0\", \"image_files\": [\"ref/notes.png\"]}",
        "{\"prompt\": \"c\", \"model\": \"qwen-image-2.0\","
            + " \"image_urls\": [\"https://example.com/a.png\", \"https://example.com/b.png\"],"
            + " \"image_files\": [\"ref/cat.png\", \"ref/dog.png\"]}",
        "{\"prompt\": \"d\", \"image_files\": \"ref/cat.png\"}",
        "{\"prompt\": \"e\", \"model\": \"qwen-image-2.0\", \"image_files\": [42]}");

    assertThat(run(batch())).isEqualTo(2);

    assertThat(output())
        .contains("line 1: image_files[0]: 'ref/missing.png' does not exist")
        .contains("line 2: image_files[0]: 'ref/notes.png' is not a JPEG, PNG, WebP or GIF image")
        .contains("line 3: image_urls and image_files: ")
        .contains("line 4: image_files")
        .contains("line 5: image_files[0]: takes a path as a JSON string, got 42")
        .doesNotContain("params.image_files");
    assertThat(fake.journal().requests()).isEmpty();
  }

  @Test
  void aChangedFileIsAChangedLine() throws Exception {
    lines("{\"prompt\": \"a\", \"model\": \"qwen-image-2.0\", \"image_files\": [\"ref/cat.png\"]}");
    assertThat(run(batch())).as(output()).isZero();

    // The same file again: the same line, nothing sent.
    assertThat(run(batch())).as(output()).isZero();
    assertThat(fake.uploads()).hasSize(1);
    assertThat(fake.journal().submissions()).hasSize(1);

    Files.write(dir.resolve("in/ref/cat.png"), new byte[] {7}, StandardOpenOption.APPEND);
    assertThat(run(batch())).isNotZero();

    assertThat(output()).contains("line 1 changed since the last run");
    assertThat(fake.uploads()).hasSize(1);
    assertThat(fake.journal().submissions()).hasSize(1);
  }

  @Test
  void theSummarySumsTheReportedCostsAlsoOfEarlierRuns() throws Exception {
    // qwen-image-2.0 costs 0.04 per image at the fake; ten credits per dollar.
    lines(
        "{\"prompt\": \"a\", \"model\": \"qwen-image-2.0\"}",
        "{\"prompt\": \"b\", \"model\": \"qwen-image-2.0\", \"n\": 2}");

    assertThat(run(batch())).as(output()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("cost: 0.12 USD (1.2 credits)");

    assertThat(run(batch("--json"))).as(output()).isZero();
    JsonNode json = json();
    assertThat(json.get("cost").decimalValue()).isEqualByComparingTo("0.12");
    assertThat(json.get("credits_cost").decimalValue()).isEqualByComparingTo("1.2");
    assertThat(json.get("lines_without_cost").asInt()).isZero();
    assertThat(json.get("lines").get(1).get("cost").decimalValue()).isEqualByComparingTo("0.08");
    assertThat(fake.journal().submissions()).hasSize(2);
  }

  @Test
  void linesWithoutAReportedCostAreCountedNotTakenAsFree() throws Exception {
    fake.close();
    fake = fakeBuilder().start();
    lines("{\"prompt\": \"a\"}", "{\"prompt\": \"b\"}");

    assertThat(run(batch())).as(output()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "cost: not reported by the service; 2 lines had no reported cost (unknown, not free)");
  }

  @Test
  void withJsonAnUnknownCostIsNull() throws Exception {
    fake.close();
    fake = fakeBuilder().start();
    lines("{\"prompt\": \"a\"}");

    assertThat(run(batch("--json"))).as(output()).isZero();
    JsonNode json = json();
    assertThat(json.get("cost").isNull()).isTrue();
    assertThat(json.get("credits_cost").isNull()).isTrue();
    assertThat(json.get("lines_without_cost").asInt()).isEqualTo(1);
    assertThat(json.get("lines").get(0).get("cost").isNull()).isTrue();
  }
}
