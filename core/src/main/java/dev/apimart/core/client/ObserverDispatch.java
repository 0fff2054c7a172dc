package dev.apimart.core.client;

import dev.apimart.core.client.ClientObserver.Kind;
import dev.apimart.core.internal.http.ApiCalls;
import dev.apimart.core.internal.retry.RetryEngine;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link ClientObserver} when each operation starts and how it ended, sync or async. An
 * observer that throws is logged and ignored: observing never changes an operation's outcome.
 */
final class ObserverDispatch {

  private static final Logger LOG = LoggerFactory.getLogger(ApiMartClient.class);

  /** How a successful result is reported to its observer handle. */
  @FunctionalInterface
  interface Ending<T> {
    void report(ClientObserver.Handle handle, T value);
  }

  static final Ending<ApiCalls.Submitted> SUBMISSION = (h, s) -> h.succeeded(s.taskId(), null);
  static final Ending<Task> SNAPSHOT = (h, task) -> h.succeeded(task.id(), task);
  static final Ending<GenerationResult> FINISHED =
      (h, result) -> h.succeeded(result.taskId(), result.task());
  static final Ending<Object> READ = (h, value) -> h.succeeded(null, null);

  private final ClientObserver observer;

  ObserverDispatch(ClientObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** Runs a sync operation, telling the observer how it ended. */
  <T> T observed(
      Kind kind,
      @Nullable GenerationRequest request,
      @Nullable TaskId taskId,
      ClientObserver.@Nullable Handle parent,
      Ending<? super T> ending,
      Function<ClientObserver.Handle, T> operation) {
    ClientObserver.Handle handle = start(kind, request, taskId, parent);
    T value;
    try {
      value = operation.apply(handle);
    } catch (RuntimeException | Error e) {
      quietly(() -> handle.failed(e));
      throw e;
    }
    quietly(() -> ending.report(handle, value));
    return value;
  }

  /** Starts an async operation, telling the observer how its future ended. */
  <T> CompletableFuture<T> observedAsync(
      Kind kind,
      @Nullable GenerationRequest request,
      @Nullable TaskId taskId,
      ClientObserver.@Nullable Handle parent,
      Ending<? super T> ending,
      Function<ClientObserver.Handle, CompletableFuture<T>> operation) {
    ClientObserver.Handle handle = start(kind, request, taskId, parent);
    CompletableFuture<T> future;
    try {
      future = operation.apply(handle);
    } catch (RuntimeException | Error e) {
      quietly(() -> handle.failed(e));
      throw e;
    }
    future.whenComplete(
        (value, error) -> {
          if (error != null) {
            quietly(() -> handle.failed(RetryEngine.normalize(error)));
          } else {
            quietly(() -> ending.report(handle, value));
          }
        });
    return future;
  }

  private ClientObserver.Handle start(
      Kind kind,
      @Nullable GenerationRequest request,
      @Nullable TaskId taskId,
      ClientObserver.@Nullable Handle parent) {
    try {
      ClientObserver.Handle handle =
          observer.start(
              ClientObserver.Operation.builder(kind)
                  .request(request)
                  .taskId(taskId)
                  .parent(parent)
                  .build());
      return handle == null ? ClientObserver.Handle.NONE : handle;
    } catch (RuntimeException e) {
      LOG.warn(
          "The client observer failed to start observing a {}; it goes on unobserved", kind, e);
      return ClientObserver.Handle.NONE;
    }
  }

  /** Observers must never change an operation's outcome. */
  private static void quietly(Runnable report) {
    try {
      report.run();
    } catch (RuntimeException e) {
      LOG.warn("The client observer failed; the operation's outcome is unchanged", e);
    }
  }
}
