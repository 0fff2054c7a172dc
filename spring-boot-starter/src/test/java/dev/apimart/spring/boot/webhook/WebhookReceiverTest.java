package dev.apimart.spring.boot.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.TaskId;
import dev.apimart.core.webhook.WebhookDeduplicator;
import dev.apimart.spring.boot.webhook.WebhookReceiver.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

class WebhookReceiverTest {

  private static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC);

  private final List<Object> published = new ArrayList<>();
  private final ApplicationEventPublisher publisher = published::add;

  private static byte[] completed(String id) {
    return ("{\"code\":200,\"data\":{\"id\":\""
            + id
            + "\",\"status\":\"completed\",\"progress\":100,"
            + "\"result\":{\"images\":[{\"url\":[\"https://cdn.example/a.png\"]}]}}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void onlyTheExactSecretMatches() {
    WebhookReceiver receiver =
        new WebhookReceiver(SECRET, new WebhookDeduplicator(), publisher, Runnable::run, CLOCK);

    assertThat(receiver.secretMatches(SECRET)).isTrue();
    assertThat(receiver.secretMatches(SECRET + "x")).isFalse();
    assertThat(receiver.secretMatches(SECRET.substring(1))).isFalse();
    assertThat(receiver.secretMatches("")).isFalse();
    assertThat(receiver.secretMatches(SECRET.toUpperCase())).isFalse();
  }

  @Test
  void aFirstDeliveryIsPublishedWithTheTimeItArrived() {
    WebhookReceiver receiver =
        new WebhookReceiver(SECRET, new WebhookDeduplicator(), publisher, Runnable::run, CLOCK);

    assertThat(receiver.receive(completed("task_1"))).isEqualTo(Answer.ACCEPTED);
    assertThat(receiver.receive(completed("task_1"))).isEqualTo(Answer.DUPLICATE);

    assertThat(published).hasSize(1);
    ApiMartTaskFinishedEvent event = (ApiMartTaskFinishedEvent) published.get(0);
    assertThat(event.taskId()).isEqualTo(TaskId.of("task_1"));
    assertThat(event.receivedAt()).isEqualTo(Instant.parse("2026-11-30T04:00:00Z"));
    assertThat(event.toString()).doesNotContain("cdn.example");
  }

  @Test
  void aListenerThatThrowsDoesNotChangeTheAnswer() {
    ApplicationEventPublisher failing =
        event -> {
          throw new IllegalStateException("listener bug");
        };
    WebhookReceiver receiver =
        new WebhookReceiver(SECRET, new WebhookDeduplicator(), failing, Runnable::run, CLOCK);

    assertThat(receiver.receive(completed("task_2"))).isEqualTo(Answer.ACCEPTED);
  }

  @Test
  void anEventTheExecutorRefusesIsAnswered503AndHandledWhenApiMartDeliversItAgain() {
    WebhookDeduplicator deduplicator = new WebhookDeduplicator();
    WebhookReceiver refusing =
        new WebhookReceiver(
            SECRET,
            deduplicator,
            publisher,
            command -> {
              throw new RejectedExecutionException("full");
            },
            CLOCK);

    assertThat(refusing.receive(completed("task_3"))).isEqualTo(Answer.BUSY);
    assertThat(Answer.BUSY.status).isEqualTo(503);
    assertThat(published).isEmpty();
    assertThat(deduplicator.size()).isZero();

    WebhookReceiver working =
        new WebhookReceiver(SECRET, deduplicator, publisher, Runnable::run, CLOCK);
    assertThat(working.receive(completed("task_3"))).isEqualTo(Answer.ACCEPTED);
    assertThat(published).hasSize(1);
    assertThat(working.receive(completed("task_3"))).isEqualTo(Answer.DUPLICATE);
  }

  @Test
  void malformedAndUnfinishedBodiesAreBadRequestsAndNotRemembered() {
    WebhookDeduplicator deduplicator = new WebhookDeduplicator();
    WebhookReceiver receiver =
        new WebhookReceiver(SECRET, deduplicator, publisher, Runnable::run, CLOCK);

    assertThat(receiver.receive("<html>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Answer.BAD_REQUEST);
    assertThat(
            receiver.receive(
                "{\"code\":200,\"data\":{\"id\":\"task_4\",\"status\":\"processing\"}}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Answer.BAD_REQUEST);

    assertThat(deduplicator.size()).isZero();
    assertThat(published).isEmpty();
    assertThat(receiver.receive(completed("task_4"))).isEqualTo(Answer.ACCEPTED);
  }
}
