package dev.apimart.cli.batch;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How one line ended in this run.
 *
 * @param line the line number in the input file
 * @param status what happened, as shown in the report
 * @param taskId the line's task, once one exists
 * @param files the saved images' file names (in the output folder)
 * @param message why it did not finish, in CLI words
 * @param earlier whether this run only found it in the ledger (finished by an earlier run)
 * @param cost what its task cost in US dollars, when the service reported it
 * @param creditsCost what its task cost in credits, when the service reported it
 */
record LineResult(
    int line,
    Status status,
    @Nullable String taskId,
    List<String> files,
    @Nullable String message,
    boolean earlier,
    @Nullable BigDecimal cost,
    @Nullable BigDecimal creditsCost) {

  /** A result without cost figures (no finished task, or none reported). */
  LineResult(
      int line,
      Status status,
      @Nullable String taskId,
      List<String> files,
      @Nullable String message,
      boolean earlier) {
    this(line, status, taskId, files, message, earlier, null, null);
  }

  /** Whether its task finished and is paid for (its images may or may not be saved). */
  boolean paid() {
    return status == Status.DONE || status == Status.SAVE_FAILED;
  }

  /** What happened to a line, with the exit code it stands for. */
  enum Status {
    /** Its images are saved. */
    DONE("done", 0),
    /** The service could not be asked (refused too often, or the batch stopped first). */
    NOT_SUBMITTED("not_submitted", 1),
    /** The task finished (its images are paid for) but not every image could be saved. */
    SAVE_FAILED("save_failed", 7),
    /** Waiting for the task failed for another reason than a timeout. */
    WAIT_FAILED("wait_failed", 1),
    /** Invalid (locally, with --skip-invalid, or refused by the service as invalid). */
    INVALID("invalid", 2),
    /** The service refused the key, the balance or the permission. */
    ACCOUNT("account", 3),
    /** The task failed or was cancelled on the service. */
    FAILED("failed", 4),
    /** The task did not finish within --timeout; it may still. */
    TIMED_OUT("timed_out", 5),
    /** The submission may or may not have created (and billed) a task. */
    UNKNOWN("unknown", 6);

    private final String word;
    private final int exitCode;

    Status(String word, int exitCode) {
      this.word = word;
      this.exitCode = exitCode;
    }

    /** The word in reports and JSON. */
    String word() {
      return word;
    }

    /** The exit code this outcome stands for (those of {@code apimart generate}). */
    int exitCode() {
      return exitCode;
    }
  }

  LineResult {
    files = List.copyOf(files);
  }

  /**
   * The batch's exit code from its lines: 0 when every line is done, else the most urgent of their
   * codes — 6 (a task may exist that nobody knows of) before 3 (account) before 5 (still running)
   * before 4 (failed) before 7 (paid images not saved) before 1 (other) before 2 (invalid lines
   * skipped).
   */
  static int exitCode(Iterable<LineResult> results) {
    int[] order = {6, 3, 5, 4, 7, 1, 2};
    int worstRank = order.length;
    for (LineResult r : results) {
      int code = r.status().exitCode();
      for (int i = 0; i < order.length; i++) {
        if (order[i] == code && i < worstRank) {
          worstRank = i;
        }
      }
    }
    return worstRank == order.length ? 0 : order[worstRank];
  }
}
