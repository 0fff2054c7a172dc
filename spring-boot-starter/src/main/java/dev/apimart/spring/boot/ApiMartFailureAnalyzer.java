package dev.apimart.spring.boot;

import dev.apimart.core.error.ConfigurationException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains a start-up failure of the ApiMart auto-configuration: which property to set when the API
 * key is missing, and what is wrong when another {@code apimart.*} value or the class path cannot
 * make a client, and which starter to use when this one was built for another Spring Boot
 * generation. The messages never contain the key.
 */
final class ApiMartFailureAnalyzer implements FailureAnalyzer {

  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    if (find(failure, WrongBootGenerationException.class)
        instanceof WrongBootGenerationException wrong) {
      return new FailureAnalysis(
          wrong.getMessage() + ".",
          wrong
              .replacement()
              .map(
                  starter ->
                      "Replace the dependency dev.apimart:"
                          + wrong.artifact()
                          + " with "
                          + starter
                          + " (same version, same apimart.* properties); in tests use "
                          + starter.replace("-starter", "-testkit")
                          + " for @EnableFakeApiMart.")
              .orElse(
                  "Run the application on Spring Boot 3.5 with"
                      + " dev.apimart:apimart-spring-boot3-starter, or on Spring Boot 4 with"
                      + " dev.apimart:apimart-spring-boot-starter."),
          wrong);
    }
    Throwable missingKey = find(failure, MissingApiKeyException.class);
    if (missingKey instanceof MissingApiKeyException m && m.placeholder() != null) {
      String name = m.placeholder().isEmpty() ? "the variable it names" : m.placeholder();
      return new FailureAnalysis(
          "The ApiMart API key in "
              + m.source()
              + " is the placeholder ${"
              + m.placeholder()
              + "}, which nothing resolved, so it would be sent as the key.",
          "Set the environment variable or property "
              + name
              + " before starting the application, or give 'apimart.api-key' a value directly"
              + " (for tests, @EnableFakeApiMart sets it for you).",
          missingKey);
    }
    if (missingKey != null) {
      return new FailureAnalysis(
          "No ApiMart API key is configured, so the auto-configured ApiMartClient cannot be"
              + " created.",
          "Set the property 'apimart.api-key', for example in application.properties, or set the"
              + " environment variable "
              + ApiMartClientFactory.ENV_API_KEY
              + ". Keys are created in the ApiMart console. To start without ApiMart, define your"
              + " own ApiMartClient bean or exclude ApiMartAutoConfiguration.",
          missingKey);
    }
    Throwable invalid = find(failure, ConfigurationException.class);
    if (invalid != null) {
      return new FailureAnalysis(
          "The ApiMart client cannot be created: " + invalid.getMessage(),
          "Correct the apimart.* properties or the dependencies as described above. Your IDE"
              + " completes every apimart.* property and shows its default.",
          invalid);
    }
    return null;
  }

  private static @Nullable Throwable find(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
