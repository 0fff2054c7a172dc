package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run builds only the subcommand its command line names (start-up time), and every other command
 * line — none named, an unknown or misspelt one, completion, an {@code @file} — still sees them
 * all.
 */
class SubcommandSelectionTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "generate a cat                         | GenerateCommand",
        "--api-key sk-x generate a cat          | GenerateCommand",
        "--api-key status generate a cat        | GenerateCommand",
        "-v --base-url http://x wait task_1     | WaitCommand",
        "balance --json                         | BalanceCommand",
        "batch lines.jsonl --out pics           | BatchCommand",
        "models                                 | ModelsCommand",
        "generate -- models                     | GenerateCommand",
      })
  void aNamedCommandIsTheOnlyOneBuilt(String line, String expected) {
    List<Class<? extends CliCommand>> chosen =
        ApimartCommand.subcommandsFor(line.strip().split("\\s+"));
    assertThat(chosen).extracting(Class::getSimpleName).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gnerate a cat",
        "--verbose",
        "--help",
        "completion bash",
        "@args.txt",
        "-- generate a cat",
        "--api-key sk-x",
      })
  void anythingElseSeesEveryCommand(String line) {
    assertThat(ApimartCommand.subcommandsFor(line.strip().split("\\s+")))
        .hasSize(11)
        .isEqualTo(ApimartCommand.SUBCOMMANDS);
  }

  @Test
  void versionAloneNeedsNoSubcommand() {
    assertThat(ApimartCommand.subcommandsFor(new String[] {"--version"})).isEmpty();
    assertThat(ApimartCommand.subcommandsFor(new String[0])).hasSize(11);
  }

  @Test
  void aMisspeltCommandIsStillSuggestedAndGlobalOptionsStillWorkAfterTheName() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ApimartCli cli =
        new ApimartCli(
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            dir,
            Clock.systemUTC(),
            builder -> {});

    assertThat(cli.run(new String[] {"gnerate", "a cat"})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown command 'gnerate' (did you mean generate?)")
        .contains("choose one of generate, status, wait, balance, usage, upload, batch, models");

    assertThat(cli.run(new String[] {"models", "--json", "--api-key", "sk-x", "-v"})).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"z-image-turbo\"");
  }

  @Test
  void aCommandNameAfterTheDoubleDashIsExplainedNotSuggestedToItself() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ApimartCli cli =
        new ApimartCli(
            Map.of(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            dir,
            Clock.systemUTC(),
            builder -> {});

    assertThat(cli.run(new String[] {"--", "generate", "x"})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("'generate' after '--' is an argument, not a command: put the command first")
        .doesNotContain("did you mean generate");
  }
}
