package dev.apimart.spring.boot.testing;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

/**
 * Context runners that do not see the machine's environment variables, so a developer's real {@code
 * APIMART_API_KEY} or {@code APIMART_BASE_URL} can neither make a test pass nor send a request to
 * the real service.
 */
public final class Hermetic {

  private Hermetic() {}

  /** A runner whose environment has no system environment variables. */
  public static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME));
  }
}
