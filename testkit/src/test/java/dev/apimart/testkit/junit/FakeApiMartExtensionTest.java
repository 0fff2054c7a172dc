package dev.apimart.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.apimart.testkit.FakeApiMart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small example test classes through the Jupiter engine and checks what the extension did. The
 * examples are nested classes, which the build's test scan skips; they record what they saw in the
 * static lists below (test-only plumbing, cleared before each run).
 */
class FakeApiMartExtensionTest {

  static final List<FakeApiMart> SEEN = new CopyOnWriteArrayList<>();
  static final Map<String, Integer> TASKS_SEEN = new ConcurrentHashMap<>();
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeEach
  void clear() {
    SEEN.clear();
    TASKS_SEEN.clear();
  }

  @Test
  void injectsTheSameStartedFakeIntoFieldsAndParameters() {
    Events tests = run(FieldAndParameters.class);

    tests.assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(SEEN).hasSize(3);
    assertThat(SEEN).allSatisfy(f -> assertThat(f).isSameAs(SEEN.get(0)));
  }

  @Test
  void everyTestGetsAFreshFakeThatIsClosedAfterwards() {
    Events tests = run(TwoTests.class);

    tests.assertStatistics(s -> s.started(2).succeeded(2));
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
    assertThat(SEEN).allSatisfy(f -> assertThat(f.toString()).endsWith(", closed]"));
    assertThat(TASKS_SEEN).containsValues(0, 0);
  }

  @Test
  void strictFakeFailsATestThatCalledAnUnknownRoute() {
    Events tests = run(CallsUnknownRoute.class);

    tests.assertStatistics(s -> s.started(1).failed(1));
    assertThat(failureMessage(tests))
        .contains("FakeApiMart received 1 request(s) for routes the service does not have")
        .contains("GET /v1/images -> 404");
  }

  @Test
  void customizedFakeUsesItsOptions() {
    Events tests = run(Customized.class);

    tests.assertStatistics(s -> s.started(1).succeeded(1));
    assertThat(SEEN.get(0).apiKey()).isEqualTo("sk-custom");
    assertThat(SEEN.get(0).isStrict()).isFalse();
  }

  @Test
  void staticFieldsAreRefusedWithAReason() {
    Events tests = run(StaticField.class);

    tests.assertStatistics(s -> s.failed(1));
    assertThat(failureMessage(tests)).contains("is static; a fake is made for each test");
  }

  @Test
  void classLevelParametersAreRefusedWithAReason() {
    Events tests = run(BeforeAllParameter.class);

    assertThat(containerFailureMessage(BeforeAllParameter.class))
        .contains("a FakeApiMart is made for each test");
    tests.assertStatistics(s -> s.succeeded(0));
  }

  @Test
  void testsRunningInParallelEachHaveTheirOwnFake() {
    Events tests =
        engine(ParallelTests.class)
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
            .execute()
            .testEvents();

    tests.assertStatistics(s -> s.started(6).succeeded(6));
    assertThat(SEEN).hasSize(6).doesNotHaveDuplicates();
    assertThat(TASKS_SEEN.values()).containsOnly(1);
  }

  private static Events run(Class<?> example) {
    return engine(example).execute().testEvents();
  }

  private static EngineTestKit.Builder engine(Class<?> example) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(example))
        .configurationParameter(OnlyWhenRunByTheTest.KEY, "true");
  }

  private static String containerFailureMessage(Class<?> example) {
    return engine(example).execute().containerEvents().failed().stream()
        .map(FakeApiMartExtensionTest::message)
        .findFirst()
        .orElse("");
  }

  private static String failureMessage(Events events) {
    return events.failed().stream().map(FakeApiMartExtensionTest::message).findFirst().orElse("");
  }

  private static String message(Event event) {
    return event
        .getPayload(TestExecutionResult.class)
        .flatMap(TestExecutionResult::getThrowable)
        .map(Throwable::getMessage)
        .orElse("");
  }

  static int submit(FakeApiMart fake, String prompt) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(fake.url("/v1/images/generations"))
            .header("Authorization", "Bearer " + fake.apiKey())
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"z-image-turbo\",\"prompt\":\"" + prompt + "\"}"))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static int get(URI url, String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(url).header("Authorization", "Bearer " + key).GET().build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  // ------------------------------------------------------------------ examples

  /** Keeps the examples from running on their own (an IDE runs nested classes too). */
  static final class OnlyWhenRunByTheTest implements ExecutionCondition {
    static final String KEY = "apimart.testkit.extension-examples";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(KEY).isPresent()
          ? ConditionEvaluationResult.enabled("run by FakeApiMartExtensionTest")
          : ConditionEvaluationResult.disabled("an example for FakeApiMartExtensionTest");
    }
  }

  @ExtendWith(OnlyWhenRunByTheTest.class)
  @ExtendWith(FakeApiMartExtension.class)
  static class FieldAndParameters {
    FakeApiMart fake;

    @BeforeEach
    void before(FakeApiMart fromBeforeEach) {
      SEEN.add(fromBeforeEach);
    }

    @Test
    void test(FakeApiMart fromTest) throws Exception {
      SEEN.add(fake);
      SEEN.add(fromTest);
      assertThat(get(fake.url("/v1/balance"), fake.apiKey())).isEqualTo(200);
    }
  }

  @ExtendWith(OnlyWhenRunByTheTest.class)
  @ExtendWith(FakeApiMartExtension.class)
  static class TwoTests {
    FakeApiMart fake;

    @Test
    void first() throws Exception {
      record();
    }

    @Test
    void second() throws Exception {
      record();
    }

    private void record() throws Exception {
      SEEN.add(fake);
      TASKS_SEEN.put(fake.baseUrl().toString(), fake.tasks().size());
      assertThat(submit(fake, "leave a task behind")).isEqualTo(200);
    }
  }

  @ExtendWith(OnlyWhenRunByTheTest.class)
  @ExtendWith(FakeApiMartExtension.class)
  static class CallsUnknownRoute {
    @Test
    void test(FakeApiMart fake) throws Exception {
      assertThat(get(fake.url("/v1/images"), fake.apiKey())).isEqualTo(404);
    }
  }

  @ExtendWith(OnlyWhenRunByTheTest.class)
  static class Customized {
    @RegisterExtension
    final FakeApiMartExtension extension =
        FakeApiMartExtension.configuredWith(b -> b.apiKey("sk-custom").strict(false));

    @Test
    void test(FakeApiMart fake) throws Exception {
      SEEN.add(fake);
      assertThat(get(fake.url("/v1/nothing"), "sk-custom")).isEqualTo(404);
    }
  }

  @ExtendWith(OnlyWhenRunByTheTest.class)
  @ExtendWith(FakeApiMartExtension.class)
  static class StaticField {
    static FakeApiMart fake;

    @Test
    void test() {}
  }

  @ExtendWith(OnlyWhenRunByTheTest.class)
  @ExtendWith(FakeApiMartExtension.class)
  static class BeforeAllParameter {
    @BeforeAll
    static void before(FakeApiMart fake) {}

    @Test
    void test() {}
  }

  @ExtendWith(OnlyWhenRunByTheTest.class)
  @ExtendWith(FakeApiMartExtension.class)
  static class ParallelTests {
    private void own(FakeApiMart fake, String name) throws Exception {
      SEEN.add(fake);
      assertThat(submit(fake, name)).isEqualTo(200);
      TASKS_SEEN.put(name, fake.tasks().size());
      assertThat(fake.lastTask().prompt()).isEqualTo(name);
    }

    @Test
    void a(FakeApiMart fake) throws Exception {
      own(fake, "a");
    }

    @Test
    void b(FakeApiMart fake) throws Exception {
      own(fake, "b");
    }

    @Test
    void c(FakeApiMart fake) throws Exception {
      own(fake, "c");
    }

    @Test
    void d(FakeApiMart fake) throws Exception {
      own(fake, "d");
    }

    @Test
    void e(FakeApiMart fake) throws Exception {
      own(fake, "e");
    }

    @Test
    void f(FakeApiMart fake) throws Exception {
      own(fake, "f");
    }
  }
}
