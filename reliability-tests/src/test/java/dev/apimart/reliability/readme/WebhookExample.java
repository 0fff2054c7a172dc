package dev.apimart.reliability.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.webhook.WebhookDeduplicator;
import dev.apimart.core.webhook.WebhookEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The README's webhook examples, compiled by the build. */
final class WebhookExample {

  private WebhookExample() {}

  static TaskId submitWithWebhook(ApiMartClient client, String secret) {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.Z_IMAGE_TURBO)
            .prompt("a lighthouse at dawn")
            // ApiMart posts to .../hooks/apimart/SECRET/callback once the task is final
            .webhook(URI.create("https://example.com/hooks/apimart/" + secret))
            .build();
    return client.submit(request);
  }

  private static final WebhookDeduplicator SEEN = new WebhookDeduplicator();

  /** Your HTTP endpoint's handler: answer 2xx at once, then process. */
  static void onCallback(ApiMartClient client, String secretGiven, String secret, byte[] body) {
    if (!MessageDigest.isEqual(
        secretGiven.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      return; // callbacks are unsigned: without the secret anyone could post one
    }
    WebhookEvent event = WebhookEvent.parse(body);
    if (SEEN.firstDelivery(event)) {
      Task task = client.getTask(event.taskId()); // trust the service, not the callback body
      System.out.println(task.id() + " is " + task.status());
    }
  }
}
