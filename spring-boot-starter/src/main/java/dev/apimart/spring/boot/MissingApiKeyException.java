package dev.apimart.spring.boot;

import org.jspecify.annotations.Nullable;

/**
 * Neither {@code apimart.api-key} nor {@code APIMART_API_KEY} is set, so the auto-configured client
 * cannot be created. {@link ApiMartFailureAnalyzer} turns it into a start-up report saying what to
 * set.
 */
final class MissingApiKeyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Where the placeholder was found, or {@code null} when no key was configured at all. */
  private final @Nullable String source;

  /** The name inside the unresolved placeholder, or {@code null}. */
  private final @Nullable String placeholder;

  MissingApiKeyException() {
    super(
        "No ApiMart API key: set the property 'apimart.api-key' or the environment variable "
            + ApiMartClientFactory.ENV_API_KEY);
    this.source = null;
    this.placeholder = null;
  }

  MissingApiKeyException(String source, String placeholder) {
    super(
        "The ApiMart API key in "
            + source
            + " is the placeholder ${"
            + placeholder
            + "}, which nothing resolved: set "
            + (placeholder.isEmpty() ? "the variable it names" : placeholder)
            + " or the property directly");
    this.source = source;
    this.placeholder = placeholder;
  }

  /** Where the unresolved placeholder was found ({@code apimart.api-key}), when that is why. */
  @Nullable String source() {
    return source;
  }

  /** The name inside the unresolved placeholder ({@code APIMART_API_KEY}), when that is why. */
  @Nullable String placeholder() {
    return placeholder;
  }
}
