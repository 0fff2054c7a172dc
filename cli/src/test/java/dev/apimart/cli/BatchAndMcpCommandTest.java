package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.testkit.FakeApiMart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apimart batch} and {@code apimart mcp} as subcommands: flags, checks and wiring. */
class BatchAndMcpCommandTest {

  @TempDir Path dir;

  private FakeApiMart fake;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void startFake() {
    fake = FakeApiMart.builder().virtualTime().finishAfterPolls(2).anyModel(true).start();
    env.put("HOME", dir.resolve("home").toString());
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

  private String[] withFake(String... args) {
    return CliHarness.withFake(fake, args);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBatchSavesEveryLineAndTheSameCommandAgainSubmitsNothing() throws Exception {
    Files.writeString(dir.resolve("prompts.txt"), "a red fox\na blue whale\n");

    int first = run(withFake("batch", "prompts.txt", "--out", "pics", "-m", "z-image-turbo"));

    assertThat(first).as(output()).isZero();
    assertThat(dir.resolve("pics/line-0001-1.png")).isRegularFile();
    assertThat(dir.resolve("pics/line-0002-1.png")).isRegularFile();
    assertThat(fake.journal().submissions()).hasSize(2);
    assertThat(output()).doesNotContain(fake.apiKey());

    int again = run(withFake("batch", "prompts.txt", "--out", "pics", "-m", "z-image-turbo"));

    assertThat(again).as(output()).isZero();
    assertThat(fake.journal().submissions()).hasSize(2);
  }

  @Test
  void everyBadFlagIsToldAtOnceAndNothingIsSent() throws Exception {
    Files.writeString(dir.resolve("prompts.txt"), "a red fox\n");

    int exit =
        run(
            withFake(
                "batch",
                "prompts.txt",
                "--concurrency",
                "0",
                "--n",
                "two",
                "--param",
                "seed",
                "--format",
                "csv",
                "--timeout",
                "PT2562047788015215H"));

    assertThat(exit).isEqualTo(2);
    assertThat(output())
        .contains("--concurrency")
        .contains("--n: 'two' is not a whole number")
        .contains("--param: 'seed' is not NAME=VALUE")
        .contains("--format: 'csv'")
        .contains("--timeout");
    assertThat(fake.journal().submissions()).isEmpty();
  }

  @Test
  void aBatchWithoutFileSaysSo() {
    int exit = run(withFake("batch"));

    assertThat(exit).isEqualTo(2);
    assertThat(output()).contains("FILE");
  }

  @Test
  void mcpServesOnTheConfiguredServiceAndWritesOnlyProtocolToStdout() {
    int exit = run(withFake("mcp", "--out", "agent-pics"));

    assertThat(exit).as(output()).isZero();
    assertThat(out.toByteArray()).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("serving on stdio")
        .contains(dir.resolve("agent-pics").toString())
        .doesNotContain("embedded fake");
  }

  @Test
  void mcpWithoutKeyOrUrlServesTheEmbeddedFake() {
    int exit = run("mcp");

    assertThat(exit).as(output()).isZero();
    assertThat(out.toByteArray()).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("embedded fake");
  }
}
