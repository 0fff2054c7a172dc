package dev.apimart.spring.boot.testkit;

import dev.apimart.testkit.FakeApiMart;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link FakeApiMart} for the test's Spring application context and points the
 * auto-configured client at it, in the spirit of wiremock-spring-boot's {@code @EnableWireMock}:
 *
 * <pre>{@code
 * @SpringBootTest
 * @EnableFakeApiMart
 * class ImageServiceTest {
 *   @Autowired ApiMartClient client;
 *   @Autowired FakeApiMart fake;   // script outcomes, inject faults, read the journal
 * }
 * }</pre>
 *
 * <p>The fake listens on a free loopback port; {@link #baseUrlProperty()} and {@link
 * #apiKeyProperty()} are set through a property source of highest precedence before the context
 * refreshes — together with {@code apimart.polling.initial-delay}, {@code min-interval} and {@code
 * max-interval} at the fake's pace ({@link FakeApiMart#pollingOptions()}: first poll at once, then
 * every few milliseconds), so a {@code generate} takes milliseconds, unless {@link #fastPolling()}
 * is false or the test's own properties set one of the three — and the fake is a bean named {@value
 * FakeApiMartContextCustomizer#BEAN_NAME}. It lives exactly as long as the context: Spring's
 * context cache shares it between test classes whose configuration (this annotation included) is
 * the same, and it is closed when the context closes. There is no static state. Before each test
 * method the fake is {@link FakeApiMart#reset() reset} (unless {@link #resetBeforeEachTest()} is
 * false) and, in strict mode, after each test method a request to an unknown route fails the test.
 *
 * <p>Found on the test class, a superclass (the annotation is inherited) or an enclosing class of a
 * {@code @Nested} test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EnableFakeApiMart {

  /** The API key the fake accepts and the client is given. */
  String apiKey() default FakeApiMart.DEFAULT_API_KEY;

  /**
   * Every task finishes on this poll (the fake's default is 3: pending, processing, done), so a
   * polling client finishes without the test moving the fake's clock. 0: only the clock moves tasks
   * ({@link FakeApiMart#advance}).
   */
  int finishAfterPolls() default 3;

  /** Whether the fake is stricter than the service where that catches client bugs. */
  boolean strict() default true;

  /**
   * Whether the client polls at the fake's pace (the default): {@code
   * apimart.polling.initial-delay}, {@code min-interval} and {@code max-interval} are set from
   * {@link FakeApiMart#pollingOptions()}, above the application's own configuration. Left alone
   * when false, or when the test's own properties ({@code @SpringBootTest(properties = …)},
   * {@code @TestPropertySource}) set any of the three.
   */
  boolean fastPolling() default true;

  /** Whether the balance is unlimited (never 402); otherwise it starts at 100. */
  boolean unlimitedBalance() default false;

  /** Whether tasks, scripts, faults, journal and balance are reset before each test method. */
  boolean resetBeforeEachTest() default true;

  /** The property that receives the fake's base URL. */
  String baseUrlProperty() default "apimart.base-url";

  /** The property that receives the API key. */
  String apiKeyProperty() default "apimart.api-key";
}
