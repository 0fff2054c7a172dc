package dev.apimart.spring.boot.testkit;

import dev.apimart.testkit.FakeApiMart;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Registered in {@code META-INF/spring.factories}: for test classes with {@link EnableFakeApiMart},
 * resets the context's fake before each test method and, in strict mode, fails a test that sent a
 * request to a route the fake does not know. Other test classes are left alone, and no context is
 * loaded by this listener.
 */
final class FakeApiMartTestExecutionListener extends AbstractTestExecutionListener {

  /** After Spring's dependency injection, before transactional and SQL listeners. */
  @Override
  public int getOrder() {
    return 2100;
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    EnableFakeApiMart settings = settings(testContext);
    FakeApiMart fake = settings == null ? null : fake(testContext);
    if (fake != null && settings.resetBeforeEachTest()) {
      fake.reset();
    }
  }

  @Override
  public void afterTestMethod(TestContext testContext) {
    EnableFakeApiMart settings = settings(testContext);
    FakeApiMart fake = settings == null ? null : fake(testContext);
    if (fake != null && settings.strict()) {
      fake.journal().assertNoUnmatchedRequests();
    }
  }

  private static @Nullable EnableFakeApiMart settings(TestContext testContext) {
    return TestContextAnnotationUtils.findMergedAnnotation(
        testContext.getTestClass(), EnableFakeApiMart.class);
  }

  private static @Nullable FakeApiMart fake(TestContext testContext) {
    if (!testContext.hasApplicationContext()) {
      return null;
    }
    ApplicationContext context = testContext.getApplicationContext();
    return context.containsBean(FakeApiMartContextCustomizer.BEAN_NAME)
        ? context.getBean(FakeApiMartContextCustomizer.BEAN_NAME, FakeApiMart.class)
        : null;
  }
}
