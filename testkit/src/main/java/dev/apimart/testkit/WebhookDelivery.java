package dev.apimart.testkit;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One callback a {@link FakeApiMart} posted for a task submitted with a {@code webhook}.
 *
 * @param taskId the task
 * @param url where it was posted: the webhook URL with {@code /callback} appended, as ApiMart
 *     documents
 * @param attempt 1 for the first delivery, up to 4 with the three documented retries
 * @param time the fake clock's time of the attempt
 * @param status the receiver's HTTP status, 0 when it did not answer in time or refused the
 *     connection
 * @param duplicate whether this was the extra delivery {@link FakeApiMart#deliverWebhooksTwice}
 *     asked for
 * @param body the payload posted (the status query's answer)
 */
public record WebhookDelivery(
    String taskId,
    URI url,
    int attempt,
    Instant time,
    int status,
    boolean duplicate,
    @Nullable String body) {

  /** Checks the required components. */
  public WebhookDelivery {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(time, "time");
  }
}
