package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GenerationRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;

class GenerateArgsTest {

  @TempDir Path dir;

  private GenerateArgs read(String... args) {
    ApimartCli cli =
        new ApimartCli(
            Map.of(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            false,
            dir,
            Clock.systemUTC(),
            builder -> {});
    ParseResult parsed = cli.commandLine().parseArgs(args);
    assertThat(ParseProblems.of(parsed)).as("parse problems").isEmpty();
    GenerateCommand command = (GenerateCommand) parsed.subcommand().commandSpec().userObject();
    command.check(new ArrayList<>());
    return command.arguments();
  }

  @Test
  void paramSetsATypedOptionWhenTheValueHasItsType() {
    GenerationRequest request =
        read(
                "generate",
                "--model",
                "acme-image-9",
                "--param",
                "seed=42",
                "--param",
                "quality=high",
                "--param",
                "watermark=false",
                "--param",
                "n=3",
                "x")
            .request();

    assertThat(request.seed()).isEqualTo(42L);
    assertThat(request.quality()).isEqualTo("high");
    assertThat(request.watermark()).isFalse();
    assertThat(request.n()).isEqualTo(3);
    assertThat(request.extraBody()).isEmpty();
  }

  @Test
  void paramSetsAnExtraFieldWithJsonOrTextValues() {
    GenerateArgs args =
        read(
            "generate",
            "--model",
            "acme-image-9",
            "--param",
            "style=vivid",
            "--param",
            "options={\"hdr\":true,\"layers\":[1,2]}",
            "--param",
            "label=\"42\"",
            "--param",
            "strength=0.5",
            "--param",
            "note=a=b",
            "x");

    assertThat(args.problems()).isEmpty();
    Map<String, Object> extra = args.request().extraBody();
    assertThat(extra)
        .containsEntry("style", "vivid")
        .containsEntry("options", Map.of("hdr", true, "layers", List.of(1L, 2L)))
        .containsEntry("label", "42")
        .containsEntry("note", "a=b");
    assertThat(((Number) extra.get("strength")).doubleValue()).isEqualTo(0.5);
    assertThat(extra.keySet()).containsExactly("style", "options", "label", "strength", "note");
  }

  @Test
  void aParamThatRepeatsAFlagIsAProblem() {
    GenerateArgs args =
        read("generate", "--size", "1:1", "--param", "size=16:9", "--param", "prompt=y", "x");

    assertThat(args.problems())
        .contains(
            "--param size: also given as --size; give it once",
            "--param prompt: the prompt is the PROMPT argument; give it there");
  }

  @Test
  void aParamForAFlaggedFieldWorksWhenTheFlagIsNotGiven() {
    GenerateArgs args =
        read("generate", "--model", "qwen-image-2.0", "--param", "resolution=2K", "x");

    assertThat(args.problems()).isEmpty();
    assertThat(args.request().resolutionValue()).isEqualTo("2K");
  }

  @Test
  void typeMismatchesSayWhatTheFieldTakes() {
    GenerateArgs args =
        read(
            "generate",
            "--model",
            "acme-image-9",
            "--param",
            "watermark=yes",
            "--param",
            "quality=5",
            "--param",
            "seed=1.5",
            "x");

    assertThat(args.problems())
        .containsExactlyInAnyOrder(
            "--param watermark: watermark takes true or false, got 'yes'",
            "--param quality: quality takes text, got '5'; to send it as text, quote it as JSON:"
                + " --param 'quality=\"5\"'",
            "--param seed: seed takes a whole number, got '1.5'");
  }

  @Test
  void violationFieldsBecomeTheFlagsThatSetThem() {
    GenerateArgs viaFlags = read("generate", "--image-url", "https://a.example/1.png", "x");
    GenerateArgs viaParam =
        read("generate", "--param", "image_urls=[\"https://a.example/1.png\"]", "x");

    assertThat(viaFlags.describe(new Violation("image_urls[2]", "u", "bad")))
        .isEqualTo("3rd --image-url: bad");
    assertThat(viaFlags.describe(new Violation("image_urls[10]", "u", "bad")))
        .isEqualTo("11th --image-url: bad");
    assertThat(viaFlags.describe(new Violation("image_urls", "u", "too many")))
        .isEqualTo("--image-url: too many");
    assertThat(viaParam.describe(new Violation("image_urls[0]", "u", "bad")))
        .isEqualTo("--param image_urls[0]: bad");
    assertThat(viaFlags.describe(new Violation("negative_prompt", "u", "m")))
        .isEqualTo("--negative-prompt: m");
    assertThat(viaFlags.describe(new Violation("prompt", "u", "m"))).isEqualTo("PROMPT: m");
    assertThat(viaFlags.describe(new Violation("mask_url", "u", "m")))
        .isEqualTo("--param mask_url: m");
    assertThat(viaFlags.describe(new Violation("extra_body.style", "u", "m")))
        .isEqualTo("--param style: m");
  }

  @Test
  void ordinalsReadAsEnglish() {
    assertThat(List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111))
        .map(GenerateArgs::ordinal)
        .containsExactly(
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st",
            "111th");
  }
}
