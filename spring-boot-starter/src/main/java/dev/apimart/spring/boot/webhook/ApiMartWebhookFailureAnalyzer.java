package dev.apimart.spring.boot.webhook;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** Explains why the webhook endpoint could not start, naming the property to fix. */
final class ApiMartWebhookFailureAnalyzer implements FailureAnalyzer {

  @Override
  public @Nullable FailureAnalysis analyze(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof WebhookConfigurationException webhook) {
        return new FailureAnalysis(
            "The ApiMart webhook endpoint cannot start: " + webhook.getMessage() + ".",
            action(webhook.property()),
            webhook);
      }
    }
    return null;
  }

  private static String action(String property) {
    return switch (property) {
      case "secret" ->
          "Set 'apimart.webhook.secret' to a random value of at least "
              + ApiMartWebhooks.MIN_SECRET_LENGTH
              + " characters of A-Z, a-z, 0-9, '-' and '_' (for example the output of 'openssl"
              + " rand -hex 32'), from an environment variable or secret store rather than a file"
              + " in version control; or set 'apimart.webhook.enabled=false'.";
      case "path" ->
          "Set 'apimart.webhook.path' to a plain path such as /apimart/webhook; the endpoint"
              + " listens at <path>/<secret>/callback.";
      default ->
          "Set 'apimart.webhook.public-base-url' to the address ApiMart reaches this application"
              + " at, such as https://app.example.com (scheme and host, and the context path if"
              + " any).";
    };
  }
}
