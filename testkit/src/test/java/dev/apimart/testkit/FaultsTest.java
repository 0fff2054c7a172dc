package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private static final String TURBO = "{\"model\":\"z-image-turbo\",\"prompt\":\"a cat\"}";

  private final FakeApiMart fake = FakeApiMart.start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void statusFaultAnswersOnceInTheEnvelopeWithRetryAfter() {
    fake.inject(Fault.status(429).withRetryAfter(Duration.ofMillis(2500)));

    Http.Answer limited = http.get("/v1/balance");
    Http.Answer next = http.get("/v1/balance");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("retry-after")).isEqualTo("3");
    assertThat(limited.json().path("error").path("type").asString()).isEqualTo("rate_limit_error");
    assertThat(limited.errorMessage()).contains("Rate limit");
    assertThat(next.status()).isEqualTo(200);
    assertThat(fake.pendingFaults()).isEmpty();
  }

  @Test
  void retryAfterCanBeAnHttpDate() {
    fake.inject(
        Fault.status(503)
            .withRetryAfter(Instant.parse("2026-03-01T10:00:05Z"))
            .withMessage("busy"));

    Http.Answer answer = http.get("/v1/balance");

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.header("retry-after")).isEqualTo("Sun, 01 Mar 2026 10:00:05 GMT");
    assertThat(answer.errorMessage()).isEqualTo("busy");
  }

  @Test
  void faultAimedAtARouteSparesOtherRoutesAndCountsDown() {
    String id = http.submitOk(TURBO);
    fake.inject(Fault.status(503).on(Route.GET_TASK).times(2));

    assertThat(http.get("/v1/balance").status()).isEqualTo(200);
    assertThat(http.get("/v1/tasks/" + id).status()).isEqualTo(503);
    assertThat(http.get("/v1/tasks/" + id).status()).isEqualTo(503);
    assertThat(http.get("/v1/tasks/" + id).status()).isEqualTo(200);
  }

  @Test
  void alwaysFaultStaysUntilCleared() {
    fake.inject(Fault.status(500).on(Route.GET_BALANCE).always());

    for (int i = 0; i < 5; i++) {
      assertThat(http.get("/v1/balance").status()).isEqualTo(500);
    }
    fake.clearFaults();

    assertThat(http.get("/v1/balance").status()).isEqualTo(200);
  }

  @Test
  void faultsAreUsedInTheOrderTheyWereInjected() {
    fake.inject(Fault.status(502));
    fake.inject(Fault.status(504));

    assertThat(http.get("/v1/balance").status()).isEqualTo(502);
    assertThat(http.get("/v1/balance").status()).isEqualTo(504);
  }

  @Test
  void replacingFaultsHaveNoSideEffects() {
    fake.inject(Fault.status(500).on(Route.SUBMIT_GENERATION));

    assertThat(http.submit(TURBO).status()).isEqualTo(500);
    assertThat(fake.tasks()).isEmpty();
  }

  @Test
  void delayHoldsTheAnswerLongerThanTheClientWaits() {
    fake.inject(Fault.delay(Duration.ofSeconds(30)).on(Route.GET_BALANCE));

    assertThatThrownBy(
            () ->
                Http.CLIENT.send(
                    http.request("/v1/balance").timeout(Duration.ofMillis(200)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(fake.journal().received(Route.GET_BALANCE)).isEqualTo(1);
  }

  @Test
  void delayedFaultAnswersNormallyOnlyAfterTheDelay() throws Exception {
    ManualPauses pauses = new ManualPauses();
    try (FakeApiMart delayed = FakeApiMart.builder().pauses(pauses).start()) {
      delayed.inject(Fault.delay(Duration.ofSeconds(30)));
      CompletableFuture<HttpResponse<String>> pending =
          Http.CLIENT.sendAsync(
              new Http(delayed).request("/v1/balance").GET().build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(pauses.awaitRequested(1)).containsExactly(Duration.ofSeconds(30));
      pauses.advance(Duration.ofSeconds(30).minusMillis(1));

      // Still held a millisecond before the end: nothing answered (the journal records a request
      // before its answer leaves) and nothing received.
      assertThat(pauses.held()).isEqualTo(1);
      assertThat(delayed.journal().requests(Route.GET_BALANCE)).isEmpty();
      assertThat(pending).isNotDone();

      pauses.advance(Duration.ofMillis(1));

      HttpResponse<String> answer = pending.get(10, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body()).contains("\"remain_balance\"");
      assertThat(pauses.held()).isZero();
      assertThat(delayed.journal().requests(Route.GET_BALANCE))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.fault()).isEqualTo(Fault.delay(Duration.ofSeconds(30)));
              });
    }
  }

  @Test
  void closingTheFakeEndsAHeldDelayAndDropsTheConnection() throws Exception {
    ManualPauses pauses = new ManualPauses();
    FakeApiMart delayed = FakeApiMart.builder().pauses(pauses).start();
    delayed.inject(Fault.delay(Duration.ofSeconds(30)));
    CompletableFuture<HttpResponse<String>> pending =
        Http.CLIENT.sendAsync(
            new Http(delayed).request("/v1/balance").GET().build(),
            HttpResponse.BodyHandlers.ofString());
    pauses.awaitRequested(1);

    delayed.close();

    assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(delayed.journal().awaitRequests(Route.GET_BALANCE, 1, Duration.ofSeconds(10)))
        .singleElement()
        .satisfies(r -> assertThat(r.wasDropped()).isTrue());
  }

  @Test
  void closingTheFakeEndsDelaysAtOnce() throws Exception {
    fake.inject(Fault.delay(Duration.ofMinutes(10)));
    CompletableFuture<HttpResponse<String>> pending =
        Http.CLIENT.sendAsync(
            http.request("/v1/balance").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fake.journal().awaitReceived(Route.GET_BALANCE, 1, Duration.ofSeconds(10))).isTrue();

    fake.close();

    assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void droppedConnectionGivesTheClientNoAnswerAndCreatesNothing() {
    fake.inject(Fault.dropConnection().on(Route.SUBMIT_GENERATION));

    assertThatThrownBy(() -> http.submit(TURBO))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(fake.tasks()).isEmpty();
    assertThat(fake.journal().submissions())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.wasDropped()).isTrue();
              assertThat(r.fault()).isNotNull();
            });
  }

  @Test
  void droppedConnectionAfterProcessingLeavesABilledTaskBehind() {
    fake.inject(Fault.dropConnectionAfterProcessing().on(Route.SUBMIT_GENERATION));

    assertThatThrownBy(() -> http.submit(TURBO)).isInstanceOf(UncheckedIOException.class);

    assertThat(fake.tasks()).hasSize(1);
    assertThat(fake.journal().submissions().get(0).taskId()).isEqualTo(fake.lastTask().id());
    fake.completeNow(fake.lastTask().id());
    assertThat(fake.usedBalance()).isPositive();
  }

  @Test
  void malformedJsonIsA200ThatDoesNotParse() {
    fake.inject(Fault.malformedJson());

    Http.Answer answer = http.get("/v1/balance");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("content-type")).startsWith("application/json");
    assertThatThrownBy(answer::json).isInstanceOf(RuntimeException.class);
  }

  @Test
  void htmlErrorPageLooksLikeAProxy() {
    fake.inject(Fault.htmlErrorPage(502).withRetryAfter(Duration.ofSeconds(1)));

    Http.Answer answer = http.get("/v1/balance");

    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.header("content-type")).startsWith("text/html");
    assertThat(answer.header("retry-after")).isEqualTo("1");
    assertThat(answer.text()).contains("<title>502 Bad Gateway</title>").contains("nginx");
  }

  @Test
  void missingImageFileFaultAnswers404OnImages() {
    String id = http.submitOk(TURBO);
    FakeTask task = fake.completeNow(id);
    fake.inject(Fault.missingImageFile().on(Route.IMAGE_FILE));

    assertThat(http.getUrl(task.imageUrls().get(0)).status()).isEqualTo(404);
    assertThat(http.getUrl(task.imageUrls().get(0)).status()).isEqualTo(200);
  }

  @Test
  void truncatedBodyEndsTheConnectionMidBody() {
    fake.inject(Fault.truncatedBody().on(Route.GET_BALANCE));

    assertThatThrownBy(() -> http.get("/v1/balance"))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseInstanceOf(IOException.class);
    assertThat(fake.journal().requests(Route.GET_BALANCE).get(0).status()).isEqualTo(200);
  }

  @Test
  void slowBodyArrivesWholeInTheEnd() {
    fake.inject(Fault.slowBody(Duration.ofMillis(200)).on(Route.GET_BALANCE));

    Http.Answer answer = http.get("/v1/balance");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("success").asBoolean()).isTrue();
  }

  @Test
  void rawResponseIsSentAsGiven() {
    fake.inject(
        Fault.response(
                200, "application/json", "{\"success\":false,\"message\":\"token not found\"}")
            .on(Route.GET_BALANCE));

    Http.Answer answer = http.get("/v1/balance");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("success").asBoolean()).isFalse();
  }

  @Test
  void faultsApplyBeforeTheKeyIsChecked() {
    fake.inject(Fault.status(503));

    assertThat(http.getWithAuthorization("/v1/balance", "Bearer wrong").status()).isEqualTo(503);
  }

  @Test
  void faultValuesCheckTheirArguments() {
    assertThatThrownBy(() -> Fault.status(200)).hasMessageContaining("400-599");
    assertThatThrownBy(() -> Fault.status(429).times(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Fault.dropConnection().withRetryAfter(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Fault.delay(Duration.ofSeconds(-1)))
        .hasMessageContaining("must not be negative");
    assertThat(Fault.status(503).on(Route.GET_TASK).times(2))
        .isEqualTo(Fault.status(503).on(Route.GET_TASK).times(2))
        .hasToString("Fault[STATUS 503, on [GET_TASK], 2x]");
    assertThat(Fault.status(503).always().times()).isEmpty();
    assertThat(List.of(Fault.status(503).appliesTo(Route.IMAGE_FILE))).containsExactly(true);
  }
}
