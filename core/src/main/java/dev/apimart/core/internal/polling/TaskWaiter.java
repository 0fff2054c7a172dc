package dev.apimart.core.internal.polling;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.internal.time.Timer;
import dev.apimart.core.model.Task;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Waits for a task to finish by polling its status on the plan of {@link PollPlanner}: on the
 * calling thread ({@link #await}) or scheduled on the timer ({@link #awaitAsync}), where no thread
 * is held between status requests. Completed → the task; failed → {@code TaskFailedException};
 * cancelled → {@code TaskCancelledException}; deadline → {@code WaitTimeoutException}; a status
 * request that fails for good (e.g. 401, 404) ends the wait with its exception. Thread-safe.
 */
public final class TaskWaiter {

  private final Timer timer;

  /**
   * @param timer time source and scheduler
   */
  public TaskWaiter(Timer timer) {
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  /**
   * Waits on the calling thread.
   *
   * @param fetch asks for the task's status (retrying as it sees fit, but not past the given
   *     deadline); throws on failure
   * @return the completed task
   */
  public Task await(WaitSpec spec, Function<Instant, Task> fetch) {
    WaitTracker tracker = new WaitTracker(spec, timer.clock());
    WaitTracker.Step step = tracker.first();
    while (true) {
      switch (step.kind()) {
        case DONE:
          return Objects.requireNonNull(step.task());
        case FAILED:
          throw Objects.requireNonNull(step.error());
        default:
          sleep(step, spec);
          try {
            step = tracker.afterSnapshot(fetch.apply(tracker.deadline()));
          } catch (RuntimeException e) {
            step = tracker.afterFailure(e);
          }
      }
    }
  }

  private void sleep(WaitTracker.Step step, WaitSpec spec) {
    try {
      timer.sleep(step.delay());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(
          TransportException.Kind.CANCELLED,
          "Interrupted while waiting for task " + spec.taskId(),
          e);
    }
  }

  /**
   * Waits without holding a thread: each status request is scheduled on the timer. Cancelling the
   * returned future stops further status requests and abandons the one in flight.
   *
   * @param fetch asks for the task's status without blocking (retrying as it sees fit, but not past
   *     the given deadline)
   * @return completes with the completed task, or exceptionally as {@link #await} throws
   */
  public CompletableFuture<Task> awaitAsync(
      WaitSpec spec, Function<Instant, CompletableFuture<Task>> fetch) {
    AsyncWait wait = new AsyncWait(new WaitTracker(spec, timer.clock()), fetch);
    wait.execute(wait.tracker.first());
    return wait.result;
  }

  private final class AsyncWait {
    final CompletableFuture<Task> result = new CompletableFuture<>();
    final WaitTracker tracker;
    final Function<Instant, CompletableFuture<Task>> fetch;
    volatile @Nullable Runnable pendingPoll;
    volatile @Nullable CompletableFuture<Task> inFlight;

    AsyncWait(WaitTracker tracker, Function<Instant, CompletableFuture<Task>> fetch) {
      this.tracker = tracker;
      this.fetch = fetch;
      result.whenComplete(
          (task, error) -> {
            if (result.isCancelled()) {
              stop();
            }
          });
    }

    void stop() {
      Runnable pending = pendingPoll;
      if (pending != null) {
        pending.run();
      }
      CompletableFuture<Task> current = inFlight;
      if (current != null) {
        current.cancel(true);
      }
    }

    void execute(WaitTracker.Step step) {
      if (result.isDone()) {
        return;
      }
      switch (step.kind()) {
        case DONE -> result.complete(step.task());
        case FAILED -> result.completeExceptionally(step.error());
        default -> {
          pendingPoll = timer.schedule(step.delay(), this::poll);
          if (result.isCancelled()) {
            stop();
          }
        }
      }
    }

    void poll() {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<Task> future;
      try {
        future = Objects.requireNonNull(fetch.apply(tracker.deadline()), "fetch returned null");
      } catch (RuntimeException e) {
        future = CompletableFuture.failedFuture(e);
      }
      inFlight = future;
      future.whenComplete(
          (task, error) -> {
            if (result.isDone()) {
              return;
            }
            WaitTracker.Step next;
            try {
              next = error == null ? tracker.afterSnapshot(task) : tracker.afterFailure(error);
            } catch (RuntimeException unexpected) {
              result.completeExceptionally(unexpected);
              return;
            }
            execute(next);
          });
    }
  }
}
