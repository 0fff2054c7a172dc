package dev.apimart.core.error;

import dev.apimart.core.model.Task;
import java.util.Objects;

/** The task finished as failed; {@link #task()} holds the last snapshot with the server's error. */
public final class TaskFailedException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  private final Task task;

  /**
   * @param task the failed task
   */
  public TaskFailedException(Task task) {
    super(
        "Task "
            + task.id()
            + " failed: "
            + (task.error() == null ? "no reason given" : task.error()),
        ErrorDetails.builder()
            .serverMessage(task.error() == null ? null : task.error().message())
            .serverCode(task.error() == null ? null : task.error().code())
            .build(),
        null);
    this.task = Objects.requireNonNull(task, "task");
  }

  /** The failed task, with its error. */
  public Task task() {
    return task;
  }
}
