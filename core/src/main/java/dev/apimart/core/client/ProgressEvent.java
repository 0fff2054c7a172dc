package dev.apimart.core.client;

import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one status request showed while waiting for a task.
 *
 * @param taskId the task
 * @param status where it stands
 * @param progress 0–100
 * @param elapsed how long the task has existed (since it was submitted, or since the service says
 *     it was created when resuming)
 * @param estimatedTime the service's estimate of the total time, when it gave one
 * @param task the full snapshot
 */
public record ProgressEvent(
    TaskId taskId,
    TaskStatus status,
    int progress,
    Duration elapsed,
    @Nullable Duration estimatedTime,
    Task task) {

  /** Checks the parts are present. */
  public ProgressEvent {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(task, "task");
  }

  /** The event for a snapshot. */
  public static ProgressEvent of(Task task, Duration elapsed) {
    return new ProgressEvent(
        task.id(), task.status(), task.progress(), elapsed, task.estimatedTime(), task);
  }

  /** The service's estimate minus the time elapsed, never negative; empty without an estimate. */
  public Optional<Duration> estimatedRemaining() {
    if (estimatedTime == null) {
      return Optional.empty();
    }
    Duration left = estimatedTime.minus(elapsed);
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }
}
