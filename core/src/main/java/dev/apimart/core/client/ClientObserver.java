package dev.apimart.core.client;

import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Watches the client's operations from outside, for metrics and tracing: the Spring Boot starter
 * turns them into Micrometer observations. Core stays free of any metrics library; this is the
 * whole contract.
 *
 * <p>The client calls {@link #start} when an operation begins and tells the returned {@link Handle}
 * exactly once how it ended. Operations nest: the submission and the status requests of a {@code
 * generate} carry the generate's handle as {@link Operation#parent()}. Calls arrive on the thread
 * running the operation — for async operations a scheduler or transport thread — so return quickly.
 * An exception thrown by an observer or handle is logged and ignored: observing never changes an
 * operation's outcome. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ClientObserver {

  /**
   * An operation begins.
   *
   * @return the handle to tell how it ended; never {@code null}
   */
  Handle start(Operation operation);

  /** An observer that records nothing. */
  static ClientObserver none() {
    return operation -> Handle.NONE;
  }

  /** What the client does. */
  enum Kind {
    /** {@code generate} / {@code generateAsync}: a submission and the wait for its images. */
    GENERATE,
    /** A submission ({@code POST /v1/images/generations}), alone or within a generate. */
    SUBMIT,
    /** One status request ({@code GET /v1/tasks/{id}}), alone or within a wait. */
    POLL,
    /** {@code waitFor} / {@code waitForAsync}: the wait for a task submitted earlier. */
    WAIT,
    /** A balance read ({@code GET /v1/balance}), free. */
    BALANCE,
    /** An image upload ({@code POST /v1/uploads/images}), alone or before a submission. */
    UPLOAD,
    /** A usage read ({@code GET /v1/usage}), free. */
    USAGE
  }

  /**
   * One operation.
   *
   * @param kind what it does
   * @param request the generation request, for {@code GENERATE} and {@code SUBMIT} and for the
   *     status requests of a generate; {@code null} otherwise. It holds the prompt: record it only
   *     when the user asked for that
   * @param taskId the task, when known at the start ({@code POLL}, {@code WAIT})
   * @param parent the handle of the enclosing operation, or {@code null} for a top-level one
   */
  record Operation(
      Kind kind,
      @Nullable GenerationRequest request,
      @Nullable TaskId taskId,
      @Nullable Handle parent) {

    /** Checks the kind is present. */
    public Operation {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** Told exactly once how an operation ended. */
  interface Handle {

    /** A handle that does nothing. */
    Handle NONE =
        new Handle() {
          @Override
          public void succeeded(@Nullable TaskId taskId, @Nullable Task task) {}

          @Override
          public void failed(Throwable error) {}
        };

    /**
     * The operation ended normally.
     *
     * @param taskId the task it concerned: for a submission the new task, {@code null} for a
     *     balance read
     * @param task the last snapshot it read, or {@code null} when it read none (submission,
     *     balance)
     */
    void succeeded(@Nullable TaskId taskId, @Nullable Task task);

    /**
     * The operation failed, was cancelled or timed out.
     *
     * @param error a {@code dev.apimart.core.error} exception (what a sync caller receives); a
     *     cancelled async operation reports a {@code TransportException} of kind {@code CANCELLED}
     */
    void failed(Throwable error);
  }
}
