package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ArgsParserTest {

  @Test
  void readsAPromptWithOptionsInAnyOrder() {
    ParsedArgs args =
        ArgsParser.parse(
            new String[] {
              "generate",
              "--model",
              "qwen-image-2.0",
              "A cat",
              "--n=3",
              "--image-url",
              "https://a/1",
              "--image-url",
              "https://a/2",
              "--prompt-extend"
            });

    assertThat(args.problems()).isEmpty();
    assertThat(args.command()).isEqualTo("generate");
    assertThat(args.positionals()).containsExactly("A cat");
    assertThat(args.value("model")).contains("qwen-image-2.0");
    assertThat(args.value("n")).contains("3");
    assertThat(args.values("image-url")).containsExactly("https://a/1", "https://a/2");
    assertThat(args.has("prompt-extend")).isTrue();
  }

  @Test
  void acceptsGlobalOptionsBeforeAndAfterTheCommand() {
    ParsedArgs before =
        ArgsParser.parse(new String[] {"--api-key", "K", "-v", "generate", "a prompt"});
    ParsedArgs after =
        ArgsParser.parse(
            new String[] {"generate", "--base-url", "http://127.0.0.1:1", "--api-key", "K", "p"});

    assertThat(before.problems()).isEmpty();
    assertThat(before.value("api-key")).contains("K");
    assertThat(before.has("verbose")).isTrue();
    assertThat(before.positionals()).containsExactly("a prompt");
    assertThat(after.problems()).isEmpty();
    assertThat(after.value("base-url")).contains("http://127.0.0.1:1");
    assertThat(after.positionals()).containsExactly("p");
  }

  @Test
  void commandOptionsBeforeTheCommandNameAreUnderstood() {
    ParsedArgs args = ArgsParser.parse(new String[] {"--model", "z-image-turbo", "generate", "x"});

    assertThat(args.problems()).isEmpty();
    assertThat(args.command()).isEqualTo("generate");
    assertThat(args.positionals()).containsExactly("x");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ParsedArgs args =
        ArgsParser.parse(
            new String[] {
              "generate", "--modle", "x", "--transport", "curl", "--json=yes", "--out", "--size"
            });

    assertThat(args.problems())
        .hasSize(5)
        .anySatisfy(
            p -> assertThat(p).contains("unknown option '--modle'", "did you mean --model?"))
        .anySatisfy(p -> assertThat(p).contains("--transport: 'curl' is not one of jdk, feign"))
        .anySatisfy(p -> assertThat(p).contains("--json is a flag"))
        .anySatisfy(p -> assertThat(p).contains("--out needs a value"))
        .anySatisfy(p -> assertThat(p).contains("--size needs a value"));
  }

  @Test
  void optionsOfAnotherCommandAreUnknownHere() {
    ParsedArgs args = ArgsParser.parse(new String[] {"balance", "--model", "z-image-turbo"});

    assertThat(args.problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("unknown option '--model' for balance", "--json"));
  }

  @Test
  void unknownCommandListsTheCommands() {
    assertThat(ArgsParser.parse(new String[] {"generat", "x"}).problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "unknown command 'generat'", "generate, status, wait, balance, fake"));
  }

  @Test
  void missingAndExtraPositionalsAreReported() {
    assertThat(ArgsParser.parse(new String[] {"generate"}).problems())
        .containsExactly("generate needs PROMPT");
    assertThat(ArgsParser.parse(new String[] {"status", "a", "b"}).problems())
        .containsExactly("status takes one TASK_ID, got 2");
    assertThat(ArgsParser.parse(new String[] {"balance", "extra"}).problems())
        .containsExactly("balance takes no arguments, got: extra");
    assertThat(ArgsParser.parse(new String[] {}).problems())
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("no command given"));
  }

  @Test
  void doubleDashLetsAPromptStartWithADash() {
    ParsedArgs args = ArgsParser.parse(new String[] {"generate", "--", "-dash prompt"});

    assertThat(args.problems()).isEmpty();
    assertThat(args.positionals()).containsExactly("-dash prompt");
  }

  @Test
  void repeatingASingleValuedOptionIsAProblem() {
    assertThat(ArgsParser.parse(new String[] {"generate", "--n", "1", "--n", "2", "x"}).problems())
        .containsExactly("--n is given more than once");
  }

  @Test
  void parsesHumanDurations() {
    assertThat(Durations.parse("90")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse("PT2M")).contains(Duration.ofMinutes(2));
    assertThat(Durations.parse("soon")).isEmpty();
    assertThat(Durations.parse("0s")).isEmpty();
    assertThat(Durations.clock(Duration.ofSeconds(65))).isEqualTo("1:05");
  }

  @Test
  void modelSizeAndResolutionTakeAnyValueAndParamRepeats() {
    ParsedArgs args =
        ArgsParser.parse(
            new String[] {
              "generate",
              "--model",
              "acme-image-9",
              "--size",
              "21:9",
              "--resolution",
              "4k",
              "--param",
              "seed=42",
              "--param=style=vivid",
              "x"
            });

    assertThat(args.problems()).isEmpty();
    assertThat(args.value("model")).contains("acme-image-9");
    assertThat(args.values("param")).containsExactly("seed=42", "style=vivid");
  }

  @Test
  void modelsTakesAtMostOneModelName() {
    assertThat(ArgsParser.parse(new String[] {"models"}).problems()).isEmpty();
    assertThat(ArgsParser.parse(new String[] {"models", "gpt-image-2", "--json"}).problems())
        .isEmpty();
    assertThat(ArgsParser.parse(new String[] {"models", "a", "b"}).problems())
        .containsExactly("models takes at most one MODEL, got 2");
  }
}
