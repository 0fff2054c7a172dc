package dev.apimart.core.client;

/**
 * Told about every status request's answer while the client waits for a task, e.g. to drive a
 * progress bar. Called on the thread that received the answer (for async waits, the scheduler's or
 * the transport's): return quickly. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface ProgressListener {

  /** One snapshot of the task. */
  void onProgress(ProgressEvent event);

  /** A listener that does nothing. */
  static ProgressListener none() {
    return event -> {};
  }
}
