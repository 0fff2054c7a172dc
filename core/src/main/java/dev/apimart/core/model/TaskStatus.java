package dev.apimart.core.model;

import java.util.Locale;

/** Where a task stands. {@link #UNKNOWN} keeps the SDK working when ApiMart adds a status. */
public enum TaskStatus {
  /** Queued, not started. */
  PENDING,
  /** Being generated; {@code progress} rises. */
  PROCESSING,
  /** Finished with images. */
  COMPLETED,
  /** Finished without images; the task carries an error. */
  FAILED,
  /** Cancelled before it finished. */
  CANCELLED,
  /** A status this SDK version does not know; the raw text is kept on the {@link Task}. */
  UNKNOWN;

  /** Whether the task will not change any more. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** Maps a wire status ({@code "completed"}, also {@code "canceled"}) to a status, never fails. */
  public static TaskStatus fromWire(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "pending", "queued", "submitted" -> PENDING;
      case "processing", "running", "in_progress" -> PROCESSING;
      case "completed", "succeeded", "success" -> COMPLETED;
      case "failed", "failure", "error" -> FAILED;
      case "cancelled", "canceled" -> CANCELLED;
      default -> UNKNOWN;
    };
  }
}
