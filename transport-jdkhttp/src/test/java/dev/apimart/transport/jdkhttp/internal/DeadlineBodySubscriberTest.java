package dev.apimart.transport.jdkhttp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlineBodySubscriberTest {

  private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
  private final Flow.Subscription subscription =
      new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {
          cancelled.complete(null);
        }
      };

  @Test
  void aBodyThatIsNotCompleteByItsDeadlineFailsAndStopsReading() throws Exception {
    DeadlineBodySubscriber body = new DeadlineBodySubscriber(Duration.ofMillis(1).toNanos());
    body.onSubscribe(subscription);
    body.onNext(List.of(ByteBuffer.wrap("half".getBytes(StandardCharsets.UTF_8))));

    CompletableFuture<byte[]> result = body.getBody().toCompletableFuture();

    // The shared sweep fires within a few tens of milliseconds; wait generously for it.
    assertThat(result)
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(HttpTimeoutException.class);
    assertThat(cancelled).succeedsWithin(10, TimeUnit.SECONDS);
    assertThat(BodyDeadlines.SHARED.isWatching(body)).isFalse();
  }

  @Test
  void aCompleteBodyIsDeliveredAndNoLongerWatched() {
    DeadlineBodySubscriber body = new DeadlineBodySubscriber(Duration.ofSeconds(30).toNanos());
    assertThat(BodyDeadlines.SHARED.isWatching(body)).isTrue();
    body.onSubscribe(subscription);
    body.onNext(List.of(ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8))));
    body.onComplete();

    assertThat(body.getBody().toCompletableFuture().getNow(null))
        .isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    assertThat(BodyDeadlines.SHARED.isWatching(body)).isFalse();
    assertThat(cancelled).isNotDone();
  }
}
