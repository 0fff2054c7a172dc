package dev.apimart.spring.boot.webhook;

/**
 * An {@code apimart.webhook.*} property keeps the webhook endpoint from starting; {@link
 * ApiMartWebhookFailureAnalyzer} turns it into the start-up report. The message never contains the
 * secret.
 */
final class WebhookConfigurationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String property;

  WebhookConfigurationException(String property, String message) {
    super(message);
    this.property = property;
  }

  /** The property's name below {@code apimart.webhook.}. */
  String property() {
    return property;
  }
}
