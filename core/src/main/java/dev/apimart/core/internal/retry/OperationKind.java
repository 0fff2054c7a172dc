package dev.apimart.core.internal.retry;

/** What a call does, which decides which of its failures may be repeated. */
public enum OperationKind {
  /** {@code POST /v1/images/generations}: creates a billed task, not idempotent. */
  SUBMIT(false),
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

  /** Whether repeating the call cannot change anything on the service. */
  public boolean idempotent() {
    return idempotent;
  }
}
