package dev.apimart.core.webhook;

import dev.apimart.core.internal.wire.WireCodec;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook callback from ApiMart, decoded into the same {@link Task} a status query gives.
 *
 * <p>What ApiMart documents (docs.apimart.ai/en/api-reference/tasks/webhook, ADR 0016): a request
 * with a top-level {@code webhook} URL gets a {@code POST} to that URL with {@code /callback}
 * appended once the task is final ({@code completed} or {@code failed}); the body is exactly the
 * status query's answer, a failure carrying {@code error: {message, type: "task_failed", param,
 * code: "task_failed"}}; deliveries are retried 3 times (about 10 s / 30 s / 60 s) when the
 * receiver answers 5xx or not within about 10 s, never after a 4xx, and may arrive twice —
 * de-duplicate by task id ({@link WebhookDeduplicator}). Callbacks are <b>not signed</b>: anyone
 * who learns the URL can post a forged "completed" task, so put a long random secret in the URL's
 * path (a query may not survive the {@code /callback} the service appends), compare it in constant
 * time, and treat the event as a hint — read the task with {@code client.getTask(event.taskId())}
 * before acting on money or data.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookEvent {

  private static final WireCodec CODEC = WireCodec.create(Clock.systemUTC());

  private final Task task;

  private WebhookEvent(Task task) {
    this.task = task;
  }

  /**
   * Decodes a callback body.
   *
   * @throws dev.apimart.core.error.ApiMartException (an {@code UnexpectedResponseException}) when
   *     the body is not a task answer; an error envelope without task data becomes the matching
   *     typed exception
   */
  public static WebhookEvent parse(byte[] body) {
    Objects.requireNonNull(body, "body");
    return new WebhookEvent(CODEC.decodeTask(200, Map.<String, List<String>>of(), body));
  }

  /** Decodes a callback body given as text. */
  public static WebhookEvent parse(String body) {
    return parse(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
  }

  /** The task, as a status query would give it. */
  public Task task() {
    return task;
  }

  /** The task's id: the key to de-duplicate deliveries by. */
  public TaskId taskId() {
    return task.id();
  }

  /** The task's status; {@code COMPLETED} or {@code FAILED} for a documented callback. */
  public TaskStatus status() {
    return task.status();
  }

  @Override
  public String toString() {
    return "WebhookEvent[" + task.id() + ", " + task.status() + "]";
  }
}
