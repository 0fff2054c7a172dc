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
    USAGE,
    /**
     * An image download ({@code download} / {@code downloadAsync}) from the image host; the
     * handle's task and task id are {@code null}.
     */
    DOWNLOAD
  }

  /**
   * One operation: what it does, and what is known of it when it starts. A final class rather than
   * a record so that it can grow (new accessors) without breaking observers; build one with {@link
   * #builder(Kind)} (observer tests do).
   */
  final class Operation {
    private final Kind kind;
    private final @Nullable GenerationRequest request;
    private final @Nullable TaskId taskId;
    private final @Nullable Handle parent;

    private Operation(Builder b) {
      this.kind = b.kind;
      this.request = b.request;
      this.taskId = b.taskId;
      this.parent = b.parent;
    }

    /** A builder for an operation of this kind. */
    public static Builder builder(Kind kind) {
      return new Builder(kind);
    }

    /** What it does. */
    public Kind kind() {
      return kind;
    }

    /**
     * The generation request, for {@code GENERATE} and {@code SUBMIT} and for the status requests
     * of a generate; {@code null} otherwise. It holds the prompt: record it only when the user
     * asked for that.
     */
    public @Nullable GenerationRequest request() {
      return request;
    }

    /** The task, when known at the start ({@code POLL}, {@code WAIT}). */
    public @Nullable TaskId taskId() {
      return taskId;
    }

    /** The handle of the enclosing operation, or {@code null} for a top-level one. */
    public @Nullable Handle parent() {
      return parent;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Operation op
          && kind == op.kind
          && Objects.equals(request, op.request)
          && Objects.equals(taskId, op.taskId)
          && Objects.equals(parent, op.parent);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, request, taskId, parent);
    }

    /** Kind and task; never the request, which holds the prompt. */
    @Override
    public String toString() {
      return "Operation[kind="
          + kind
          + (taskId == null ? "" : ", taskId=" + taskId)
          + (parent == null ? "" : ", nested")
          + "]";
    }

    /** Builds an {@link Operation}. Not thread-safe. */
    public static final class Builder {
      private final Kind kind;
      private @Nullable GenerationRequest request;
      private @Nullable TaskId taskId;
      private @Nullable Handle parent;

      private Builder(Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
      }

      /** The generation request, or {@code null}. */
      public Builder request(@Nullable GenerationRequest request) {
        this.request = request;
        return this;
      }

      /** The task, or {@code null}. */
      public Builder taskId(@Nullable TaskId taskId) {
        this.taskId = taskId;
        return this;
      }

      /** The enclosing operation's handle, or {@code null}. */
      public Builder parent(@Nullable Handle parent) {
        this.parent = parent;
        return this;
      }

      /** The operation. */
      public Operation build() {
        return new Operation(this);
      }
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
