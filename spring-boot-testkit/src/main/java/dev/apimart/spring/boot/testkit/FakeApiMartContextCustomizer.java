package dev.apimart.spring.boot.testkit;

import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.testkit.FakeApiMart;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts one {@link FakeApiMart} for one application context, registers it as a bean that closes
 * with the context, and adds the properties pointing at it. Equal when the annotations are equal,
 * which is what lets Spring's context cache share a context (and its fake) between test classes.
 */
final class FakeApiMartContextCustomizer implements ContextCustomizer {

  /** The fake's bean name. */
  static final String BEAN_NAME = "fakeApiMart";

  /** The property source's name. */
  static final String PROPERTY_SOURCE = "fakeApiMart";

  /** The polling properties set from {@link FakeApiMart#pollingOptions()}. */
  static final List<String> POLLING_PROPERTIES =
      List.of(
          "apimart.polling.initial-delay",
          "apimart.polling.min-interval",
          "apimart.polling.max-interval");

  private final EnableFakeApiMart settings;

  FakeApiMartContextCustomizer(EnableFakeApiMart settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    FakeApiMart fake = start(settings, configuredModels(context.getEnvironment()));
    try {
      ConfigurableListableBeanFactory beans = context.getBeanFactory();
      beans.registerSingleton(BEAN_NAME, fake);
      if (beans instanceof DefaultSingletonBeanRegistry registry) {
        registry.registerDisposableBean(BEAN_NAME, fake::close);
      } else {
        context.addApplicationListener(
            event -> {
              if (event instanceof ContextClosedEvent) {
                fake.close();
              }
            });
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put(settings.baseUrlProperty(), fake.baseUrl().toString());
      properties.put(settings.apiKeyProperty(), fake.apiKey());
      if (settings.fastPolling() && !testSetsPolling(mergedConfig)) {
        properties.putAll(pollingProperties(fake.pollingOptions()));
      }
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  /**
   * The client's polling at the fake's pace: the first status request at once, the next ones within
   * milliseconds (the fake's tasks finish by polls, not by waiting).
   */
  static Map<String, Object> pollingProperties(PollingOptions polling) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(POLLING_PROPERTIES.get(0), text(polling.initialDelay()));
    properties.put(POLLING_PROPERTIES.get(1), text(polling.minInterval()));
    properties.put(POLLING_PROPERTIES.get(2), text(polling.maxInterval()));
    return properties;
  }

  private static String text(Duration duration) {
    return duration.getNano() % 1_000_000 == 0 ? duration.toMillis() + "ms" : duration.toString();
  }

  /**
   * Whether the test's own properties ({@code @SpringBootTest(properties = …)}, {@code
   * {@literal @}TestPropertySource(properties = …)}) set the initial delay or an interval: then all
   * of the test's polling is left as it says, in any relaxed spelling.
   */
  static boolean testSetsPolling(@Nullable MergedContextConfiguration mergedConfig) {
    if (mergedConfig == null) {
      return false;
    }
    for (String line : mergedConfig.getPropertySourceProperties()) {
      String property = line.strip();
      int end = property.length();
      for (char separator : new char[] {'=', ':', ' '}) {
        int at = property.indexOf(separator);
        if (at >= 0 && at < end) {
          end = at;
        }
      }
      String key = canonical(property.substring(0, end));
      for (String polling : POLLING_PROPERTIES) {
        if (key.equals(canonical(polling))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String canonical(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]]", "");
  }

  static FakeApiMart start(EnableFakeApiMart settings) {
    return start(settings, Set.of());
  }

  /**
   * Starts the fake; the models the application adds through {@code apimart.models.<id>.*} are
   * served too (with no rules of the fake's own: the client checks them against its entry), so a
   * test of a model the catalog does not have reaches the fake instead of its "no such model".
   */
  static FakeApiMart start(EnableFakeApiMart settings, Set<String> addedModels) {
    FakeApiMart.Builder builder =
        FakeApiMart.builder().apiKey(settings.apiKey()).strict(settings.strict());
    for (String id : addedModels) {
      if (!ModelCatalog.defaults().contains(ImageModel.of(id))) {
        builder.model(ModelCapabilities.builder(ImageModel.of(id)).build());
      }
    }
    if (settings.finishAfterPolls() > 0) {
      builder.finishAfterPolls(settings.finishAfterPolls());
    } else {
      builder.onlyClockMovesTasks();
    }
    if (settings.unlimitedBalance()) {
      builder.unlimitedBalance();
    }
    return builder.start();
  }

  /**
   * The model ids named by {@code apimart.models.<id>.…} or {@code apimart.models[<id>].…}
   * properties in the environment's enumerable sources.
   */
  static Set<String> configuredModels(ConfigurableEnvironment environment) {
    Set<String> ids = new LinkedHashSet<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        modelId(name).ifPresent(ids::add);
      }
    }
    return ids;
  }

  private static Optional<String> modelId(String property) {
    String prefix = "apimart.models";
    if (!property.startsWith(prefix) || property.length() <= prefix.length()) {
      return Optional.empty();
    }
    String rest = property.substring(prefix.length());
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      return close > 1 ? Optional.of(rest.substring(1, close).strip()) : Optional.empty();
    }
    if (rest.startsWith(".")) {
      int dot = rest.indexOf('.', 1);
      String id = dot < 0 ? rest.substring(1) : rest.substring(1, dot);
      return id.isBlank() ? Optional.empty() : Optional.of(id);
    }
    return Optional.empty();
  }

  boolean resetBeforeEachTest() {
    return settings.resetBeforeEachTest();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof FakeApiMartContextCustomizer that && settings.equals(that.settings);
  }

  @Override
  public int hashCode() {
    return settings.hashCode();
  }

  @Override
  public String toString() {
    return "FakeApiMartContextCustomizer[" + settings + "]";
  }
}
