package dev.apimart.cli;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelRange;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Resolution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What {@code apimart models} prints: the model catalog as a table, one model in detail, or every
 * fact as JSON. Words follow the catalog's rule that an unset fact is not checked: such a cell
 * reads {@code any} (JSON {@code null}), while {@code none} means the model does not take it.
 */
final class ModelsView {

  /** Ratio lists longer than this are summarised ("auto + 15 ratios"). */
  private static final int LISTED_SIZES_MAX = 16;

  /** Narrowest options column worth a table; below it each model becomes a block. */
  private static final int MIN_OPTIONS_WIDTH = 24;

  private static final String GAP = "  ";

  private static final List<String> NOTES =
      List.of(
          "? uncertain: ApiMart's pages disagree or were read on mirrors.",
          "any: not checked, sent as given.  none: the model does not take it.",
          "N: images per request.  REFERENCES: how many --image-url; URL: public URLs only,"
              + " URL/data: data URIs too.",
          "OPTIONS: set with --param NAME=VALUE.  A model not listed works with --model too,"
              + " unchecked.",
          "Every value of a model: apimart models MODEL.  Every fact: apimart models --json");

  private ModelsView() {}

  /**
   * The catalog as a table that fits {@code width} columns: one row per model with an options
   * column wrapped to what is left, or, when the terminal is too narrow for that, one block per
   * model with its facts wrapped below its id.
   */
  static String table(ModelCatalog catalog, int width) {
    List<String[]> rows = new ArrayList<>();
    for (ModelCapabilities c : catalog.entries()) {
      rows.add(
          new String[] {
            (c.uncertain() ? "? " : "  ") + c.model().id(),
            sizes(c),
            tiers(c),
            counts(c),
            references(c),
            options(c)
          });
    }
    String[] header = {"  MODEL", "SIZES", "TIERS", "N", "REFERENCES", "OPTIONS"};
    int[] widths = new int[5];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    int fixed = 0;
    for (int w : widths) {
      fixed += w + GAP.length();
    }
    StringBuilder sb = new StringBuilder();
    if (width - fixed >= MIN_OPTIONS_WIDTH) {
      int optionsWidth = width - fixed;
      appendRow(sb, header, widths, List.of(header[5]));
      for (String[] row : rows) {
        appendRow(sb, row, widths, wrap(row[5], optionsWidth));
      }
    } else {
      int factsWidth = Math.max(width - 4, 20);
      for (String[] row : rows) {
        sb.append(row[0]).append('\n');
        List<String> lines =
            new ArrayList<>(
                wrap(
                    List.of(
                        "sizes: " + row[1],
                        "tiers: " + row[2],
                        "n: " + row[3],
                        "references: " + row[4]),
                    factsWidth,
                    " | ",
                    ""));
        List<String> options = wrap("options: " + row[5], factsWidth - 2);
        for (int k = 0; k < options.size(); k++) {
          lines.add((k == 0 ? "" : "  ") + options.get(k));
        }
        lines.forEach(line -> sb.append("    ").append(line).append('\n'));
      }
    }
    sb.append('\n');
    for (String note : NOTES) {
      List<String> lines = wrap(List.of(note.split(" ")), Math.max(width - 2, 20), " ", "");
      for (int k = 0; k < lines.size(); k++) {
        sb.append(k == 0 ? "" : "  ").append(lines.get(k)).append('\n');
      }
    }
    return sb.toString();
  }

  private static void appendRow(
      StringBuilder sb, String[] cells, int[] widths, List<String> optionLines) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      line.append(pad(cells[i], widths[i])).append(GAP);
    }
    String indent = " ".repeat(line.length());
    for (int i = 0; i < Math.max(1, optionLines.size()); i++) {
      String prefix = i == 0 ? line.toString() : indent;
      String text = optionLines.isEmpty() ? "" : optionLines.get(i);
      sb.append((prefix + text).stripTrailing()).append('\n');
    }
  }

  /** One model with every value, for {@code apimart models MODEL}. */
  static String details(ModelCapabilities c, int width) {
    Facts sb = new Facts(width);
    sb.append(c.model().id());
    if (c.uncertain()) {
      sb.append("  (uncertain: ApiMart's pages disagree or were read on mirrors)");
    }
    sb.append('\n');
    if (!c.description().isEmpty()) {
      sb.append("  ").append(c.description()).append('\n');
    }
    sb.append('\n');
    String sizes =
        c.sizes()
            .map(
                list ->
                    list.isEmpty()
                        ? (c.pixelSizes().isPresent() ? "" : "none")
                        : list.stream().map(ImageSize::value).collect(Collectors.joining(" ")))
            .orElse("any (not checked)");
    sizes += c.defaultSize().map(d -> " (default " + d.value() + ")").orElse("");
    if (c.pixelSizes().isPresent()) {
      sizes += (sizes.isEmpty() ? "" : "; ") + "or pixels WxH, " + c.pixelSizes().get();
    }
    fact(sb, "--size", sizes);
    fact(
        sb,
        "--resolution",
        tiers(c)
            + c.defaultTier().map(t -> " (default " + c.wireTier(t) + ")").orElse("")
            + (c.tiers().isEmpty() ? " (not checked)" : ""));
    fact(sb, "--n", c.counts().map(ModelsView::counts).orElse("any (not checked)"));
    fact(
        sb,
        "PROMPT",
        c.maxPromptCodePoints()
            .map(max -> "at most " + max + " characters")
            .orElse("length not checked"));
    fact(
        sb,
        "--negative-prompt",
        yesNo(tri(c.negativePrompt(), c.documentsNegativePrompt()))
            + c.maxNegativePromptCodePoints()
                .map(max -> ", at most " + max + " characters")
                .orElse(""));
    fact(sb, "--prompt-extend", yesNo(tri(c.promptExtend(), c.documentsPromptExtend())));
    Optional<Integer> maxRefs = c.maxReferenceImages();
    String refs =
        maxRefs.isPresent() && maxRefs.get() == 0
            ? "none"
            : maxRefs.map(m -> "up to " + m).orElse("any number (not checked)")
                + (c.referenceDataUris() ? ", public URLs or data URIs" : ", public URLs only")
                + c.maxReferencesPlusImages()
                    .map(m -> "; references + images at most " + m)
                    .orElse("");
    fact(sb, "--image-url", refs);
    fact(sb, "--param mask_url", yesNo(tri(c.mask(), c.documentsMask())));
    String options =
        c.options()
            .map(
                map ->
                    map.isEmpty()
                        ? "none"
                        : map.entrySet().stream()
                            .map(
                                e ->
                                    e.getKey()
                                        + (e.getValue().isEmpty()
                                            ? ""
                                            : " (" + String.join("|", e.getValue()) + ")"))
                            .collect(Collectors.joining(", ")))
            .orElse("any (not checked)");
    fact(sb, "--param options", options);
    Map<String, List<String>> byTier = new LinkedHashMap<>();
    pixelTable(c)
        .forEach(
            (key, size) -> {
              int at = key.lastIndexOf('@');
              byTier
                  .computeIfAbsent(key.substring(at + 1), t -> new ArrayList<>())
                  .add(key.substring(0, at) + " " + size);
            });
    byTier.forEach((tier, cells) -> sb.add("pixels at " + tier, String.join(", ", cells), ", "));
    if (!c.alternatives().isEmpty()) {
      fact(
          sb,
          "alternatives",
          c.alternatives().stream().map(ImageModel::id).collect(Collectors.joining(", ")));
    }
    if (!c.source().isEmpty()) {
      fact(sb, "source", c.source());
    }
    return sb.toString();
  }

  private static void fact(Facts facts, String name, String value) {
    facts.add(name, value);
  }

  /** Name-value lines, values word-wrapped under themselves to fit the width. */
  private static final class Facts {
    private static final int NAME_WIDTH = 18;
    private final StringBuilder sb = new StringBuilder();
    private final int valueWidth;

    Facts(int width) {
      this.valueWidth = Math.max(width - NAME_WIDTH - 3, 30);
    }

    Facts append(Object text) {
      sb.append(text);
      return this;
    }

    void add(String name, String value) {
      add(name, value, " ");
    }

    /** Adds a fact whose value breaks only at {@code separator}. */
    void add(String name, String value, String separator) {
      List<String> lines =
          wrap(
              List.of(value.split(java.util.regex.Pattern.quote(separator))),
              valueWidth,
              separator,
              separator.strip());
      String indent = " ".repeat(NAME_WIDTH + 3);
      for (int i = 0; i < lines.size(); i++) {
        sb.append(i == 0 ? String.format("  %-" + NAME_WIDTH + "s ", name) : indent)
            .append(lines.get(i))
            .append('\n');
      }
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }

  private static String yesNo(@Nullable Boolean value) {
    return value == null ? "not checked" : value ? "yes" : "no";
  }

  /**
   * The three states of a boolean fact from the two accessors: false when refused, true when
   * documented, null when the entry does not say.
   */
  private static @Nullable Boolean tri(boolean accepted, boolean documented) {
    if (!accepted) {
      return false;
    }
    return documented ? Boolean.TRUE : null;
  }

  /** Every model with every fact, in catalog order; unchecked facts are {@code null}. */
  static List<Map<String, @Nullable Object>> json(ModelCatalog catalog) {
    return catalog.entries().stream().map(ModelsView::json).toList();
  }

  /** One model's facts; unchecked facts are {@code null}. */
  static Map<String, @Nullable Object> json(ModelCapabilities c) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("id", c.model().id());
    json.put("description", c.description());
    json.put("uncertain", c.uncertain());
    json.put("sizes", c.sizes().map(l -> l.stream().map(ImageSize::value).toList()).orElse(null));
    json.put("pixel_sizes", c.pixelSizes().map(ModelsView::pixelRange).orElse(null));
    json.put("default_size", c.defaultSize().map(ImageSize::value).orElse(null));
    json.put("tiers", c.tiers().map(l -> l.stream().map(c::wireTier).toList()).orElse(null));
    json.put("default_tier", c.defaultTier().map(c::wireTier).orElse(null));
    json.put("n", c.counts().map(List::copyOf).orElse(null));
    json.put("max_prompt_chars", c.maxPromptCodePoints().orElse(null));
    json.put("negative_prompt", tri(c.negativePrompt(), c.documentsNegativePrompt()));
    json.put("max_negative_prompt_chars", c.maxNegativePromptCodePoints().orElse(null));
    json.put("prompt_extend", tri(c.promptExtend(), c.documentsPromptExtend()));
    json.put("max_reference_images", c.maxReferenceImages().orElse(null));
    json.put("reference_data_uris", c.referenceDataUris());
    json.put("max_references_plus_images", c.maxReferencesPlusImages().orElse(null));
    json.put("mask", tri(c.mask(), c.documentsMask()));
    json.put("options", c.options().orElse(null));
    Map<String, String> table = new LinkedHashMap<>();
    pixelTable(c).forEach((k, v) -> table.put(k, v.toString()));
    json.put("pixel_table", table);
    json.put("alternatives", c.alternatives().stream().map(ImageModel::id).toList());
    json.put("source", c.source());
    return json;
  }

  private static Map<String, @Nullable Object> pixelRange(PixelRange range) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("min_side", range.minSide());
    json.put("max_side", range.maxSide());
    json.put("max_pixels", range.maxPixels() == 0 ? null : range.maxPixels());
    return json;
  }

  /** The pixel table keyed {@code ratio@tier} with the tier as the model spells it. */
  private static Map<String, PixelSize> pixelTable(ModelCapabilities c) {
    Map<String, PixelSize> table = new LinkedHashMap<>();
    c.pixelTable()
        .forEach(
            (key, size) -> {
              int at = key.lastIndexOf('@');
              String spelled =
                  at < 0
                      ? key
                      : key.substring(0, at + 1) + c.wireTier(Resolution.of(key.substring(at + 1)));
              table.put(spelled, size);
            });
    return table;
  }

  /**
   * The sizes cell: the ratios when short, else a count ("auto + 15 ratios"), "+ WxH" for pixels.
   */
  static String sizes(ModelCapabilities c) {
    if (c.sizes().isEmpty()) {
      return "any";
    }
    List<ImageSize> list = c.sizes().get();
    Optional<PixelRange> pixels = c.pixelSizes();
    if (list.isEmpty()) {
      return pixels.map(p -> "WxH " + p.minSide() + "-" + p.maxSide()).orElse("none");
    }
    String listed = list.stream().map(ImageSize::value).collect(Collectors.joining(" "));
    String text;
    if (listed.length() <= LISTED_SIZES_MAX) {
      text = listed;
    } else {
      long ratios = list.stream().filter(s -> !s.isAuto()).count();
      text = (list.contains(ImageSize.AUTO) ? "auto + " : "") + ratios + " ratios";
    }
    return pixels.isPresent() ? text + " + WxH" : text;
  }

  /** The tiers cell, in the model's documented spelling. */
  static String tiers(ModelCapabilities c) {
    return c.tiers()
        .map(
            list ->
                list.isEmpty()
                    ? "none"
                    : list.stream().map(c::wireTier).collect(Collectors.joining(" ")))
        .orElse("any");
  }

  private static String counts(ModelCapabilities c) {
    return c.counts().map(ModelsView::counts).orElse("any");
  }

  /** Accepted image counts: "1", "1-6" for a range, "1,2,4" for a set. */
  static String counts(Set<Integer> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    int min = counts.stream().mapToInt(Integer::intValue).min().orElseThrow();
    int max = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    if (min == max) {
      return String.valueOf(min);
    }
    if (counts.size() == max - min + 1) {
      return min + "-" + max;
    }
    return counts.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** The references cell: how many, and whether data URIs are taken besides public URLs. */
  static String references(ModelCapabilities c) {
    Optional<Integer> max = c.maxReferenceImages();
    if (max.isPresent() && max.get() == 0) {
      return "none";
    }
    return max.map(String::valueOf).orElse("any")
        + " "
        + (c.referenceDataUris() ? "URL/data" : "URL");
  }

  /** The options cell: the typed options' wire names, and {@code mask_url} when documented. */
  static String options(ModelCapabilities c) {
    if (c.options().isEmpty()) {
      return "any";
    }
    List<String> names = new ArrayList<>(c.options().get().keySet());
    if (c.documentsMask()) {
      names.add("mask_url");
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /** Splits a comma-separated list into lines of at most {@code width} where possible. */
  private static List<String> wrap(String text, int width) {
    return wrap(List.of(text.split(", ")), width, ", ", ",");
  }

  /**
   * Joins {@code parts} with {@code joiner} into lines of at most {@code width} where possible (a
   * part longer than a line gets a line of its own); a line that breaks ends with {@code
   * breakSuffix}.
   */
  private static List<String> wrap(
      List<String> parts, int width, String joiner, String breakSuffix) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String part : parts) {
      if (line.length() > 0 && line.length() + joiner.length() + part.length() > width) {
        lines.add(line.append(breakSuffix).toString());
        line.setLength(0);
      } else if (line.length() > 0) {
        line.append(joiner);
      }
      line.append(part);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
