package dev.apimart.core.client;

import static dev.apimart.core.client.ObserverDispatch.SNAPSHOT;

import dev.apimart.core.client.ClientObserver.Kind;
import dev.apimart.core.internal.client.AsyncCalls;
import dev.apimart.core.internal.client.RunningCalls;
import dev.apimart.core.internal.http.ApiCalls;
import dev.apimart.core.internal.polling.TaskWaiter;
import dev.apimart.core.internal.polling.WaitSpec;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Waiting for a task, sync or async: each status request observed as a {@code POLL} under the
 * enclosing operation, the result sized from the request when the service gave no size.
 */
final class TaskWaits {

  private final ClientResources resources;
  private final ApiCalls api;
  private final TaskWaiter waiter;
  private final PollingOptions pollingOptions;

  TaskWaits(ClientResources resources, ApiCalls api, PollingOptions pollingOptions) {
    this.resources = resources;
    this.api = api;
    this.waiter = new TaskWaiter(resources.timer);
    this.pollingOptions = pollingOptions;
  }

  /**
   * @param submission the submission this wait follows, or {@code null} when resuming a task
   */
  GenerationResult await(
      TaskId id,
      WaitOptions options,
      ApiCalls.@Nullable Submitted submission,
      @Nullable Instant submittedAt,
      @Nullable GenerationRequest request,
      ClientObserver.Handle parent,
      RunningCalls.Call call) {
    WaitSpec spec = spec(id, options, submittedAt);
    AtomicInteger polls = new AtomicInteger();
    Task task =
        waiter.await(
            spec,
            deadline -> {
              call.checkOpen();
              polls.incrementAndGet();
              return resources.dispatch.observed(
                  Kind.POLL, request, id, parent, SNAPSHOT, h -> api.getTask(id, deadline));
            });
    return result(task, options, submission, polls.get());
  }

  CompletableFuture<GenerationResult> awaitAsync(
      TaskId id,
      WaitOptions options,
      ApiCalls.@Nullable Submitted submission,
      @Nullable Instant submittedAt,
      @Nullable GenerationRequest request,
      ClientObserver.Handle parent) {
    WaitSpec spec = spec(id, options, submittedAt);
    AtomicInteger polls = new AtomicInteger();
    CompletableFuture<Task> waiting =
        waiter.awaitAsync(
            spec,
            deadline -> {
              polls.incrementAndGet();
              return resources.dispatch.observedAsync(
                  Kind.POLL, request, id, parent, SNAPSHOT, h -> api.getTaskAsync(id, deadline));
            });
    CompletableFuture<GenerationResult> result =
        waiting.thenApply(t -> result(t, options, submission, polls.get()));
    AsyncCalls.propagateCancel(result, waiting);
    return result;
  }

  private WaitSpec spec(TaskId id, WaitOptions options, @Nullable Instant submittedAt) {
    PollingOptions polling = options.polling().orElse(pollingOptions);
    ProgressListener listener = options.listener().orElse(resources.defaultListener);
    return new WaitSpec(
        id,
        polling.toSettings(),
        submittedAt,
        (task, elapsed) -> listener.onProgress(ProgressEvent.of(task, elapsed)));
  }

  private static GenerationResult result(
      Task task, WaitOptions options, ApiCalls.@Nullable Submitted submission, int polls) {
    PixelSize expected = options.expectedSize().orElse(null);
    Task sized = expected == null ? task : task.withExpectedSize(expected);
    GenerationResult.Builder b = GenerationResult.builder().task(sized).polls(polls);
    if (submission != null) {
      b.submissionAttempts(submission.attempts()).requestId(submission.requestId());
    }
    return b.build();
  }
}
