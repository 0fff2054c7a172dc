package dev.apimart.core.internal.polling;

import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One wait for a task.
 *
 * @param taskId the task
 * @param settings intervals and deadline
 * @param submittedAt when this process submitted the task, or {@code null} when resuming from a
 *     bare task id (then the first status request goes out at once)
 * @param listener told about every snapshot; its failures are logged and ignored
 */
public record WaitSpec(
    TaskId taskId,
    PollSettings settings,
    @Nullable Instant submittedAt,
    SnapshotListener listener) {

  /** Checks the parts are present. */
  public WaitSpec {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(listener, "listener");
  }

  /** Receives each snapshot seen while waiting. */
  @FunctionalInterface
  public interface SnapshotListener {
    /**
     * @param task the snapshot
     * @param elapsed how long the task has existed (or has been waited for, when that is unknown)
     */
    void onSnapshot(Task task, Duration elapsed);
  }
}
