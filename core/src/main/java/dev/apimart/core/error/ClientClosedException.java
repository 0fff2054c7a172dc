package dev.apimart.core.error;

import dev.apimart.core.model.TaskId;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The client was closed while this call was running: its async future, or its sync wait at its next
 * step, ends with this exception instead of a network failure. Closing the client never cancels a
 * task on the service.
 *
 * <ul>
 *   <li>When a task exists ({@link #taskId()}), it keeps running: resume with {@code
 *       waitFor(taskId)} on a new client.
 *   <li>When a submission was on its way and no answer had come ({@link
 *       #submissionOutcomeUnknown()}), a task may or may not exist and be billed, exactly as for a
 *       {@link SubmissionOutcomeUnknownException}: check before submitting again, or submit again
 *       with the same {@link #idempotencyKey()} where the service honours keys.
 *   <li>Otherwise no submission was sent by this call.
 * </ul>
 */
public final class ClientClosedException extends ApiMartClientException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String taskId;
  private final boolean submissionOutcomeUnknown;
  private final @Nullable String idempotencyKey;

  /**
   * @param taskId the task the call concerned, when one exists
   * @param submissionOutcomeUnknown whether a submission was sent whose answer had not come
   * @param idempotencyKey the key that submission carried, or {@code null}
   * @param cause the failure the closing caused in the call (a closed transport), if any
   */
  public ClientClosedException(
      @Nullable TaskId taskId,
      boolean submissionOutcomeUnknown,
      @Nullable String idempotencyKey,
      @Nullable Throwable cause) {
    super(message(taskId, submissionOutcomeUnknown, idempotencyKey), ErrorDetails.NONE, cause);
    this.taskId = taskId == null ? null : taskId.value();
    this.submissionOutcomeUnknown = taskId == null && submissionOutcomeUnknown;
    this.idempotencyKey = idempotencyKey;
  }

  private static String message(
      @Nullable TaskId taskId, boolean outcomeUnknown, @Nullable String idempotencyKey) {
    if (taskId != null) {
      return "The ApiMartClient (or the withOptions view) this call ran on was closed while it"
          + " was running; task "
          + taskId
          + " keeps running on the service: resume with waitFor(TaskId.of(\""
          + taskId
          + "\")) on a new client";
    }
    if (outcomeUnknown) {
      return "The ApiMartClient (or the withOptions view) this call ran on was closed while a"
          + " submission was on its way, before its answer"
          + " came: a task may or may not have been created (and billed). Check your recent tasks"
          + " and balance before submitting again"
          + (idempotencyKey == null
              ? ""
              : ", or submit the same request again with idempotency key "
                  + idempotencyKey
                  + " where the model honours keys");
    }
    return "The ApiMartClient (or the withOptions view) this call ran on was closed while it was"
        + " running; no task was submitted by"
        + " it. Build a new client to try again";
  }

  /** The task the call concerned, when one exists; it keeps running on the service. */
  public Optional<TaskId> taskId() {
    return Optional.ofNullable(taskId).map(TaskId::of);
  }

  /**
   * Whether a submission was sent and its answer had not come: a task may or may not exist. Never
   * {@code true} when {@link #taskId()} is present.
   */
  public boolean submissionOutcomeUnknown() {
    return submissionOutcomeUnknown;
  }

  /** The {@code Idempotency-Key} the submission in flight carried, if one was sent. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }
}
