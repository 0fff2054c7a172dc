package dev.apimart.testkit.junit;

import dev.apimart.testkit.FakeApiMart;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Gives every test its own started {@link FakeApiMart}, closed after the test: state never leaks
 * from one test to the next, nothing is static, and tests may run in parallel.
 *
 * <pre>{@code
 * @ExtendWith(FakeApiMartExtension.class)
 * class GenerationTest {
 *   FakeApiMart fake;                                   // injected before each test
 *
 *   @Test
 *   void completesATask(FakeApiMart sameFake) { … }     // or as a parameter
 * }
 * }</pre>
 *
 * <p>For other options register it with a customizer instead:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeApiMartExtension FAKE =
 *     FakeApiMartExtension.configuredWith(b -> b.urlShape(UrlShape.STRING).balance(BigDecimal.ONE));
 * }</pre>
 *
 * <p>A fake is injected into non-static fields of type {@link FakeApiMart} and into parameters of
 * that type of test methods and {@code @BeforeEach}/{@code @AfterEach} methods. After each test, a
 * fake in strict mode (the default) fails the test if the code under test called a route the
 * service does not have. Use either {@code @ExtendWith} or {@code @RegisterExtension} on a class,
 * not both.
 *
 * <p>Works on JUnit Jupiter 5.10 and later, 6.x included.
 */
public final class FakeApiMartExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeApiMartExtension.class);
  private static final String KEY = "fake";

  private final Consumer<FakeApiMart.Builder> customizer;

  /** Default fakes, as {@link FakeApiMart#start()} makes them. */
  public FakeApiMartExtension() {
    this(builder -> {});
  }

  private FakeApiMartExtension(Consumer<FakeApiMart.Builder> customizer) {
    this.customizer = customizer;
  }

  /**
   * An extension whose fakes are built with these options; the customizer is applied to a fresh
   * builder for every test.
   */
  public static FakeApiMartExtension configuredWith(Consumer<FakeApiMart.Builder> customizer) {
    return new FakeApiMartExtension(Objects.requireNonNull(customizer, "customizer"));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    FakeApiMart fake = fakeFor(context);
    List<Object> instances = context.getRequiredTestInstances().getAllInstances();
    for (Object instance : instances) {
      List<Field> fields = fakeFields(instance.getClass());
      if (!fields.isEmpty()
          && context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
              == TestInstance.Lifecycle.PER_CLASS
          && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
        throw new ExtensionConfigurationException(
            "FakeApiMart field "
                + fields.get(0)
                + " is shared by tests running concurrently in one test instance (PER_CLASS"
                + " lifecycle): take the FakeApiMart as a test method parameter instead");
      }
      for (Field field : fields) {
        inject(field, instance, fake);
      }
    }
  }

  /**
   * Plain reflection rather than {@code ReflectionSupport.makeAccessible(Field)}, which JUnit added
   * only in 5.12: the extension uses only API that JUnit 5.10 has (OldestJUnitTest checks it).
   */
  private static void inject(Field field, Object instance, FakeApiMart fake) {
    try {
      field.setAccessible(true);
      field.set(instance, fake);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException(
          "cannot inject FakeApiMart into " + field + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Holder holder = context.getStore(NAMESPACE).remove(KEY, Holder.class);
    if (holder == null) {
      return;
    }
    try (FakeApiMart fake = holder.fake) {
      if (fake.isStrict() && context.getExecutionException().isEmpty()) {
        fake.journal().assertNoUnmatchedRequests();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeApiMart.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "a FakeApiMart is made for each test: take it in a test method, a @BeforeEach or"
              + " @AfterEach method, or a field — not in a constructor or @BeforeAll/@AfterAll"
              + " method");
    }
    return fakeFor(context);
  }

  // getOrComputeIfAbsent (deprecated in JUnit 6) keeps the extension working on JUnit 5.x.
  @SuppressWarnings("deprecation")
  private FakeApiMart fakeFor(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(KEY, key -> new Holder(start()), Holder.class)
        .fake;
  }

  private FakeApiMart start() {
    FakeApiMart.Builder builder = FakeApiMart.builder();
    customizer.accept(builder);
    return builder.start();
  }

  private static List<Field> fakeFields(Class<?> type) {
    List<Field> fields =
        ReflectionSupport.findFields(
            type, f -> f.getType() == FakeApiMart.class, HierarchyTraversalMode.TOP_DOWN);
    for (Field field : fields) {
      if (Modifier.isStatic(field.getModifiers())) {
        throw new ExtensionConfigurationException(
            "FakeApiMart field "
                + field
                + " is static; a fake is made for each test, so make the field an instance field");
      }
      if (Modifier.isFinal(field.getModifiers())) {
        throw new ExtensionConfigurationException(
            "FakeApiMart field " + field + " is final; the extension must be able to set it");
      }
    }
    return fields;
  }

  /** Closes the fake if the store is closed without {@link #afterEach} having run. */
  private static final class Holder implements AutoCloseable {
    final FakeApiMart fake;

    Holder(FakeApiMart fake) {
      this.fake = fake;
    }

    @Override
    public void close() {
      fake.close();
    }
  }
}
