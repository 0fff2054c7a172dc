package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

/** The command line as picocli parses it, with every problem told at once in our words. */
class CommandLineParsingTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  private ApimartCli cli() {
    return new ApimartCli(
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false,
        dir,
        Clock.systemUTC(),
        builder -> {});
  }

  private int run(String... args) {
    return cli().run(args);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The problem lines (" - …") the run printed. */
  private List<String> problems() {
    return stderr().lines().filter(l -> l.startsWith("  - ")).map(l -> l.substring(4)).toList();
  }

  private GenerateCommand parsedGenerate(String... args) {
    ParseResult parsed = cli().commandLine().parseArgs(args);
    assertThat(ParseProblems.of(parsed)).isEmpty();
    return (GenerateCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void readsAPromptWithOptionsInAnyOrder() {
    GenerateCommand g =
        parsedGenerate(
            "generate",
            "--model",
            "qwen-image-2.0",
            "A cat",
            "--n=3",
            "--image-url",
            "https://a/1",
            "--image-url",
            "https://a/2",
            "--prompt-extend");

    assertThat(g.words).containsExactly("A cat");
    assertThat(g.model).isEqualTo("qwen-image-2.0");
    assertThat(g.n).isEqualTo("3");
    assertThat(g.imageUrls).containsExactly("https://a/1", "https://a/2");
    assertThat(g.promptExtend).isTrue();
  }

  @Test
  void acceptsGlobalOptionsBeforeAndAfterTheCommand() {
    GenerateCommand before = parsedGenerate("--api-key", "K", "-v", "generate", "a prompt");
    GenerateCommand after =
        parsedGenerate("generate", "--base-url", "http://127.0.0.1:1", "--api-key", "K", "p");

    assertThat(before.global().apiKey).isEqualTo("K");
    assertThat(before.global().verbose).isTrue();
    assertThat(before.words).containsExactly("a prompt");
    assertThat(after.global().baseUrl).isEqualTo("http://127.0.0.1:1");
    assertThat(after.global().apiKey).isEqualTo("K");
    assertThat(after.words).containsExactly("p");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(
            run(
                "generate",
                "--modle",
                "x",
                "--transport",
                "curl",
                "--json=yes",
                "--out",
                "--size",
                "1:1"))
        .isEqualTo(2);

    assertThat(problems())
        .hasSize(4)
        .anySatisfy(
            p -> assertThat(p).contains("unknown option '--modle'", "did you mean --model?"))
        .anySatisfy(p -> assertThat(p).contains("--transport: 'curl' is not one of jdk, feign"))
        .anySatisfy(p -> assertThat(p).contains("--json is a flag"))
        .anySatisfy(p -> assertThat(p).contains("--out needs a value (DIR)"));
  }

  @Test
  void aTypoSuggestsTheNearestOptionNotAPrefixOfIt() {
    assertThat(run("generate", "--no-dowload", "x")).isEqualTo(2);

    assertThat(stderr())
        .contains("unknown option '--no-dowload' for generate (did you mean --no-download?)");
  }

  @Test
  void optionsOfAnotherCommandAreUnknownHere() {
    assertThat(run("balance", "--model", "z-image-turbo", "--api-key", "k")).isEqualTo(2);

    assertThat(problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("unknown option '--model' for balance", "--json"));
  }

  @Test
  void unknownCommandSuggestsTheNearestAndListsTheCommands() {
    assertThat(run("generat", "x")).isEqualTo(2);

    assertThat(stderr())
        .contains("unknown command 'generat' (did you mean generate?)")
        .contains(
            "generate, status, wait, balance, usage, upload, batch, models, fake, mcp, completion");
  }

  @Test
  void missingAndExtraPositionalsAreReported() {
    assertThat(run("generate")).isEqualTo(2);
    assertThat(problems())
        .containsExactly("generate needs PROMPT (or --prompt TEXT, or --prompt-file PATH)");
    err.reset();
    run("status", "a", "b", "--api-key", "k");
    assertThat(problems()).containsExactly("status takes one TASK_ID, got 2");
    err.reset();
    run("balance", "extra", "--api-key", "k");
    assertThat(problems()).containsExactly("balance takes no arguments, got: extra");
    err.reset();
    run();
    assertThat(problems())
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("no command given"));
    err.reset();
    run("models", "a", "b");
    assertThat(problems()).contains("models takes at most one MODEL, got 2");
  }

  @Test
  void aPromptStartingWithADashGoesAfterDoubleDashOrInPromptAndMinusVThereIsAWord() {
    GenerateCommand dashed = parsedGenerate("generate", "--", "-5 degrees", "-v");
    GenerateCommand option = parsedGenerate("generate", "--prompt", "-5 degrees");

    assertThat(dashed.words).containsExactly("-5 degrees", "-v");
    assertThat(dashed.global().verbose).isFalse();
    assertThat(Main.verbose(new String[] {"generate", "--", "-v"})).isFalse();
    assertThat(Main.verbose(new String[] {"generate", "-v", "x"})).isTrue();
    assertThat(option.promptOption).isEqualTo("-5 degrees");
  }

  @Test
  void repeatingASingleValuedOptionIsAProblem() {
    assertThat(run("generate", "--n", "1", "--n", "2", "x")).isEqualTo(2);
    assertThat(problems()).contains("--n is given more than once");
  }

  @Test
  void parsesHumanDurationsAndRefusesHugeOnes() {
    assertThat(Durations.parse("90")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse("PT2M")).contains(Duration.ofMinutes(2));
    assertThat(Durations.parse("soon")).isEmpty();
    assertThat(Durations.parse("0s")).isEmpty();
    assertThat(Durations.clock(Duration.ofSeconds(65))).isEqualTo("1:05");
    List<String> problems = new ArrayList<>();
    assertThat(Durations.timeout("--timeout", "PT2562047788015215H", problems)).isEmpty();
    assertThat(Durations.timeout("--timeout", "999999999h", problems)).isEmpty();
    assertThat(Durations.timeout("--timeout", "25h", problems)).isEmpty();
    assertThat(Durations.timeout("--timeout", "24h", problems)).contains(Duration.ofHours(24));
    assertThat(problems).hasSize(3).allSatisfy(p -> assertThat(p).contains("is longer than 24h"));
  }

  @Test
  void durationsAreWrittenAsFlagsTakeThem() {
    assertThat(Durations.words(Duration.ofSeconds(4))).isEqualTo("4s");
    assertThat(Durations.words(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(Durations.words(Duration.ofMillis(200))).isEqualTo("200ms");
    assertThat(Durations.words(Duration.ofSeconds(5400))).isEqualTo("1h30m");
    assertThat(CliWords.of("No complete answer from h:1 within PT30S"))
        .isEqualTo("No complete answer from h:1 within 30s");
    assertThat(CliWords.of("resume with waitFor(TaskId.of(\"task_1\"))"))
        .isEqualTo("resume with apimart wait task_1");
  }

  @Test
  void versionPrintsTheBuildsVersion() {
    assertThat(run("--version")).isZero();
    assertThat(stdout()).startsWith("apimart ").doesNotContain("version unknown").contains("Java ");
  }

  @Test
  void argumentsCanComeFromAnAtFile() throws Exception {
    Path args = dir.resolve("args.txt");
    Files.writeString(args, "--model qwen-image-2.0\n--n 2\n\"A cat in a hat\"\n");

    GenerateCommand g = parsedGenerate("generate", "@" + args);

    assertThat(g.model).isEqualTo("qwen-image-2.0");
    assertThat(g.n).isEqualTo("2");
    assertThat(g.words).containsExactly("A cat in a hat");
  }

  @Test
  void completionScriptsForBashAndZsh() {
    assertThat(run("completion", "bash")).isZero();
    assertThat(stdout()).contains("complete -F", "generate", "--no-download", "--prompt-file");
    out.reset();
    assertThat(run("completion", "zsh")).isZero();
    assertThat(stdout()).contains("bashcompinit", "complete -F");
    assertThat(run("completion", "fish")).isEqualTo(2);
    assertThat(stderr()).contains("'fish' is not one of bash, zsh");
  }

  @Test
  void helpIsWrappedToTheTerminalWidthAndListsEveryCommand() {
    env.put("COLUMNS", "60");
    assertThat(run("generate", "--help")).isZero();
    assertThat(stdout().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    assertThat(stdout()).contains("--no-download", "--api-key", "--dry-run");
    out.reset();
    env.put("COLUMNS", "120");
    assertThat(run("--help")).isZero();
    assertThat(stdout())
        .contains(
            "generate",
            "status",
            "wait",
            "balance",
            "usage",
            "upload",
            "batch",
            "models",
            "fake",
            "mcp",
            "completion",
            "Exit codes");
  }

  @Test
  void aNewCommandIsOneClassListedInOnePlace() {
    assertThat(cli().commandLine().getSubcommands().keySet())
        .containsExactly(
            "generate",
            "status",
            "wait",
            "balance",
            "usage",
            "upload",
            "batch",
            "models",
            "fake",
            "mcp",
            "completion");
  }
}
