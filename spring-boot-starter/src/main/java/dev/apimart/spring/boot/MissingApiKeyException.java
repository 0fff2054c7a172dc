package dev.apimart.spring.boot;

/**
 * Neither {@code apimart.api-key} nor {@code APIMART_API_KEY} is set, so the auto-configured client
 * cannot be created. {@link ApiMartFailureAnalyzer} turns it into a start-up report saying what to
 * set.
 */
final class MissingApiKeyException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  MissingApiKeyException() {
    super(
        "No ApiMart API key: set the property 'apimart.api-key' or the environment variable "
            + ApiMartClientFactory.ENV_API_KEY);
  }
}
