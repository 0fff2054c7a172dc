package dev.apimart.core.internal.client;

import dev.apimart.core.internal.retry.RetryEngine;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The calls a client is running, so that closing it ends them: async calls complete exceptionally
 * at once, sync calls at their next step. Each call carries a {@link Call} that records what a
 * closing message must name (the task, a submission in flight). A view's registry has the root's as
 * parent: closing the root ends the view's calls too, closing the view ends only its own.
 * Thread-safe.
 */
public final class RunningCalls {

  /** What one running call has reached; written by the call, read when the client closes. */
  public static final class Call {
    private volatile @Nullable String taskId;
    private volatile @Nullable String idempotencyKey;
    private volatile boolean submitting;
    private final RunningCalls owner;

    private Call(RunningCalls owner) {
      this.owner = owner;
    }

    /** The task this call concerns, once known. */
    public @Nullable String taskId() {
      return taskId;
    }

    /** Records the task this call concerns. */
    public void taskId(String taskId) {
      this.taskId = Objects.requireNonNull(taskId, "taskId");
    }

    /** Whether a submission is on its way whose answer has not arrived. */
    public boolean submitting() {
      return submitting;
    }

    /** The idempotency key of the submission in flight, if one was sent. */
    public @Nullable String idempotencyKey() {
      return idempotencyKey;
    }

    /** A submission (with this key, or none) is on its way. */
    public void submissionStarted(@Nullable String key) {
      this.idempotencyKey = key;
      this.submitting = true;
    }

    /** The submission's answer arrived (or it failed with a definite outcome). */
    public void submissionEnded() {
      this.submitting = false;
    }

    /**
     * Throws the closing failure when the client was closed, so that a sync call stops at its next
     * step.
     */
    public void checkOpen() {
      if (owner.isClosed()) {
        throw owner.closedFailure.apply(this, null);
      }
    }
  }

  private final BiFunction<Call, @Nullable Throwable, RuntimeException> closedFailure;
  private final Class<? extends RuntimeException> closedType;
  private final @Nullable RunningCalls parent;
  private final Map<CompletableFuture<?>, Call> running = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param closedFailure the failure that ends a call when the client closes, given the call and
   *     the failure the closing caused, if any
   * @param closedType the type of that failure, which a sync call lets through unchanged
   * @param parent the registry of the client this one is a view of, or {@code null}
   */
  public RunningCalls(
      BiFunction<Call, @Nullable Throwable, RuntimeException> closedFailure,
      Class<? extends RuntimeException> closedType,
      @Nullable RunningCalls parent) {
    this.closedFailure = Objects.requireNonNull(closedFailure, "closedFailure");
    this.closedType = Objects.requireNonNull(closedType, "closedType");
    this.parent = parent;
  }

  /** Whether this registry, or its parent, was closed. */
  public boolean isClosed() {
    return closed.get() || parent != null && parent.isClosed();
  }

  /**
   * Starts an async call: a failure to start fails the future, the future is failed when the client
   * closes, and exceptions reach the caller unwrapped from {@code CompletionException}.
   */
  public <T> CompletableFuture<T> track(Function<Call, CompletableFuture<T>> start) {
    Call call = new Call(this);
    CompletableFuture<T> inner;
    try {
      inner = start.apply(call);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<T> outer = new CompletableFuture<>();
    register(outer, call);
    outer.whenComplete((value, error) -> unregister(outer));
    AsyncCalls.propagateCancel(outer, inner);
    inner.whenComplete(
        (value, error) -> {
          if (error != null) {
            outer.completeExceptionally(RetryEngine.normalize(error));
          } else {
            outer.complete(value);
          }
        });
    if (isClosed()) {
      outer.completeExceptionally(closedFailure.apply(call, null));
    }
    return outer;
  }

  /** Like {@link #track(Function)} for a call that needs no context. */
  public <T> CompletableFuture<T> track(Supplier<CompletableFuture<T>> start) {
    return track(call -> start.get());
  }

  /**
   * Runs a sync call. A failure that happens once the client is closed becomes the closing failure
   * (with the original as its cause): closing the transport under a call must not read as a network
   * fault.
   */
  public <T> T run(Function<Call, T> body) {
    Call call = new Call(this);
    try {
      return body.apply(call);
    } catch (RuntimeException e) {
      if (isClosed() && !closedType.isInstance(e)) {
        throw closedFailure.apply(call, e);
      }
      throw e;
    }
  }

  private void register(CompletableFuture<?> future, Call call) {
    running.put(future, call);
    if (parent != null) {
      parent.register(future, call);
    }
  }

  private void unregister(CompletableFuture<?> future) {
    running.remove(future);
    if (parent != null) {
      parent.unregister(future);
    }
  }

  /**
   * Marks the registry closed and fails every async call still running (a view's own and, for the
   * root, its views'). Returns {@code false} when it was closed already.
   */
  public boolean close() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    for (Map.Entry<CompletableFuture<?>, Call> entry : List.copyOf(running.entrySet())) {
      entry.getKey().completeExceptionally(closedFailure.apply(entry.getValue(), null));
    }
    return true;
  }
}
