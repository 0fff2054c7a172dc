package dev.apimart.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import dev.apimart.spring.boot.ApiMartAutoConfiguration;
import dev.apimart.spring.boot.testing.Hermetic;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Route;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ApiMartHealthTest {

  private final FakeApiMart fake = FakeApiMart.builder().balance(new BigDecimal("12.50")).start();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private final ApplicationContextRunner runner =
      Hermetic.runner()
          .withConfiguration(
              AutoConfigurations.of(
                  ApiMartAutoConfiguration.class, ApiMartHealthAutoConfiguration.class))
          .withBean(Clock.class, () -> clock)
          .withPropertyValues(
              "apimart.base-url=" + fake.baseUrl(),
              "apimart.api-key=" + fake.apiKey(),
              "apimart.retry.max-attempts=1");

  @AfterEach
  void stopFake() {
    fake.close();
  }

  @Test
  void upWithTheBalanceFromTheFreeBalanceEndpoint() {
    runner.run(
        context -> {
          Health health = context.getBean(ApiMartHealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat((BigDecimal) health.getDetails().get("remaining"))
              .isEqualByComparingTo("12.50");
          assertThat(health.getDetails())
              .containsEntry("unlimited", false)
              .containsEntry("baseUrl", fake.baseUrl().toString())
              .containsEntry("checkedAt", "2026-01-01T00:00:00Z");
          assertThat(((BigDecimal) health.getDetails().get("used"))).isEqualByComparingTo("0");
        });
    assertThat(fake.journal().requests())
        .allSatisfy(r -> assertThat(r.route()).isEqualTo(Route.GET_BALANCE));
    assertThat(fake.journal().submissions()).isEmpty();
  }

  @Test
  void downWithReasonAuthenticationWhenTheKeyIsRefused() {
    runner
        .withPropertyValues("apimart.api-key=sk-wrong-key-000000000000")
        .run(
            context -> {
              Health health = context.getBean(ApiMartHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails()).containsEntry("reason", "authentication");
              assertThat(health.getDetails().toString()).doesNotContain("sk-wrong-key");
            });
  }

  @Test
  void downWithTheErrorWhenTheServiceCannotBeReached() {
    fake.close();
    runner
        .withPropertyValues("apimart.connect-timeout=1s")
        .run(
            context -> {
              Health health = context.getBean(ApiMartHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails()).doesNotContainKey("reason");
              assertThat((String) health.getDetails().get("error"))
                  .startsWith("TransportException");
            });
  }

  @Test
  void downWithReasonTimeoutWhenNoAnswerComesInTime() {
    CompletableFuture<TransportResponse> neverAnswered = new CompletableFuture<>();
    HttpTransport silent =
        new HttpTransport() {
          @Override
          public TransportResponse execute(TransportRequest request) {
            throw new AssertionError("the probe must not block a thread: " + request);
          }

          @Override
          public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
            return neverAnswered;
          }

          @Override
          public String name() {
            return "silent";
          }
        };
    runner
        .withBean(HttpTransport.class, () -> silent)
        .withPropertyValues("apimart.health.timeout=50ms")
        .run(
            context -> {
              Health health = context.getBean(ApiMartHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails())
                  .containsEntry("reason", "timeout")
                  .containsEntry("error", "No balance answer within PT0.05S");
            });
  }

  @Test
  void answerIsReusedForTheTtlOnTheInjectedClockThenProbedAgain() {
    runner
        .withPropertyValues("apimart.health.cache-ttl=30s")
        .run(
            context -> {
              HealthIndicator indicator = context.getBean(ApiMartHealthIndicator.class);
              indicator.health();
              indicator.health();
              clock.advance(Duration.ofSeconds(29));
              indicator.health();
              assertThat(fake.journal().received(Route.GET_BALANCE)).isEqualTo(1);

              clock.advance(Duration.ofSeconds(1));
              Health refreshed = indicator.health();
              assertThat(fake.journal().received(Route.GET_BALANCE)).isEqualTo(2);
              assertThat(refreshed.getDetails()).containsEntry("checkedAt", "2026-01-01T00:00:30Z");
            });
  }

  @Test
  void failuresAreCachedTooSoAStrugglingServiceIsNotHammered() {
    runner
        .withPropertyValues("apimart.api-key=sk-wrong-key-000000000000")
        .run(
            context -> {
              HealthIndicator indicator = context.getBean(ApiMartHealthIndicator.class);
              for (int i = 0; i < 5; i++) {
                assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
              }
              assertThat(fake.journal().received(Route.GET_BALANCE)).isEqualTo(1);
            });
  }

  @Test
  void registeredUnderTheNameApimart() {
    runner
        .withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
        .run(
            context ->
                assertThat(
                        context.getBean(HealthContributorRegistry.class).getContributor("apimart"))
                    .isSameAs(context.getBean(ApiMartHealthIndicator.class)));
  }

  @Test
  void switchedOffByManagementHealthApimartEnabled() {
    runner
        .withPropertyValues("management.health.apimart.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ApiMartHealthIndicator.class));
  }

  @Test
  void absentWithoutSpringBootHealthOnTheClassPath() {
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ApiMartHealthIndicator.class);
            });
  }

  @Test
  void absentWhenThereIsNoClient() {
    Hermetic.runner()
        .withConfiguration(AutoConfigurations.of(ApiMartHealthAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(ApiMartHealthIndicator.class));
  }

  @Test
  void userIndicatorOfTheSameNameWins() {
    runner
        .withBean("apimartHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ApiMartHealthIndicator.class);
              assertThat(context).hasBean("apimartHealthIndicator");
            });
  }

  @Test
  void zeroTimeoutFailsStartUpNamingTheProperty() {
    runner
        .withPropertyValues("apimart.health.timeout=0s")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("apimart.health.timeout"));
  }

  @Test
  void negativeTtlFailsStartUpNamingTheProperty() {
    runner
        .withPropertyValues("apimart.health.cache-ttl=-1s")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("apimart.health.cache-ttl"));
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
