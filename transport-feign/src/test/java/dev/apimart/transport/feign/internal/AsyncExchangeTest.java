package dev.apimart.transport.feign.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.TransportException;
import dev.apimart.core.port.TransportResponse;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncExchangeTest {

  final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  static TransportResponse response(AtomicBoolean closed) {
    return new TransportResponse(
        200,
        Map.of(),
        new ByteArrayInputStream(new byte[0]) {
          @Override
          public void close() {
            closed.set(true);
          }
        });
  }

  @Test
  void completesWithTheAnswer() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    AsyncExchange exchange = new AsyncExchange(() -> response(closed));

    pool.execute(exchange);

    assertThat(exchange.result().get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(closed).isFalse();
  }

  @Test
  void failsWithTheTransportException() {
    TransportException boom =
        new TransportException(TransportException.Kind.TIMEOUT, "no answer", null);
    AsyncExchange exchange =
        new AsyncExchange(
            () -> {
              throw boom;
            });

    exchange.run();

    assertThat(exchange.result())
        .failsWithin(Duration.ZERO)
        .withThrowableThat()
        .havingCause()
        .isSameAs(boom);
  }

  @Test
  void cancelInterruptsTheWorkerAndClosesTheAnswerThatCameTooLate() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicBoolean closed = new AtomicBoolean();
    AsyncExchange exchange =
        new AsyncExchange(
            () -> {
              started.countDown();
              try {
                new CountDownLatch(1).await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              // A client deaf to interrupts still hands its answer over.
              return response(closed);
            });
    pool.execute(exchange);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    exchange.result().cancel(true);

    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    // The worker is given back clean: its next task does not inherit the interrupt.
    assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get(5, TimeUnit.SECONDS))
        .isFalse();
    assertThat(closed).isTrue();
  }

  @Test
  void cancelledBeforeItRunsSendsNothing() {
    AtomicBoolean sent = new AtomicBoolean();
    AsyncExchange exchange =
        new AsyncExchange(
            () -> {
              sent.set(true);
              return response(new AtomicBoolean());
            });

    exchange.result().cancel(true);
    exchange.run();

    assertThat(sent).isFalse();
  }

  static TransportException kind(TransportException.Kind kind) {
    return new TransportException(kind, kind.name(), null);
  }

  @Test
  void expiresAsNotSentWhenNoThreadPickedItUp() {
    AtomicBoolean sent = new AtomicBoolean();
    AsyncExchange exchange =
        new AsyncExchange(
            () -> {
              sent.set(true);
              return response(new AtomicBoolean());
            });

    exchange.expireAfter(
        Duration.ofMillis(1),
        () -> kind(TransportException.Kind.CONNECT_FAILED),
        () -> kind(TransportException.Kind.TIMEOUT));

    assertThat(exchange.result())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECT_FAILED));
    exchange.run();
    assertThat(sent).as("an expired exchange is never sent").isFalse();
  }

  @Test
  void expiresAsTimeoutAndInterruptsTheWorkerOnceStarted() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AsyncExchange exchange =
        new AsyncExchange(
            () -> {
              started.countDown();
              try {
                new CountDownLatch(1).await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              throw kind(TransportException.Kind.CANCELLED);
            });
    pool.execute(exchange);
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    exchange.expireAfter(
        Duration.ofMillis(1),
        () -> kind(TransportException.Kind.CONNECT_FAILED),
        () -> kind(TransportException.Kind.TIMEOUT));

    assertThat(exchange.result())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableThat()
        .havingCause()
        .isInstanceOfSatisfying(
            TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT));
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void completedExchangeDoesNotExpire() throws Exception {
    AsyncExchange exchange = new AsyncExchange(() -> response(new AtomicBoolean()));
    exchange.expireAfter(
        Duration.ofMillis(50),
        () -> kind(TransportException.Kind.CONNECT_FAILED),
        () -> kind(TransportException.Kind.TIMEOUT));

    exchange.run();

    assertThat(exchange.result().get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
  }
}
