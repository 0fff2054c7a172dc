package dev.apimart.core.error;

import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Waiting for a task passed its overall deadline. The task itself may still complete: resume with
 * {@code client.waitFor(taskId(), …)}, from this or another process.
 */
public final class WaitTimeoutException extends ApiMartClientException {
  private static final long serialVersionUID = 1L;

  private final TaskId taskId;
  private final @Nullable Task lastSeen;

  /**
   * @param taskId the task waited for
   * @param waited how long it was waited for
   * @param lastSeen the last snapshot, if any poll succeeded
   */
  public WaitTimeoutException(TaskId taskId, Duration waited, @Nullable Task lastSeen) {
    super(
        "Task "
            + taskId
            + " did not finish within "
            + waited
            + (lastSeen == null
                ? ""
                : " (last seen " + lastSeen.rawStatus() + ", " + lastSeen.progress() + "%)")
            + "; it may still complete: resume with waitFor(TaskId.of(\""
            + taskId
            + "\"), …)",
        ErrorDetails.NONE,
        null);
    this.taskId = Objects.requireNonNull(taskId, "taskId");
    this.lastSeen = lastSeen;
  }

  /** The task waited for. */
  public TaskId taskId() {
    return taskId;
  }

  /** The last snapshot seen before the deadline. */
  public Optional<Task> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }
}
