package dev.apimart.core.error;

import dev.apimart.core.model.TaskId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The client was closed while the call was running or before it started, so the call was cut short.
 * Nothing more will be sent by this client. When a wait for a task was cut, {@link #taskId()} names
 * it: the task itself goes on, so resume with {@code waitFor(taskId, …)} on another client.
 */
public final class ClientClosedException extends ApiMartClientException {
  private static final long serialVersionUID = 1L;

  private final @Nullable TaskId taskId;

  /**
   * @param message what was cut short
   * @param cause the underlying failure, if any (an interrupted exchange)
   */
  public ClientClosedException(String message, @Nullable Throwable cause) {
    this(message, null, cause);
  }

  /**
   * @param message what was cut short and how to resume
   * @param taskId the task whose wait was cut, or {@code null} when the call was not a wait
   * @param cause the underlying failure, if any
   */
  public ClientClosedException(String message, @Nullable TaskId taskId, @Nullable Throwable cause) {
    super(message, ErrorDetails.NONE, cause);
    this.taskId = taskId;
  }

  /** The task whose wait was cut; it may still complete. */
  public Optional<TaskId> taskId() {
    return Optional.ofNullable(taskId);
  }
}
