package dev.apimart.core.error;

import dev.apimart.core.model.Task;
import java.util.Objects;

/** The task was cancelled on the service side before it produced images; nothing was billed. */
public final class TaskCancelledException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  private final Task task;

  /**
   * @param task the cancelled task
   */
  public TaskCancelledException(Task task) {
    super("Task " + task.id() + " was cancelled by the service", ErrorDetails.NONE, null);
    this.task = Objects.requireNonNull(task, "task");
  }

  /** The last snapshot of the cancelled task. */
  public Task task() {
    return task;
  }
}
