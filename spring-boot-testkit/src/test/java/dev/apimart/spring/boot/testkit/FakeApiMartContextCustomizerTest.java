package dev.apimart.spring.boot.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.testkit.FakeApiMart;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.TestPropertySource;

class FakeApiMartContextCustomizerTest {

  private final FakeApiMartContextCustomizerFactory factory =
      new FakeApiMartContextCustomizerFactory();

  @EnableFakeApiMart
  static class Defaults {}

  @EnableFakeApiMart
  static class AlsoDefaults {}

  @EnableFakeApiMart(unlimitedBalance = true, baseUrlProperty = "images.url")
  static class Custom {}

  static class Plain {}

  static class Inheriting extends Defaults {}

  @Test
  void testClassesWithoutTheAnnotationGetNoCustomizer() {
    assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
  }

  @Test
  void theAnnotationIsInherited() {
    assertThat(factory.createContextCustomizer(Inheriting.class, List.of())).isNotNull();
  }

  @Test
  void equalAnnotationsShareACachedContextAndDifferentOnesDoNot() {
    ContextCustomizer defaults = factory.createContextCustomizer(Defaults.class, List.of());
    assertThat(defaults)
        .isEqualTo(factory.createContextCustomizer(AlsoDefaults.class, List.of()))
        .hasSameHashCodeAs(factory.createContextCustomizer(AlsoDefaults.class, List.of()))
        .isNotEqualTo(factory.createContextCustomizer(Custom.class, List.of()));
  }

  @Test
  void eachContextGetsItsOwnFakeWhichClosesWithTheContext() throws Exception {
    ContextCustomizer customizer = factory.createContextCustomizer(Custom.class, List.of());
    try (GenericApplicationContext first = new GenericApplicationContext();
        GenericApplicationContext second = new GenericApplicationContext()) {
      customizer.customizeContext(first, null);
      customizer.customizeContext(second, null);
      first.refresh();
      second.refresh();
      FakeApiMart firstFake = first.getBean(FakeApiMart.class);
      FakeApiMart secondFake = second.getBean(FakeApiMart.class);
      assertThat(firstFake).isNotSameAs(secondFake);
      assertThat(firstFake.port()).isNotEqualTo(secondFake.port());
      assertThat(first.getEnvironment().getProperty("images.url"))
          .isEqualTo(firstFake.baseUrl().toString());
      assertThat(firstFake.remainingBalance()).isEqualByComparingTo("-1");

      URI url = firstFake.baseUrl();
      assertThat(balanceStatus(url, firstFake.apiKey())).isEqualTo(200);
      first.close();
      assertThatThrownBy(() -> balanceStatus(url, firstFake.apiKey()))
          .isInstanceOf(IOException.class);
      assertThat(balanceStatus(secondFake.baseUrl(), secondFake.apiKey())).isEqualTo(200);
    }
  }

  @Test
  void modelsTheApplicationAddsThroughPropertiesAreServed() throws Exception {
    ContextCustomizer customizer = factory.createContextCustomizer(Defaults.class, List.of());
    try (GenericApplicationContext context = new GenericApplicationContext()) {
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "application",
                  Map.of(
                      "apimart.models.acme-image-1.sizes", "1:1",
                      "apimart.models[acme-image-1.5].max-images", "2",
                      "apimart.models[qwen-image-2.0].max-images", "4",
                      "apimart.modelsx.other", "x")));
      customizer.customizeContext(context, null);
      context.refresh();
      FakeApiMart fake = context.getBean(FakeApiMart.class);

      assertThat(fake.models()).contains("acme-image-1", "acme-image-1.5");
      assertThat(fake.models()).doesNotContain("modelsx", "other");
      assertThat(submissionStatus(fake, "acme-image-1.5")).isEqualTo(200);
      assertThat(submissionStatus(fake, "acme-image-2")).isEqualTo(400);
    }
  }

  @Test
  void theClientPollsAtTheFakesPace() {
    ApplicationContext context = contextOf(PlainUser.class);
    try {
      FakeApiMart fake = context.getBean(FakeApiMart.class);
      assertThat(fake.pollingOptions().initialDelay()).isZero();
      assertThat(context.getEnvironment().getProperty("apimart.polling.initial-delay"))
          .isEqualTo("0ms");
      assertThat(context.getEnvironment().getProperty("apimart.polling.min-interval"))
          .isEqualTo(fake.pollingOptions().minInterval().toMillis() + "ms");
      assertThat(context.getEnvironment().getProperty("apimart.polling.max-interval"))
          .isEqualTo(fake.pollingOptions().maxInterval().toMillis() + "ms");
    } finally {
      close(PlainUser.class);
    }
  }

  @Test
  void pollingTheTestSetsItselfIsLeftAlone() {
    ApplicationContext context = contextOf(PollingUser.class);
    try {
      assertThat(context.getEnvironment().getProperty("apimart.polling.min-interval"))
          .isEqualTo("20ms");
      assertThat(context.getEnvironment().getProperty("apimart.polling.max-interval")).isNull();
      assertThat(context.getEnvironment().getProperty("apimart.polling.initial-delay")).isNull();
      assertThat(context.getEnvironment().getProperty("apimart.base-url")).isNotNull();
    } finally {
      close(PollingUser.class);
    }
  }

  @Test
  void fastPollingCanBeTurnedOff() {
    ApplicationContext context = contextOf(SlowPollingUser.class);
    try {
      assertThat(context.getEnvironment().getProperty("apimart.polling.max-interval")).isNull();
      assertThat(context.getEnvironment().getProperty("apimart.api-key")).isNotNull();
    } finally {
      close(SlowPollingUser.class);
    }
  }

  @Test
  void theTestsPollingPropertiesAreRecognisedInAnyRelaxedSpelling() {
    for (String property :
        List.of(
            "apimart.polling.initial-delay=1s",
            "apimart.polling.minInterval: 5ms",
            "APIMART_POLLING_MAX_INTERVAL=1s",
            " apimart.polling.max_interval 1s")) {
      assertThat(FakeApiMartContextCustomizer.testSetsPolling(merged(property)))
          .as(property)
          .isTrue();
    }
    assertThat(FakeApiMartContextCustomizer.testSetsPolling(merged("apimart.polling.timeout=5s")))
        .isFalse();
    assertThat(FakeApiMartContextCustomizer.testSetsPolling(null)).isFalse();
  }

  private static MergedContextConfiguration merged(String property) {
    return new MergedContextConfiguration(
        Plain.class,
        new String[0],
        new Class<?>[0],
        Set.of(),
        new String[0],
        new String[0],
        new String[] {property},
        null,
        null,
        null);
  }

  private static ApplicationContext contextOf(Class<?> testClass) {
    return new TestContextManager(testClass).getTestContext().getApplicationContext();
  }

  private static void close(Class<?> testClass) {
    new TestContextManager(testClass).getTestContext().markApplicationContextDirty(null);
  }

  private static int submissionStatus(FakeApiMart fake, String model) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(fake.url("/v1/images/generations"))
                .header("Authorization", "Bearer " + fake.apiKey())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + model + "\",\"prompt\":\"a fox\"}"))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void strictModeFailsATestThatCalledAnUnknownRoute() throws Exception {
    TestContextManager manager = new TestContextManager(StrictUser.class);
    StrictUser instance = new StrictUser();
    Method test = StrictUser.class.getDeclaredMethod("test");
    manager.beforeTestClass();
    manager.prepareTestInstance(instance);
    manager.beforeTestMethod(instance, test);
    FakeApiMart fake = manager.getTestContext().getApplicationContext().getBean(FakeApiMart.class);
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(fake.url("/v1/no-such-route")).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThatThrownBy(() -> manager.afterTestMethod(instance, test, null))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("routes the service does not have");
    manager.afterTestClass();
  }

  @Test
  void lenientModeLetsUnknownRoutesPass() throws Exception {
    TestContextManager manager = new TestContextManager(LenientUser.class);
    LenientUser instance = new LenientUser();
    Method test = LenientUser.class.getDeclaredMethod("test");
    manager.beforeTestClass();
    manager.prepareTestInstance(instance);
    manager.beforeTestMethod(instance, test);
    FakeApiMart fake = manager.getTestContext().getApplicationContext().getBean(FakeApiMart.class);
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(fake.url("/v1/no-such-route")).build(),
            HttpResponse.BodyHandlers.discarding());
    manager.afterTestMethod(instance, test, null);
    manager.afterTestClass();
  }

  @Configuration(proxyBeanMethods = false)
  static class Empty {}

  @ContextConfiguration(classes = Empty.class)
  @EnableFakeApiMart(apiKey = "sk-strict-user-000000000000000")
  static class StrictUser {
    void test() {}
  }

  @ContextConfiguration(classes = Empty.class)
  @EnableFakeApiMart(strict = false)
  static class LenientUser {
    void test() {}
  }

  @ContextConfiguration(classes = Empty.class)
  @EnableFakeApiMart
  static class PlainUser {}

  @ContextConfiguration(classes = Empty.class)
  @TestPropertySource(properties = "apimart.polling.min-interval=20ms")
  @EnableFakeApiMart
  static class PollingUser {}

  @ContextConfiguration(classes = Empty.class)
  @EnableFakeApiMart(fastPolling = false)
  static class SlowPollingUser {}

  private static int balanceStatus(URI baseUrl, String key)
      throws IOException, InterruptedException {
    return EnableFakeApiMartTest.balanceStatus(baseUrl, key);
  }
}
