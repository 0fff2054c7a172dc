package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FakeApiMartMainTest {

  @Test
  void runPrintsTheBaseUrlAndKeyAndServesAtOnce() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (FakeApiMart fake =
        FakeApiMartMain.run(
            new String[] {"--port", "0", "--key", "sk-cli"},
            new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);

      assertThat(printed)
          .contains("APIMART_BASE_URL=" + fake.baseUrl() + "\n")
          .contains("APIMART_API_KEY=sk-cli\n")
          .contains("curl -s " + fake.baseUrl() + "/v1/balance -H 'Authorization: Bearer sk-cli'");
      assertThat(new Http(fake).get("/v1/balance").status()).isEqualTo(200);
      assertThat(fake.toString()).contains("real time x1.0");
    }
  }

  @Test
  void optionsShapeTheFake() {
    try (FakeApiMart fake =
        FakeApiMartMain.builder(
                new String[] {
                  "--url-shape=string",
                  "--speed",
                  "0",
                  "--balance",
                  "unlimited",
                  "--key",
                  "a",
                  "--key",
                  "b",
                  "--lenient",
                  "--polls",
                  "1"
                })
            .start()) {
      Http http = new Http(fake);
      String id = http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\",\"extra\":1}");
      JsonNode task = http.poll(id);

      assertThat(fake.apiKeys()).containsExactly("a", "b");
      assertThat(fake.isStrict()).isFalse();
      assertThat(task.path("status").asString()).isEqualTo("completed");
      assertThat(task.path("result").path("images").path(0).path("url").isString()).isTrue();
      assertThat(fake.remainingBalance()).isEqualByComparingTo("-1");
      assertThat(fake.toString()).contains("virtual time");
    }
  }

  @Test
  void answerVariantOptionsShapeTheAnswers() {
    try (FakeApiMart fake =
        FakeApiMartMain.builder(
                new String[] {
                  "--speed=0",
                  "--submit-shape",
                  "accepted",
                  "--status-words=submitted",
                  "--report-cost",
                  "--unknown-task",
                  "400",
                  "--model",
                  "acme-image-9"
                })
            .start()) {
      Http http = new Http(fake);
      Http.Answer submitted =
          http.submit("{\"model\":\"acme-image-9\",\"prompt\":\"x\",\"style\":\"vivid\"}");
      String id = submitted.json().path("data").path("id").asString();
      String first = http.poll(id).path("status").asString();
      fake.completeNow(id);
      JsonNode done = http.poll(id);

      assertThat(submitted.status()).isEqualTo(202);
      assertThat(first).isEqualTo("submitted");
      assertThat(done.path("credits_cost").decimalValue()).isEqualByComparingTo("0.5");
      assertThat(http.get("/v1/tasks/task_nope").status()).isEqualTo(400);
    }
    assertThatThrownBy(() -> FakeApiMartMain.builder(new String[] {"--submit-shape", "xml"}))
        .hasMessage("--submit-shape must be 'array', 'text-code', 'object' or 'accepted'");
  }

  @Test
  void speedFactorRunsTimeFaster() {
    try (FakeApiMart fake = FakeApiMartMain.builder(new String[] {"--speed", "20"}).start()) {
      assertThat(fake.toString()).contains("real time x20.0");
    }
  }

  @Test
  void badOptionsAreRefusedSayingWhichAndWhy() {
    assertThatThrownBy(() -> FakeApiMartMain.builder(new String[] {"--colour", "red"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown option '--colour'");
    assertThatThrownBy(() -> FakeApiMartMain.builder(new String[] {"--port"}))
        .hasMessage("--port needs a value");
    assertThatThrownBy(() -> FakeApiMartMain.builder(new String[] {"--port", "eighty"}))
        .hasMessage("--port needs a whole number, got 'eighty'");
    assertThatThrownBy(() -> FakeApiMartMain.builder(new String[] {"--url-shape", "list"}))
        .hasMessage("--url-shape must be 'array' or 'string', got 'list'");
    assertThatThrownBy(() -> FakeApiMartMain.builder(new String[] {"--speed", "-2"}))
        .hasMessage("--speed must be 0 or positive, got -2.0");
    assertThatThrownBy(() -> FakeApiMartMain.builder(new String[] {"--key", "--port"}))
        .hasMessage("--key needs a value");
  }

  @Test
  void usageNamesEveryOption() {
    assertThat(FakeApiMartMain.USAGE)
        .contains("--port", "--key", "--speed", "--url-shape", "--balance", "--host", "--polls");
  }
}
