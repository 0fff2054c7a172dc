package dev.apimart.spring.boot.internal;

import dev.apimart.spring.boot.WrongBootGenerationException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * The first condition of every ApiMart auto-configuration (through {@link
 * ConditionalOnBootGeneration}): fails start-up with {@link WrongBootGenerationException} when the
 * application runs a Spring Boot generation this starter was not built for (the Boot 4 starter in a
 * Boot 3.5 application, or the other way round).
 *
 * <p>Why a condition and not an {@code EnvironmentPostProcessor}: the two generations register
 * those under different names and interfaces ({@code org.springframework.boot.env.} in Boot 3,
 * {@code org.springframework.boot.} in Boot 4), while both read the same auto-configuration imports
 * and evaluate {@code @Conditional} the same way, before any of the configuration's bean methods —
 * whose types may be missing on the other generation — are looked at. Its failure reaches Boot's
 * failure analysers like any start-up failure.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class BootGenerationCondition implements Condition {

  /** A class Boot 4 added (the new home of {@code EnvironmentPostProcessor}); Boot 3 lacks it. */
  static final String BOOT4_ONLY_CLASS = "org.springframework.boot.EnvironmentPostProcessor";

  /** Only for Spring. */
  public BootGenerationCondition() {}

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String running = runningVersion(context.getClassLoader());
    WrongBootGenerationException wrong =
        check(BootGeneration.MAJOR, BootGeneration.ARTIFACT, running);
    if (wrong != null) {
      throw wrong;
    }
    return true;
  }

  /**
   * The running Boot's version as its jar states it, or, when the jar does not say (repackaged or
   * shaded applications), {@code "4.x"} or {@code "3.x"} from a class only Boot 4 has.
   */
  public static String runningVersion(@Nullable ClassLoader classLoader) {
    return runningVersion(SpringBootVersion.getVersion(), classLoader);
  }

  /**
   * @param stated the version Boot's jar states, or {@code null}
   * @param classLoader the application's class loader
   */
  static String runningVersion(@Nullable String stated, @Nullable ClassLoader classLoader) {
    if (stated != null && !stated.isBlank()) {
      return stated;
    }
    return ClassUtils.isPresent(BOOT4_ONLY_CLASS, classLoader) ? "4.x" : "3.x";
  }

  /**
   * Whether a starter for Spring Boot {@code ownMajor} may run on {@code runningVersion}.
   *
   * @param ownMajor the generation the starter was built for (3 or 4)
   * @param ownArtifact the starter's artifact id, named in the report
   * @param runningVersion the application's Spring Boot version, such as {@code 3.5.7}
   * @return the failure to throw, or {@code null} when the generation fits; a Boot 4 starter also
   *     runs on later generations, which it cannot know about
   */
  public static @Nullable WrongBootGenerationException check(
      int ownMajor, String ownArtifact, String runningVersion) {
    int runningMajor = major(runningVersion);
    boolean fits = ownMajor >= 4 ? runningMajor >= 4 : runningMajor == ownMajor;
    if (fits || runningMajor < 0) {
      return null;
    }
    String needs = ownMajor >= 4 ? "Spring Boot 4.x" : "Spring Boot 3.5.x";
    return new WrongBootGenerationException(
        ownArtifact, needs, runningVersion, starterFor(runningMajor));
  }

  /** The ApiMart starter for a Boot generation, or {@code null} when there is none. */
  public static @Nullable String starterFor(int bootMajor) {
    if (bootMajor >= 4) {
      return "dev.apimart:apimart-spring-boot-starter";
    }
    if (bootMajor == 3) {
      return "dev.apimart:apimart-spring-boot3-starter";
    }
    return null;
  }

  private static int major(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 3) {
      return -1;
    }
    return Integer.parseInt(version.substring(0, end));
  }
}
