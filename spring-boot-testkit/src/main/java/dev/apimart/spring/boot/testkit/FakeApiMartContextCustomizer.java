package dev.apimart.spring.boot.testkit;

import dev.apimart.testkit.FakeApiMart;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
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

  private final EnableFakeApiMart settings;

  FakeApiMartContextCustomizer(EnableFakeApiMart settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    FakeApiMart fake = start(settings);
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
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  PROPERTY_SOURCE,
                  Map.of(
                      settings.baseUrlProperty(),
                      fake.baseUrl().toString(),
                      settings.apiKeyProperty(),
                      fake.apiKey())));
    } catch (RuntimeException e) {
      fake.close();
      throw e;
    }
  }

  static FakeApiMart start(EnableFakeApiMart settings) {
    FakeApiMart.Builder builder =
        FakeApiMart.builder().apiKey(settings.apiKey()).strict(settings.strict());
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
