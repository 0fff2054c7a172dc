package dev.apimart.testkit;

/**
 * The words a task's {@code status} uses while it runs. ApiMart's pages disagree; only {@code
 * completed}, {@code failed} and {@code cancelled} are final in both.
 */
public enum StatusWords {
  /** {@code pending} while queued, then {@code processing} (the status page; the default). */
  PENDING_PROCESSING,
  /** {@code submitted} while queued, then {@code in_progress} (gpt-image-2-official's page). */
  SUBMITTED_IN_PROGRESS
}
