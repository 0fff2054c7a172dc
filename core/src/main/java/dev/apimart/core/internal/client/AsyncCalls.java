package dev.apimart.core.internal.client;

import dev.apimart.core.internal.retry.RetryEngine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Composition of async stages where cancelling the result reaches the stage that is running. */
public final class AsyncCalls {

  private AsyncCalls() {}

  /**
   * Runs {@code first}, then {@code then} on its value; cancelling (or failing) the returned future
   * cancels whichever stage is running. Failures arrive unwrapped from {@code CompletionException}.
   */
  public static <A, B> CompletableFuture<B> chain(
      CompletableFuture<A> first, Function<A, CompletableFuture<B>> then) {
    CompletableFuture<B> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<?>> current = new AtomicReference<>(first);
    result.whenComplete(
        (value, error) -> {
          if (error != null) {
            current.get().cancel(true);
          }
        });
    first.whenComplete(
        (a, error) -> {
          if (error != null) {
            result.completeExceptionally(RetryEngine.normalize(error));
            return;
          }
          CompletableFuture<B> second;
          try {
            second = then.apply(a);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
          }
          current.set(second);
          if (result.isDone()) {
            second.cancel(true);
            return;
          }
          second.whenComplete(
              (b, error2) -> {
                if (error2 != null) {
                  result.completeExceptionally(RetryEngine.normalize(error2));
                } else {
                  result.complete(b);
                }
              });
        });
    return result;
  }

  /** Cancels {@code inner} when {@code outer} fails or is cancelled. */
  public static void propagateCancel(CompletableFuture<?> outer, CompletableFuture<?> inner) {
    outer.whenComplete(
        (value, error) -> {
          if (error != null) {
            inner.cancel(true);
          }
        });
  }
}
