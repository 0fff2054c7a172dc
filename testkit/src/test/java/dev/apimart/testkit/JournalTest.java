package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JournalTest {

  private static final String TURBO = "{\"model\":\"z-image-turbo\",\"prompt\":\"a cat\"}";

  private final FakeApiMart fake = FakeApiMart.builder().apiKey("sk-secret-123").start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void recordsEveryRequestInArrivalOrderWithRouteStatusAndTask() {
    String id = http.submitOk(TURBO);
    http.get("/v1/tasks/" + id + "?language=zh");
    http.get("/v1/balance");
    http.get("/v1/nothing-here");

    List<RecordedRequest> requests = fake.journal().requests();

    assertThat(requests)
        .extracting(RecordedRequest::route)
        .containsExactly(
            Route.SUBMIT_GENERATION, Route.GET_TASK, Route.GET_BALANCE, Route.UNMATCHED);
    assertThat(requests).extracting(RecordedRequest::status).containsExactly(200, 200, 200, 404);
    assertThat(requests).extracting(RecordedRequest::sequence).containsExactly(1L, 2L, 3L, 4L);
    assertThat(requests.get(0).taskId()).isEqualTo(id);
    assertThat(requests.get(1).taskId()).isEqualTo(id);
    assertThat(requests.get(1).queryParameter("language")).isEqualTo("zh");
    assertThat(requests.get(0).method()).isEqualTo("POST");
    assertThat(requests.get(0).path()).isEqualTo("/v1/images/generations");
  }

  @Test
  void authorizationIsRedactedAndTheKeyAppearsNowhere() {
    Http.send(http.request("/v1/balance").header("X-Echo", "key=sk-secret-123").GET().build());

    RecordedRequest request = fake.journal().last().orElseThrow();

    assertThat(request.header("Authorization")).isEqualTo("Bearer [redacted]");
    assertThat(request.header("x-echo")).isEqualTo("key=[redacted]");
    assertThat(request.apiKeyAccepted()).isTrue();
    assertThat(request.toString()).doesNotContain("sk-secret-123");
    assertThat(request.headers().toString()).doesNotContain("sk-secret-123");
    assertThat(fake.toString()).doesNotContain("sk-secret-123");
  }

  @Test
  void wrongKeysAreRedactedToo() {
    http.getWithAuthorization("/v1/balance", "Bearer sk-someone-elses");

    RecordedRequest request = fake.journal().last().orElseThrow();

    assertThat(request.header("authorization")).isEqualTo("Bearer [redacted]");
    assertThat(request.apiKeyAccepted()).isFalse();
  }

  @Test
  void submissionsExposeTheirJsonBodyAsPlainValues() {
    http.submit(
        "{\"model\":\"qwen-image-2.0\",\"prompt\":\"两只猫\",\"n\":2,\"size\":\"16:9\","
            + "\"image_urls\":[\"https://example.com/a.png\"]}");

    RecordedRequest submission = fake.journal().submissions().get(0);

    assertThat(submission.jsonBody())
        .containsEntry("model", "qwen-image-2.0")
        .containsEntry("prompt", "两只猫")
        .containsEntry("n", 2)
        .containsEntry("image_urls", List.of("https://example.com/a.png"));
    assertThat(submission.header("content-type")).isEqualTo("application/json");
    assertThat(submission.bodyLength())
        .isEqualTo(submission.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void jsonBodyOfANonJsonRequestFailsClearly() {
    http.get("/v1/balance");

    assertThatThrownBy(() -> fake.journal().last().orElseThrow().jsonBody())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void pollsAreCountedPerTask() {
    String a = http.submitOk(TURBO);
    String b = http.submitOk(TURBO);
    http.poll(a);
    http.poll(a);
    http.poll(b);

    assertThat(fake.journal().pollsOf(a)).hasSize(2);
    assertThat(fake.journal().pollsOf(b)).hasSize(1);
    assertThat(fake.journal().polls()).hasSize(3);
    fake.journal().assertPolledAtMost(a, 2);
    assertThatThrownBy(() -> fake.journal().assertPolledAtMost(a, 1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "expected task " + a + " to be polled at most 1 time(s), was polled 2 times")
        .hasMessageContaining("GET /v1/tasks/" + a);
  }

  @Test
  void unmatchedRequestsFailTheAssertionLoudly() {
    fake.journal().assertNoUnmatchedRequests();
    http.get("/v1/images/generations");
    Http.send(http.request("/v2/whatever").DELETE().build());

    assertThat(fake.journal().unmatched()).hasSize(2);
    assertThatThrownBy(() -> fake.journal().assertNoUnmatchedRequests())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("2 request(s) for routes the service does not have (strict mode)")
        .hasMessageContaining("GET /v1/images/generations -> 405")
        .hasMessageContaining("DELETE /v2/whatever -> 404");
  }

  @Test
  void wrongMethodOnAKnownPathIs405WithAllow() {
    Http.Answer answer = http.get("/v1/images/generations");

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.header("allow")).isEqualTo("POST");
    assertThat(answer.errorMessage())
        .isEqualTo("Method GET is not allowed on /v1/images/generations; use POST");
  }

  @Test
  void journalKeepsOnlyTheMostRecentRequests() {
    try (FakeApiMart small = FakeApiMart.builder().journalCapacity(3).start()) {
      Http http = new Http(small);
      for (int i = 0; i < 5; i++) {
        http.get("/v1/balance");
      }

      assertThat(small.journal().requests())
          .extracting(RecordedRequest::sequence)
          .containsExactly(3L, 4L, 5L);
      assertThat(small.journal().evictedCount()).isEqualTo(2);
      assertThat(small.journal().received(Route.GET_BALANCE)).isEqualTo(5);
    }
  }

  @Test
  void awaitRequestsWaitsForCallsFromOtherThreads() {
    CompletableFuture.runAsync(() -> http.get("/v1/user/balance"));

    List<RecordedRequest> requests =
        fake.journal().awaitRequests(Route.GET_USER_BALANCE, 1, Duration.ofSeconds(10));

    assertThat(requests).hasSize(1);
    assertThatThrownBy(
            () -> fake.journal().awaitRequests(Route.SUBMIT_GENERATION, 1, Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 1 answered POST /v1/images/generations request(s)");
  }

  @Test
  void resetForgetsTasksScriptsFaultsAndTheJournalButKeepsTheClock() {
    http.submitOk(TURBO);
    fake.onNextTask(Outcome.neverFinishes());
    fake.inject(Fault.status(500).on(Route.IMAGE_FILE).always());
    fake.setBalance(BigDecimal.ONE);
    fake.advance(Duration.ofHours(1));
    var before = fake.now();

    fake.reset();

    assertThat(fake.tasks()).isEmpty();
    assertThat(fake.journal().requests()).isEmpty();
    assertThat(fake.pendingFaults()).isEmpty();
    assertThat(fake.remainingBalance()).isEqualByComparingTo("100");
    assertThat(fake.now()).isEqualTo(before);
    String id = http.submitOk(TURBO);
    assertThat(fake.completeNow(id).status().isTerminal()).isTrue();
  }

  @Test
  void recordedRequestSummaryReadsWell() {
    String id = http.submitOk(TURBO);
    fake.inject(Fault.status(503).on(Route.GET_TASK));
    http.get("/v1/tasks/" + id);

    assertThat(fake.journal().last().orElseThrow())
        .hasToString(
            "#2 GET /v1/tasks/" + id + " -> 503 [" + id + "] Fault[STATUS 503, on [GET_TASK], 1x]");
  }

  @Test
  void requestHeadersAreKeptWithLowerCaseNames() {
    Http.send(
        http.request("/v1/balance")
            .header("X-Trace-Id", "abc")
            .header("Accept", "application/json")
            .GET()
            .build());

    RecordedRequest request = fake.journal().last().orElseThrow();

    assertThat(request.headers()).containsKeys("x-trace-id", "accept", "authorization");
    assertThat(request.header("X-TRACE-ID")).isEqualTo("abc");
  }

  @Test
  void journalIsSafeToReadWhileRequestsArrive() throws Exception {
    List<CompletableFuture<Void>> calls =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> CompletableFuture.runAsync(() -> http.get("/v1/balance")))
            .toList();
    for (int i = 0; i < 50; i++) {
      assertThat(fake.journal().requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();

    assertThat(fake.journal().requests(Route.GET_BALANCE)).hasSize(20);
    assertThat(fake.journal().requests())
        .extracting(RecordedRequest::sequence)
        .isSorted()
        .doesNotHaveDuplicates();
  }

  @Test
  void deleteRequestsAreRecordedWithoutBodies() {
    Http.send(
        http.request("/v1/balance").method("DELETE", HttpRequest.BodyPublishers.noBody()).build());

    assertThat(fake.journal().last().orElseThrow().body()).isEmpty();
  }
}
