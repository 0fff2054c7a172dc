package dev.apimart.spring.boot.webhook;

import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Published (as a Spring application event) once per task when ApiMart's callback for it arrives at
 * the starter's webhook endpoint: the task as the callback describes it, completed or failed.
 *
 * <p><b>A hint, not proof.</b> ApiMart's callbacks are not signed; the secret in the URL keeps out
 * whoever does not know it, but an application that pays out, deletes or publishes on the strength
 * of this event should read the task from the service first: {@code
 * client.getTask(event.taskId())}. Events are published on another thread than the request's, after
 * ApiMart was answered; a listener's failure is logged and does not reach ApiMart. A callback that
 * never arrives (the service gives up after three retries) publishes nothing, so an application
 * that must see every task still needs its own check of the tasks it submitted.
 *
 * <pre>{@code
 * @EventListener
 * void finished(ApiMartTaskFinishedEvent event) {
 *   if (event.status() == TaskStatus.COMPLETED) { ... }
 * }
 * }</pre>
 *
 * <p>Immutable.
 */
public final class ApiMartTaskFinishedEvent {

  private final Task task;
  private final Instant receivedAt;

  private ApiMartTaskFinishedEvent(Builder builder) {
    this.task = Objects.requireNonNull(builder.task, "task");
    this.receivedAt = Objects.requireNonNull(builder.receivedAt, "receivedAt");
  }

  /** A builder, for tests that publish the event themselves. */
  public static Builder builder() {
    return new Builder();
  }

  /** The task as the callback describes it (the same shape a status query gives). */
  public Task task() {
    return task;
  }

  /** The task's id. */
  public TaskId taskId() {
    return task.id();
  }

  /** The task's status: {@code COMPLETED} or {@code FAILED} for the callbacks ApiMart sends. */
  public TaskStatus status() {
    return task.status();
  }

  /** When the endpoint received the callback (the application's clock). */
  public Instant receivedAt() {
    return receivedAt;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ApiMartTaskFinishedEvent that
        && task.equals(that.task)
        && receivedAt.equals(that.receivedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, receivedAt);
  }

  /** Id, status and time; never the image URLs (bearer links to the images). */
  @Override
  public String toString() {
    return "ApiMartTaskFinishedEvent[" + task.id() + ", " + task.status() + ", " + receivedAt + "]";
  }

  /** Builds an {@link ApiMartTaskFinishedEvent}; task and time are required. */
  public static final class Builder {
    private @Nullable Task task;
    private @Nullable Instant receivedAt;

    private Builder() {}

    /** The finished task. */
    public Builder task(Task task) {
      this.task = Objects.requireNonNull(task, "task");
      return this;
    }

    /** When the callback arrived. */
    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
      return this;
    }

    /**
     * @throws NullPointerException when the task or the time is missing
     */
    public ApiMartTaskFinishedEvent build() {
      return new ApiMartTaskFinishedEvent(this);
    }
  }
}
