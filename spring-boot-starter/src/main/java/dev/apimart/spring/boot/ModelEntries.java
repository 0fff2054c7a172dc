package dev.apimart.spring.boot;

import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Resolution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

/**
 * Turns {@code apimart.models.<model-id>.*} into model catalog entries. A documented model starts
 * from its entry in {@link ModelCatalog#defaults()}, any other from an empty one; only the
 * properties that are set change it. A value the catalog refuses fails start-up naming the
 * property.
 */
final class ModelEntries {

  /** The prefix of the entries. */
  static final String PREFIX = ApiMartProperties.PREFIX + ".models";

  private static final List<String> PROPERTIES =
      List.of(
          "description",
          "sizes",
          "default-size",
          "tiers",
          "default-tier",
          "counts",
          "min-images",
          "max-images",
          "max-prompt-length",
          "negative-prompt",
          "max-negative-prompt-length",
          "prompt-extend",
          "max-reference-images",
          "reference-data-uris",
          "mask",
          "options");

  private static final String ANY = "any";

  /** The largest n the catalog accepts in a range: the upper end when none is known. */
  private static final int MAX_COUNT = 1000;

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private ModelEntries() {}

  /**
   * The default catalog with the configured entries: the catalog the auto-configured client checks
   * requests against, customizers aside.
   */
  static ModelCatalog catalog(Map<String, ApiMartProperties.Model> models) {
    ModelCatalog.Builder catalog = ModelCatalog.defaults().toBuilder();
    entries(models).forEach(catalog::put);
    return catalog.build();
  }

  /**
   * One entry per configured model.
   *
   * @throws ConfigurationException naming the property when a value is refused
   */
  static List<ModelCapabilities> entries(Map<String, ApiMartProperties.Model> models) {
    Map<ImageModel, String> seen = new LinkedHashMap<>();
    List<ModelCapabilities> entries = new ArrayList<>();
    models.forEach(
        (key, properties) -> {
          ModelCapabilities entry = entry(key, properties);
          String earlier = seen.put(entry.model(), key);
          if (earlier != null) {
            throw new ConfigurationException(
                "Properties '"
                    + prefix(earlier)
                    + "' and '"
                    + prefix(key)
                    + "' describe the same model "
                    + entry.model()
                    + ": keep one of them");
          }
          entries.add(entry);
        });
    return entries;
  }

  /** The entry of one model: the documented one corrected, or a new one. */
  static ModelCapabilities entry(String key, ApiMartProperties.Model p) {
    ImageModel model = apply(key, "", key, () -> ImageModel.of(key));
    Optional<ModelCapabilities> documented = ModelCatalog.defaults().find(model);
    ModelCapabilities.Builder b =
        documented
            .map(ModelCapabilities::toBuilder)
            .orElseGet(() -> ModelCapabilities.builder(model));
    if (p.getDescription() != null) {
      b.description(p.getDescription().strip());
    }
    List<String> sizes = p.getSizes();
    if (sizes != null) {
      if (isAny(sizes)) {
        b.anySize();
      } else {
        List<ImageSize> list = new ArrayList<>();
        for (String size : sizes) {
          list.add(apply(key, "sizes", size, () -> size(size)));
        }
        b.sizes(list);
      }
    }
    String defaultSize = p.getDefaultSize();
    if (defaultSize != null) {
      apply(key, "default-size", defaultSize, () -> b.defaultSize(size(defaultSize).value()));
    }
    List<String> tiers = p.getTiers();
    if (tiers != null) {
      if (isAny(tiers)) {
        b.anyTier();
      } else {
        apply(key, "tiers", String.join(",", tiers), () -> b.tiers(tiers.toArray(String[]::new)));
      }
    }
    String defaultTier = p.getDefaultTier();
    if (defaultTier != null) {
      apply(key, "default-tier", defaultTier, () -> b.defaultTier(defaultTier));
    }
    counts(key, p, documented, b);
    Integer maxPrompt = p.getMaxPromptLength();
    if (maxPrompt != null) {
      apply(key, "max-prompt-length", maxPrompt, () -> b.maxPromptCodePoints(maxPrompt));
    }
    Integer maxNegative = p.getMaxNegativePromptLength();
    if (maxNegative != null) {
      if (Boolean.FALSE.equals(p.getNegativePrompt())) {
        throw new ConfigurationException(
            "Properties '"
                + property(key, "negative-prompt")
                + "' (false) and '"
                + property(key, "max-negative-prompt-length")
                + "' contradict each other: a model that takes no negative prompt has no limit"
                + " for it");
      }
      apply(key, "max-negative-prompt-length", maxNegative, () -> b.negativePrompt(maxNegative));
    } else if (p.getNegativePrompt() != null) {
      b.negativePrompt(p.getNegativePrompt());
    }
    if (p.getPromptExtend() != null) {
      b.promptExtend(p.getPromptExtend());
    }
    Integer maxReferences = p.getMaxReferenceImages();
    if (maxReferences != null) {
      apply(key, "max-reference-images", maxReferences, () -> b.maxReferenceImages(maxReferences));
    }
    if (p.getReferenceDataUris() != null) {
      b.referenceDataUris(p.getReferenceDataUris());
    }
    if (p.getMask() != null) {
      b.mask(p.getMask());
    }
    p.getOptions()
        .forEach(
            (name, values) ->
                b.option(optionName(name), splitValues(values).toArray(String[]::new)));
    ModelCapabilities entry = b.build();
    if (defaultSize != null && !entry.acceptsSize(ImageSize.of(defaultSize))) {
      throw new ConfigurationException(
          invalid(
              key,
              "default-size",
              defaultSize,
              "it is not one of the sizes of "
                  + model
                  + " ("
                  + entry.sizes().orElse(List.of()).stream()
                      .map(ImageSize::value)
                      .collect(Collectors.joining(", "))
                  + ")"));
    }
    if (defaultTier != null && !entry.acceptsTier(Resolution.of(defaultTier))) {
      throw new ConfigurationException(
          invalid(
              key,
              "default-tier",
              defaultTier,
              "it is not one of the tiers of "
                  + model
                  + " ("
                  + entry.tiers().orElse(List.of()).stream()
                      .map(entry::wireTier)
                      .collect(Collectors.joining(", "))
                  + ")"));
    }
    return entry;
  }

  /**
   * {@code counts}, or a range from {@code min-images} and {@code max-images}; a bound left unset
   * keeps the documented one.
   */
  private static void counts(
      String key,
      ApiMartProperties.Model p,
      Optional<ModelCapabilities> documented,
      ModelCapabilities.Builder b) {
    Integer min = p.getMinImages();
    Integer max = p.getMaxImages();
    List<Integer> counts = p.getCounts();
    if (counts != null) {
      if (min != null || max != null) {
        throw new ConfigurationException(
            "Properties '"
                + property(key, "counts")
                + "' and '"
                + property(key, min != null ? "min-images" : "max-images")
                + "' both set the accepted n: give either the list or the range");
      }
      apply(
          key,
          "counts",
          counts.stream().map(String::valueOf).collect(Collectors.joining(",")),
          () -> b.counts(counts.toArray(Integer[]::new)));
      return;
    }
    if (min == null && max == null) {
      return;
    }
    boolean documentedCounts = documented.flatMap(ModelCapabilities::counts).isPresent();
    int from = min != null ? min : documentedCounts ? documented.get().minImages() : 1;
    int to = max != null ? max : documentedCounts ? documented.get().maxImages() : MAX_COUNT;
    String property =
        min != null && max != null
            ? property(key, "min-images") + "' and '" + property(key, "max-images")
            : property(key, min != null ? "min-images" : "max-images");
    Object value = min != null && max != null ? min + " and " + max : min != null ? min : max;
    try {
      if (to == 1 && from == 1) {
        b.singleImage();
      } else {
        b.countRange(from, to);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          "Invalid value '"
              + value
              + "' for property '"
              + property
              + "': "
              + (min == null || max == null
                  ? "with the other bound at " + (min == null ? from : to) + ", "
                  : "")
              + e.getMessage());
    }
  }

  /** A configured size; digits alone are a ratio YAML turned into a number. */
  private static ImageSize size(String text) {
    if (DIGITS.matcher(text.strip()).matches()) {
      throw new IllegalArgumentException(DomainValueConverter.yamlRatio(text.strip()));
    }
    return ImageSize.of(text);
  }

  private static boolean isAny(List<String> values) {
    return values.size() == 1 && values.get(0).strip().equalsIgnoreCase(ANY);
  }

  /**
   * The option a key names: a typed option however Spring Boot hands its name over ({@code
   * output_format}, {@code output-format}, {@code outputformat}), any other name as given.
   */
  private static String optionName(String name) {
    return typedName(name).orElse(name.strip());
  }

  /**
   * The typed field of {@link GenerationRequest#TYPED_FIELDS} a configured name means, comparing
   * without dashes, underscores and case, so {@code output-format} (Spring Boot's usual spelling)
   * and {@code outputFormat} mean {@code output_format}.
   */
  static Optional<String> typedName(String name) {
    String squeezed = squeeze(name);
    return GenerationRequest.TYPED_FIELDS.stream()
        .filter(f -> squeeze(f).equals(squeezed))
        .findFirst();
  }

  private static String squeeze(String name) {
    return name.replace("-", "").replace("_", "").strip().toLowerCase(Locale.ROOT);
  }

  private static List<String> splitValues(String values) {
    List<String> list = new ArrayList<>();
    for (String value : values.split(",")) {
      if (!value.isBlank()) {
        list.add(value.strip());
      }
    }
    return list;
  }

  /**
   * Fails when a name under {@code apimart.models} binds to nothing — most often an id with a dot
   * written without brackets ({@code apimart.models.qwen-image-2.0.max-images}), which Spring Boot
   * would otherwise ignore without a word.
   */
  static void checkAllBound(Environment environment) {
    try {
      Binder.get(environment)
          .bind(
              PREFIX,
              Bindable.mapOf(String.class, ApiMartProperties.Model.class),
              new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    } catch (BindException e) {
      UnboundConfigurationPropertiesException unbound = unbound(e);
      if (unbound == null) {
        throw e;
      }
      List<String> problems = new ArrayList<>();
      for (ConfigurationProperty property : unbound.getUnboundProperties()) {
        problems.add(explain(property.getName()));
      }
      throw new ConfigurationException(String.join("; ", problems));
    }
  }

  private static String explain(ConfigurationPropertyName name) {
    // apimart, models, <id, split at its dots>, <property>[, <option>]
    int elements = name.getNumberOfElements();
    for (int i = 4; i < elements; i++) {
      if (PROPERTIES.contains(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL))) {
        return "Property '"
            + name
            + "' is not applied: write a model id that contains a dot in brackets, '"
            + PREFIX
            + "["
            + join(name, 2, i)
            + "]."
            + join(name, i, elements)
            + "'";
      }
    }
    return "Property '"
        + name
        + "' is not applied: a model entry has the properties "
        + String.join(", ", PROPERTIES)
        + " (write a model id that contains a dot in brackets: "
        + PREFIX
        + "[qwen-image-2.0].max-images)";
  }

  private static String join(ConfigurationPropertyName name, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(i > from ? "." : "")
          .append(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
    }
    return sb.toString();
  }

  private static @Nullable UnboundConfigurationPropertiesException unbound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnboundConfigurationPropertiesException u) {
        return u;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The property of a model as the user can write it: brackets around an id with a dot. */
  static String property(String key, String name) {
    return prefix(key) + (name.isEmpty() ? "" : "." + name);
  }

  private static String prefix(String key) {
    return key.contains(".") ? PREFIX + "[" + key + "]" : PREFIX + "." + key;
  }

  private static String invalid(String key, String name, @Nullable Object value, String why) {
    return "Invalid value '" + value + "' for property '" + property(key, name) + "': " + why;
  }

  private static <T> T apply(String key, String name, @Nullable Object value, Supplier<T> apply) {
    try {
      return apply.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigurationException(invalid(key, name, value, String.valueOf(e.getMessage())));
    }
  }
}
