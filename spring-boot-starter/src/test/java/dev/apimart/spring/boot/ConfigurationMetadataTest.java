package dev.apimart.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Language;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Resolution;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IDE value hints in {@code additional-spring-configuration-metadata.json} are written by hand;
 * these checks keep them in step with the model catalog and the value types, so a model added to
 * the catalog without a hint (or a hint for a model that left it) fails the build.
 */
class ConfigurationMetadataTest {

  private static final String METADATA = "META-INF/additional-spring-configuration-metadata.json";

  private static Map<String, Map<String, String>> hints;

  @BeforeAll
  static void readHints() throws IOException {
    JsonNode root;
    try (InputStream in =
        ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(METADATA)) {
      assertThat(in).as(METADATA).isNotNull();
      root = JsonMapper.builder().build().readTree(in);
    }
    hints = new LinkedHashMap<>();
    for (JsonNode hint : root.get("hints")) {
      Map<String, String> values = new LinkedHashMap<>();
      for (JsonNode value : hint.get("values")) {
        values.put(value.get("value").asString(), value.get("description").asString());
      }
      hints.put(hint.get("name").asString(), values);
    }
  }

  @Test
  void theModelHintsAreTheCatalogsModelsWithTheirDescriptions() {
    Map<String, String> catalog = new LinkedHashMap<>();
    for (ModelCapabilities entry : ModelCatalog.defaults().entries()) {
      catalog.put(entry.model().id(), entry.description());
    }
    assertThat(catalog).hasSizeGreaterThanOrEqualTo(20);
    assertThat(hints.get("apimart.defaults.model")).containsExactlyEntriesOf(catalog);
    assertThat(hints.get("apimart.models.keys")).containsExactlyEntriesOf(catalog);
  }

  @Test
  void theSizeHintsAreAutoAndTheKnownRatios() {
    assertThat(hints.get("apimart.defaults.size").keySet())
        .containsExactlyElementsOf(values(ImageSize.known(), ImageSize::value));
    assertThat(hints.get("apimart.defaults.size")).containsKey("auto");
  }

  @Test
  void everySizeAndTierACatalogModelTakesHasAHint() {
    Set<String> sizes = new TreeSet<>();
    Set<String> tiers = new TreeSet<>();
    for (ModelCapabilities entry : ModelCatalog.defaults().entries()) {
      entry.sizes().ifPresent(list -> list.forEach(size -> sizes.add(size.value())));
      entry.tiers().ifPresent(list -> list.forEach(tier -> tiers.add(tier.value())));
    }
    assertThat(hints.get("apimart.defaults.size")).containsKeys(sizes.toArray(String[]::new));
    assertThat(hints.get("apimart.defaults.resolution")).containsKeys(tiers.toArray(String[]::new));
  }

  @Test
  void theTierHintsAreTheKnownTiers() {
    assertThat(hints.get("apimart.defaults.resolution").keySet())
        .containsExactlyElementsOf(values(Resolution.known(), Resolution::value));
  }

  @Test
  void theLanguageHintsAreTheTenLanguagesOfTheStatusPage() {
    assertThat(hints.get("apimart.language").keySet())
        .hasSize(10)
        .containsExactlyElementsOf(values(Language.known(), Language::wireValue));
  }

  @Test
  void theParamHintsAreTheTypedFieldsWithoutADefaultOfTheirOwn() {
    Set<String> typed = new TreeSet<>(GenerationRequest.TYPED_FIELDS);
    typed.removeAll(Set.of("model", "prompt", "size", "resolution"));
    assertThat(new TreeSet<>(hints.get("apimart.defaults.params.keys").keySet())).isEqualTo(typed);
  }

  @Test
  void theWebhookPropertiesAreDocumentedWithTheirDefaults() throws IOException {
    JsonNode root;
    try (InputStream in =
        ConfigurationMetadataTest.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      root = JsonMapper.builder().build().readTree(in);
    }
    Map<String, JsonNode> webhook = new LinkedHashMap<>();
    for (JsonNode property : root.get("properties")) {
      String name = property.get("name").asString();
      if (name.startsWith("apimart.webhook.")) {
        webhook.put(name, property);
      }
    }
    assertThat(webhook)
        .containsOnlyKeys(
            "apimart.webhook.enabled",
            "apimart.webhook.path",
            "apimart.webhook.secret",
            "apimart.webhook.public-base-url",
            "apimart.webhook.deduplication-capacity");
    webhook.forEach(
        (name, property) ->
            assertThat(property.path("description").asString()).as(name).isNotBlank());
    assertThat(webhook.get("apimart.webhook.enabled").get("defaultValue").asBoolean()).isFalse();
    assertThat(webhook.get("apimart.webhook.path").get("defaultValue").asString())
        .isEqualTo("/apimart/webhook");
    assertThat(webhook.get("apimart.webhook.secret").get("description").asString())
        .contains("unsigned")
        .contains("32 characters");
  }

  @Test
  void everyHintedValueBinds() {
    for (String model : hints.get("apimart.defaults.model").keySet()) {
      assertThat(ImageModel.of(model).isKnown()).as(model).isTrue();
    }
    for (String size : hints.get("apimart.defaults.size").keySet()) {
      assertThat(ImageSize.of(size).isKnown()).as(size).isTrue();
    }
  }

  private static <T> List<String> values(List<T> known, java.util.function.Function<T, String> f) {
    List<String> values = new ArrayList<>();
    known.forEach(v -> values.add(f.apply(v)));
    return values;
  }
}
