package dev.apimart.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import org.junit.jupiter.api.Test;

/** Callback bodies as docs.apimart.ai/en/api-reference/tasks/webhook describes them. */
class WebhookEventTest {

  @Test
  void aCompletedCallbackIsTheStatusAnswer() {
    WebhookEvent event =
        WebhookEvent.parse(
            "{\"code\":200,\"data\":{\"id\":\"task_01ABC\",\"status\":\"completed\",\"progress\":100,"
                + "\"result\":{\"images\":[{\"url\":[\"https://cdn.example/a.png\"],"
                + "\"expires_at\":1893456000}]},\"created\":1764000000,\"completed\":1764000019}}");

    assertThat(event.taskId()).isEqualTo(TaskId.of("task_01ABC"));
    assertThat(event.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(event.task().images()).hasSize(1);
  }

  @Test
  void theFailureShapeCarriesItsMessage() {
    WebhookEvent event =
        WebhookEvent.parse(
            "{\"code\":200,\"data\":{\"id\":\"task_01DEF\",\"status\":\"failed\",\"progress\":0,"
                + "\"error\":{\"message\":\"image generation failed\",\"type\":\"task_failed\","
                + "\"param\":\"\",\"code\":\"task_failed\"}}}");

    assertThat(event.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(event.task().error()).isNotNull();
    assertThat(event.task().error().message()).isEqualTo("image generation failed");
  }

  @Test
  void aBodyThatIsNoTaskIsRefused() {
    assertThat(catchThrowable(() -> WebhookEvent.parse("<html>hi</html>")))
        .isInstanceOf(ApiMartException.class);
  }

  @Test
  void theDeduplicatorRemembersABoundedNumberOfTasks() {
    WebhookDeduplicator dedup = new WebhookDeduplicator(2);

    assertThat(dedup.firstDelivery(TaskId.of("a"))).isTrue();
    assertThat(dedup.firstDelivery(TaskId.of("a"))).isFalse();
    assertThat(dedup.firstDelivery(TaskId.of("b"))).isTrue();
    assertThat(dedup.firstDelivery(TaskId.of("c"))).isTrue();
    assertThat(dedup.size()).isEqualTo(2);
    assertThat(dedup.firstDelivery(TaskId.of("a"))).as("forgotten, oldest first").isTrue();
  }

  @Test
  void aForgottenTaskCountsAsNewOnItsNextDelivery() {
    WebhookDeduplicator dedup = new WebhookDeduplicator();

    assertThat(dedup.firstDelivery(TaskId.of("a"))).isTrue();
    assertThat(dedup.forget(TaskId.of("a"))).isTrue();
    assertThat(dedup.forget(TaskId.of("a"))).isFalse();
    assertThat(dedup.size()).isZero();
    assertThat(dedup.firstDelivery(TaskId.of("a"))).isTrue();
    assertThat(dedup.firstDelivery(TaskId.of("a"))).isFalse();
  }
}
