package dev.apimart.cli;

/** Process exit codes of the {@code apimart} command, documented in the README. */
enum ExitCode {
  /** Everything worked. */
  OK(0),
  /** Anything not covered below (network down, unexpected answer, I/O error). */
  OTHER(1),
  /** Invalid input: unknown flags, bad values, invalid requests; nothing was sent. */
  INVALID_INPUT(2),
  /** Authentication, balance or permission problem. */
  ACCOUNT(3),
  /** The task failed or was cancelled on the service side. */
  TASK_FAILED(4),
  /** The task did not finish before the timeout; it may still finish. */
  TIMED_OUT(5),
  /** A submission was sent but its outcome is unknown; it may have been billed. */
  OUTCOME_UNKNOWN(6),
  /**
   * The task finished (its images are paid for) but not every image could be downloaded or saved;
   * those saved are reported, and {@code apimart wait ID --out DIR} saves the rest.
   */
  NOT_SAVED(7),
  /** Stopped by Ctrl-C or SIGTERM while waiting; the resume command was printed. */
  INTERRUPTED(130);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }
}
