package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  private static final String TURBO = "{\"model\":\"z-image-turbo\",\"prompt\":\"a cat\"}";

  private final FakeApiMart fake =
      FakeApiMart.builder().virtualTime().rateLimit(RateLimit.perSecond(2)).start();
  private final Http http = new Http(fake);

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void submissionsBeyondTheBurstAre429WithRetryAfterAndCreateNothing() {
    assertThat(http.submit(TURBO).status()).isEqualTo(200);
    assertThat(http.submit(TURBO).status()).isEqualTo(200);

    Http.Answer refused = http.submit(TURBO);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("retry-after")).isEqualTo("1");
    assertThat(refused.json().path("error").path("type").asString()).isEqualTo("rate_limit_error");
    assertThat(fake.tasks()).hasSize(2);
    assertThat(fake.rateLimitedRequests()).isEqualTo(1);
  }

  @Test
  void theBucketRefillsWithTheFakesClockAndOnlyCountsTheLimitedRoute() {
    http.submitOk(TURBO);
    http.submitOk(TURBO);
    assertThat(http.get("/v1/balance").status()).isEqualTo(200);
    assertThat(http.submit(TURBO).status()).isEqualTo(429);

    fake.advance(Duration.ofMillis(500));

    assertThat(http.submit(TURBO).status()).isEqualTo(200);
    assertThat(http.submit(TURBO).status()).isEqualTo(429);

    fake.advance(Duration.ofSeconds(10));

    assertThat(http.submit(TURBO).status()).isEqualTo(200);
    assertThat(http.submit(TURBO).status()).isEqualTo(200);
    assertThat(http.submit(TURBO).status()).as("refilled only up to the burst").isEqualTo(429);
    assertThat(fake.rateLimitedRequests()).isEqualTo(3);
  }

  @Test
  void retryAfterIsTheWaitForTheNextTokenRoundedUpToWholeSeconds() {
    fake.limitRate(RateLimit.perSecond(0.25).withBurst(1));
    http.submitOk(TURBO);

    assertThat(http.submit(TURBO).header("retry-after")).isEqualTo("4");
    fake.advance(Duration.ofMillis(2500));
    assertThat(http.submit(TURBO).header("retry-after")).isEqualTo("2");
    fake.advance(Duration.ofMillis(1500));
    assertThat(http.submit(TURBO).status()).isEqualTo(200);
  }

  @Test
  void aLimitCanBeLiftedAndFaultsStillWin() {
    fake.inject(Fault.status(503).on(Route.SUBMIT_GENERATION));
    assertThat(http.submit(TURBO).status()).isEqualTo(503);

    fake.clearRateLimit();
    for (int i = 0; i < 5; i++) {
      assertThat(http.submit(TURBO).status()).isEqualTo(200);
    }
    assertThat(fake.rateLimitedRequests()).isZero();
  }

  @Test
  void invalidLimitsAreRefused() {
    assertThatThrownBy(() -> RateLimit.perSecond(0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> RateLimit.perSecond(1).withBurst(0)).hasMessageContaining("at least");
    assertThat(RateLimit.perSecond(10).burst()).isEqualTo(10);
    assertThat(RateLimit.perSecond(0.5).burst()).isEqualTo(1);
    assertThat(RateLimit.perSecond(2).on(Route.GET_TASK).routes()).containsExactly(Route.GET_TASK);
  }
}
