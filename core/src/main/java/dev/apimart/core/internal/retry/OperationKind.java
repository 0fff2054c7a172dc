package dev.apimart.core.internal.retry;

/** What a call does, which decides which of its failures may be repeated. */
public enum OperationKind {
  /** {@code POST /v1/images/generations}: creates a billed task, not idempotent. */
  SUBMIT(false),
  /**
   * {@code POST /v1/images/generations} with an {@code Idempotency-Key} the service is known to
   * honour for the model: a repeat with the same key returns the first task, so a submission whose
   * answer was lost may be sent again.
   */
  SUBMIT_WITH_HONOURED_KEY(false),
  /**
   * {@code POST /v1/uploads/images}: stores a file, creates nothing billable; retried like a GET.
   */
  UPLOAD(true),
  /** {@code GET /v1/usage}: idempotent and free. */
  USAGE(true),
  /** {@code GET /v1/tasks/{id}}: idempotent. */
  GET_TASK(true),
  /** {@code GET /v1/balance}: idempotent and free. */
  BALANCE(true),
  /** {@code GET} of an image URL: idempotent. */
  DOWNLOAD(true);

  private final boolean idempotent;

  OperationKind(boolean idempotent) {
    this.idempotent = idempotent;
  }

  /** Whether the call creates a (billed) task. */
  public boolean submits() {
    return this == SUBMIT || this == SUBMIT_WITH_HONOURED_KEY;
  }

  /** Whether repeating the call cannot change anything on the service. */
  public boolean idempotent() {
    return idempotent;
  }
}
