package dev.apimart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code apimart models}: offline, no key, the client's default catalog. */
class ModelsCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();

  private int run(String... args) {
    return new ApimartCli(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false,
            dir,
            Clock.systemUTC(),
            builder -> {})
        .run(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The cells of the table row of a model (cells are separated by two or more spaces). */
  private List<String> cells(String model) {
    String row =
        stdout()
            .lines()
            .filter(l -> l.length() > 2 && l.substring(2).startsWith(model + " "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no row for " + model + " in\n" + stdout()));
    return List.of(row.strip().split(" {2,}"));
  }

  @Test
  void tableHasOneRowPerModelWithWhatEachAccepts() {
    assertThat(run("models")).isZero();

    assertThat(stdout())
        .startsWith(
            "  MODEL                                    SIZES                   TIERS          N  "
                + "    REFERENCES    OPTIONS\n")
        .contains(
            "\n  z-image-turbo                            7 ratios                1K 2K          1"
                + "      none          none\n");
    assertThat(cells("qwen-image-2.0"))
        .containsExactly("qwen-image-2.0", "7 ratios", "1K 2K", "1-6", "3 URL", "none");
    assertThat(cells("gpt-image-2"))
        .containsExactly(
            "? gpt-image-2",
            "auto + 15 ratios + WxH",
            "1k 2k 4k",
            "1-10",
            "16 URL/data",
            "official_fallback, nsfw_check");
    assertThat(cells("gpt-4o-image"))
        .containsExactly("? gpt-4o-image", "1:1 2:3 3:2", "any", "1,2,4", "any URL", "any");
    assertThat(cells("imagen-4.0-apimart"))
        .containsExactly("? imagen-4.0-apimart", "16:9 9:16", "any", "1", "none", "any");
    assertThat(cells("gemini-3.1-flash-image-preview").get(2)).isEqualTo("0.5K 1K 2K 4K");
    assertThat(stdout().lines().filter(l -> l.matches("[ ?] \\S+ {2,}\\S.*"))).hasSize(27 + 1);
    assertThat(stdout()).contains("? uncertain:", "--param NAME=VALUE", "apimart models --json");
  }

  @Test
  void tableFitsTheTerminalWidth() {
    env.put("COLUMNS", "150");
    assertThat(run("models")).isZero();
    String wide = stdout();
    out.reset();
    env.put("COLUMNS", "60");
    assertThat(run("models")).isZero();
    String narrow = stdout();

    assertThat(wide.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(150));
    // gpt-image-2-official's six options wrap under the OPTIONS column.
    int optionsColumn = wide.lines().findFirst().orElseThrow().indexOf("OPTIONS");
    assertThat(wide)
        .contains(
            "  16 URL        quality, background, moderation, output_format,\n"
                + " ".repeat(optionsColumn)
                + "output_compression, mask_url\n");
    assertThat(narrow.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    assertThat(narrow)
        .contains(
            "  z-image-turbo\n    sizes: 7 ratios | tiers: 1K 2K | n: 1 | references: none\n");
  }

  @Test
  void jsonHasEveryFactOfEveryModelWithUncheckedFactsAsNull() throws Exception {
    assertThat(run("models", "--json")).isZero();

    JsonNode models = JsonMapper.builder().build().readTree(stdout());
    assertThat(models.isArray()).isTrue();
    assertThat(models).hasSize(27);
    assertThat(models.get(0).get("id").asString()).isEqualTo("z-image-turbo");
    JsonNode gpt4o = byId(models, "gpt-4o-image");
    assertThat(StreamSupport.stream(gpt4o.get("n").spliterator(), false).map(JsonNode::asInt))
        .containsExactly(1, 2, 4);
    assertThat(gpt4o.get("tiers").isNull()).isTrue();
    assertThat(gpt4o.get("max_prompt_chars").asInt()).isEqualTo(1000);
    assertThat(gpt4o.get("uncertain").asBoolean()).isTrue();
    JsonNode gpt2 = byId(models, "gpt-image-2");
    assertThat(gpt2.get("tiers").toString()).isEqualTo("[\"1k\",\"2k\",\"4k\"]");
    assertThat(gpt2.get("pixel_sizes").get("max_side").asInt()).isEqualTo(3840);
    assertThat(gpt2.get("pixel_table").get("16:9@4k").asString()).isEqualTo("3840x2160");
    assertThat(gpt2.get("reference_data_uris").asBoolean()).isTrue();
    JsonNode turbo = byId(models, "z-image-turbo");
    assertThat(turbo.get("negative_prompt").asBoolean(true)).isFalse();
    assertThat(turbo.get("prompt_extend").asBoolean()).isTrue();
    assertThat(turbo.get("max_reference_images").asInt()).isZero();
    assertThat(turbo.get("pixel_table").get("3:2@1K").asString()).isEqualTo("1248x832");
    JsonNode qwen3 = byId(models, "qwen-image-3.0");
    assertThat(qwen3.get("sizes").isNull()).isTrue();
    assertThat(qwen3.get("options").isNull()).isTrue();
    assertThat(byId(models, "gpt-image-2-official").get("options").get("quality").toString())
        .isEqualTo("[\"auto\",\"low\",\"medium\",\"high\"]");
  }

  @Test
  void oneModelShowsEveryValue() {
    assertThat(run("models", "GPT-IMAGE-2")).isZero();

    assertThat(stdout())
        .startsWith("gpt-image-2  (uncertain")
        .contains("  --resolution       1k 2k 4k (default 1k)\n")
        .contains("21:9 9:21 (default 1:1); or pixels WxH, 1..3840 px per side")
        .contains("  --image-url        up to 16, public URLs or data URIs\n")
        .contains("  pixels at 4k       ")
        .contains("1:1 2880x2880", "16:9 3840x2160", "21:9 3840x1648");
  }

  @Test
  void aModelOutsideTheCatalogIsInvalidInputThatSaysItStillWorks() {
    assertThat(run("models", "acme-image-9")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("'acme-image-9' is not in the model catalog", "can still be used with --model");
  }

  @Test
  void helpMentionsModelsAndParam() {
    assertThat(run("--help")).isZero();
    assertThat(stdout()).containsPattern("models +list the image models");
    out.reset();
    assertThat(run("generate", "--help")).isZero();
    assertThat(stdout())
        .contains("--param NAME=VALUE", "--param 'options={\"hdr\":true}'", "apimart models");
  }

  private static JsonNode byId(JsonNode models, String id) {
    for (JsonNode model : models) {
      if (model.get("id").asString().equals(id)) {
        return model;
      }
    }
    throw new AssertionError("no " + id);
  }
}
