package dev.apimart.core.error;

import dev.apimart.core.model.TaskId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception the SDK throws. Unchecked: callers catch the subtypes they can act on
 * ({@link RateLimitedException}, {@link SubmissionOutcomeUnknownException}, …) and let the rest
 * propagate. Two branches split it: {@link ApiMartServiceException} (the service answered) and
 * {@link ApiMartClientException} (the client side); see the package documentation for the leaves.
 */
public abstract class ApiMartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorDetails details;

  private @Nullable TaskId createdTask;

  /**
   * Package-private: every exception extends {@link ApiMartServiceException} or {@link
   * ApiMartClientException}, so that a handler of the two branches misses none.
   *
   * @param message what went wrong and what to do about it
   * @param details what the service answered, or {@link ErrorDetails#NONE}
   * @param cause the underlying failure, if any
   */
  ApiMartException(String message, ErrorDetails details, @Nullable Throwable cause) {
    super(message, cause);
    this.details = Objects.requireNonNull(details, "details");
  }

  /**
   * The task that exists although the call failed: set when {@code generate} or {@code
   * generateAsync} fails after the submission created a task (a status request refused, the network
   * gone, a request hook failing), so that the caller can still wait for it — the task may finish
   * and be billed. The message then names it too.
   */
  public Optional<TaskId> createdTask() {
    return Optional.ofNullable(createdTask);
  }

  /**
   * Records the task that exists although this call failed (see {@link #createdTask()}); the SDK
   * calls it, like {@link #initCause}, once.
   *
   * @return this exception
   * @throws IllegalStateException when a different task was recorded already
   */
  public synchronized ApiMartException initCreatedTask(TaskId task) {
    Objects.requireNonNull(task, "task");
    if (createdTask != null && !createdTask.equals(task)) {
      throw new IllegalStateException("created task already recorded: " + createdTask);
    }
    createdTask = task;
    return this;
  }

  /** The message, followed by how to resume when a created task is recorded and not named. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    TaskId task = createdTask;
    if (task == null || (message != null && message.contains(task.value()))) {
      return message;
    }
    return message
        + " (task "
        + task
        + " was created and may still finish and be billed: resume with waitFor(TaskId.of(\""
        + task
        + "\")))";
  }

  /** Everything the service answered. */
  public ErrorDetails details() {
    return details;
  }

  /** The HTTP status, empty when the failure happened before or without an HTTP answer. */
  public OptionalInt httpStatus() {
    return details.status();
  }

  /**
   * The id the service gave the failed exchange, when it gave one (quote it to ApiMart's support).
   */
  public Optional<String> requestId() {
    return details.requestId();
  }

  /** The service's own error message. */
  public Optional<String> serverMessage() {
    return details.serverMessage();
  }

  /** The service's error type, e.g. {@code invalid_request_error}. */
  public Optional<String> serverType() {
    return details.serverType();
  }

  /** The service's error code. */
  public Optional<String> serverCode() {
    return details.serverCode();
  }

  /** The body the service sent, truncated. */
  public Optional<String> rawBody() {
    return details.rawBody();
  }

  /**
   * Whether repeating the same call later may succeed without changing it. Informational: the SDK's
   * retry engine decides per operation (a submission is never retried blindly).
   */
  public boolean isTransient() {
    return false;
  }
}
