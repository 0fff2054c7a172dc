package dev.apimart.transport.jdkhttp.internal;

import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Collects a body into a byte array, or fails with {@link HttpTimeoutException} and cancels the
 * subscription (which makes the client drop the connection) when it is not complete in time. {@code
 * java.net.http}'s request timeout stops once the headers are in; this covers the rest, in {@code
 * send} and {@code sendAsync} alike. The deadline is watched by {@link BodyDeadlines}, one timer
 * for all bodies in flight.
 */
public final class DeadlineBodySubscriber implements BodySubscriber<byte[]> {

  private final BodySubscriber<byte[]> delegate = BodySubscribers.ofByteArray();
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private volatile Flow.@Nullable Subscription subscription;

  /**
   * @param remainingNanos how long the body may take, from now
   */
  public DeadlineBodySubscriber(long remainingNanos) {
    delegate
        .getBody()
        .whenComplete(
            (bytes, failure) -> {
              BodyDeadlines.SHARED.remove(this);
              if (failure != null) {
                body.completeExceptionally(failure);
              } else {
                body.complete(bytes);
              }
            });
    BodyDeadlines.SHARED.add(this, System.nanoTime() + Math.max(1, remainingNanos));
  }

  /** The deadline has passed: fail the body and stop reading it. */
  void expire() {
    if (body.completeExceptionally(new HttpTimeoutException("the body was not complete in time"))) {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    delegate.onSubscribe(subscription);
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
