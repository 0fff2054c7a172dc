package dev.apimart.spring.boot.testkit;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: asked by Spring's test framework for every test
 * class, it answers only for classes carrying {@link EnableFakeApiMart}; for all others it does
 * nothing and touches no testkit class.
 */
final class FakeApiMartContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public @Nullable ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    EnableFakeApiMart annotation =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, EnableFakeApiMart.class);
    return annotation == null ? null : new FakeApiMartContextCustomizer(annotation);
  }
}
