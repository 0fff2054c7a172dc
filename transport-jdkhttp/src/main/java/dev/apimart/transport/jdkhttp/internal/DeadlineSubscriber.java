package dev.apimart.transport.jdkhttp.internal;

import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A body subscriber that fails with {@link HttpTimeoutException} when the whole body has not
 * arrived by a deadline, and then stops reading. The JDK's request timeout ends when the headers
 * arrive; this covers the body of a buffered request that goes through the blocking {@code
 * HttpClient.send}.
 *
 * @param <T> the body type
 */
public final class DeadlineSubscriber<T> implements BodySubscriber<T> {

  private final BodySubscriber<T> delegate;
  private final CompletableFuture<T> body = new CompletableFuture<>();
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

  private DeadlineSubscriber(BodySubscriber<T> delegate, long deadlineNanos) {
    this.delegate = delegate;
    CompletableFuture<Void> deadline = new CompletableFuture<>();
    deadline.orTimeout(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    delegate
        .getBody()
        .whenComplete(
            (value, failure) -> {
              // Completing the deadline normally also cancels its timer.
              deadline.complete(null);
              if (failure != null) {
                body.completeExceptionally(failure);
              } else {
                body.complete(value);
              }
            });
    deadline.whenComplete(
        (ignored, failure) -> {
          if (failure instanceof TimeoutException
              && body.completeExceptionally(
                  new HttpTimeoutException("the body did not arrive before the deadline"))) {
            Flow.Subscription s = subscription.get();
            if (s != null) {
              s.cancel();
            }
          }
        });
  }

  /**
   * A handler whose subscribers fail when the body is not complete by the deadline.
   *
   * @param delegate makes the subscriber that collects the body
   * @param deadlineNanos the deadline on the {@link System#nanoTime()} scale
   */
  public static <T> BodyHandler<T> handler(BodyHandler<T> delegate, long deadlineNanos) {
    Objects.requireNonNull(delegate, "delegate");
    return info -> new DeadlineSubscriber<>(delegate.apply(info), deadlineNanos);
  }

  @Override
  public CompletionStage<T> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (!subscription.compareAndSet(null, s)) {
      s.cancel();
      return;
    }
    if (body.isCompletedExceptionally()) {
      // Timed out before the body even started.
      s.cancel();
      return;
    }
    delegate.onSubscribe(s);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    delegate.onNext(item);
  }

  @Override
  public void onError(Throwable throwable) {
    delegate.onError(throwable);
  }

  @Override
  public void onComplete() {
    delegate.onComplete();
  }
}
