package dev.apimart.testkit;

/** How the fake answers {@code GET /v1/tasks/{id}} for a task it does not hold. */
public enum UnknownTaskAnswer {
  /** HTTP 404 in the error envelope (the default). */
  NOT_FOUND,
  /** HTTP 400 {@code "invalid task ID"}, as some of ApiMart's answers show. */
  INVALID_TASK_ID
}
