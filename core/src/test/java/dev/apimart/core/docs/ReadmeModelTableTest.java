package dev.apimart.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The model table in the root README is the default catalog, rendered. When the catalog changes
 * this test fails and writes the new table to {@code core/target/readme-models.md} to paste.
 */
class ReadmeModelTableTest {

  private static final String START = "<!-- models:start -->";
  private static final String END = "<!-- models:end -->";

  @Test
  void readmeListsEveryCatalogModelWithItsFacts() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    assertThat(start).as("README has the %s marker", START).isNotNegative();
    assertThat(end).as("README has the %s marker", END).isGreaterThan(start);
    String actual = text.substring(start + START.length(), end).strip();

    String expected = render(ModelCatalog.defaults());
    if (!actual.equals(expected)) {
      Path out = Path.of("target", "readme-models.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, expected + "\n", StandardCharsets.UTF_8);
    }

    assertThat(actual)
        .as("README model table (new table in core/target/readme-models.md)")
        .isEqualTo(expected);
  }

  static String render(ModelCatalog catalog) {
    StringBuilder sb = new StringBuilder();
    sb.append("| model | `size` | `resolution` | `n` | reference images | other fields |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (ModelCapabilities c : catalog.entries()) {
      sb.append("| `").append(c.model().id()).append('`').append(c.uncertain() ? " ¹" : "");
      sb.append(" | ").append(sizes(c));
      sb.append(" | ").append(tiers(c));
      sb.append(" | ").append(counts(c));
      sb.append(" | ").append(references(c));
      sb.append(" | ").append(options(c));
      sb.append(" |\n");
    }
    return sb.toString().strip();
  }

  private static String sizes(ModelCapabilities c) {
    if (c.sizes().isEmpty()) {
      return "any";
    }
    List<ImageSize> sizes = c.sizes().get();
    List<String> ratios = sizes.stream().filter(s -> !s.isAuto()).map(ImageSize::value).toList();
    StringBuilder sb = new StringBuilder();
    if (sizes.contains(ImageSize.AUTO)) {
      sb.append("auto, ");
    }
    sb.append(ratios.size() > 7 ? ratios.size() + " ratios" : String.join(" ", ratios));
    c.pixelSizes().ifPresent(p -> sb.append(", WxH"));
    return sb.toString();
  }

  private static String tiers(ModelCapabilities c) {
    return c.tiers()
        .map(t -> t.isEmpty() ? "—" : t.stream().map(c::wireTier).collect(Collectors.joining(" ")))
        .orElse("any");
  }

  private static String counts(ModelCapabilities c) {
    if (c.counts().isEmpty()) {
      return "any";
    }
    Set<Integer> counts = c.counts().get();
    int min = c.minImages();
    int max = c.maxImages();
    if (min == max) {
      return String.valueOf(min);
    }
    if (counts.size() == max - min + 1) {
      return min + "–" + max;
    }
    return counts.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String references(ModelCapabilities c) {
    if (c.maxReferenceImages().isEmpty()) {
      return c.referenceDataUris() ? "yes, URL or data URI" : "yes (limit not documented)";
    }
    int max = c.maxReferenceImages().get();
    if (max == 0) {
      return "—";
    }
    return "≤ " + max + (c.referenceDataUris() ? ", URL or data URI" : ", URL");
  }

  private static String options(ModelCapabilities c) {
    List<String> fields = new java.util.ArrayList<>();
    if (c.documentsNegativePrompt()) {
      fields.add("negative_prompt");
    }
    if (c.documentsPromptExtend()) {
      fields.add("prompt_extend");
    }
    if (c.documentsMask()) {
      fields.add("mask_url");
    }
    c.options().ifPresent(o -> fields.addAll(o.keySet()));
    String listed = fields.stream().map(f -> "`" + f + "`").collect(Collectors.joining(" "));
    if (c.options().isEmpty()) {
      return listed.isEmpty() ? "not checked" : listed + ", others not checked";
    }
    return listed.isEmpty() ? "—" : listed;
  }
}
