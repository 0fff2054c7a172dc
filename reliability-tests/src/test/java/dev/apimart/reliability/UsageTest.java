package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.UsageUnavailableException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.Usage;
import dev.apimart.core.model.UsageQuery;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.reliability.support.TransportKind;
import dev.apimart.reliability.support.VirtualTime;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code client.usage} end to end against the fake's usage computed from its tasks (issue 15). */
class UsageTest {

  private static ApiMartClient client(FakeApiMart fake, HttpTransport transport, VirtualTime time) {
    return ApiMartClient.builder()
        .apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl())
        .transport(transport)
        .scheduler(time)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(10))
                .jitter(0)
                .build())
        .build();
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void reportsTheSpendOfCompletedTasksByModel(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      TaskId a = client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "one"));
      TaskId b = client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "two"));
      TaskId c =
          client.submit(
              GenerationRequest.builder()
                  .model(ImageModel.QWEN_IMAGE_2_0)
                  .prompt("three")
                  .n(2)
                  .build());
      TaskId failed = client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "four"));
      FakeTask ta = fake.completeNow(a.value());
      FakeTask tb = fake.completeNow(b.value());
      FakeTask tc = fake.completeNow(c.value());
      fake.failNow(failed.value(), "task_failed", "no");
      LocalDate today = fake.now().atZone(ZoneOffset.UTC).toLocalDate();

      Usage usage =
          client.usage(
              UsageQuery.builder()
                  .from(today.minusDays(30))
                  .to(today)
                  .groupBy(UsageQuery.GROUP_BY_MODEL)
                  .timeZone(ZoneId.of("UTC"))
                  .scope(UsageQuery.Scope.ACCOUNT)
                  .build());

      BigDecimal turbo = ta.charged().add(tb.charged());
      assertThat(usage.totalCost())
          .hasValueSatisfying(
              cost -> assertThat(cost).isEqualByComparingTo(turbo.add(tc.charged())));
      assertThat(usage.total().tasks()).hasValue(3);
      assertThat(usage.total().images()).hasValue(4);
      assertThat(usage.groups()).hasSize(2);
      Usage.Group qwen =
          usage.groups().stream()
              .filter(g -> g.key("model").orElse("").equals("qwen-image-2.0"))
              .findFirst()
              .orElseThrow();
      assertThat(qwen.cost())
          .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(tc.charged()));
      assertThat(usage.cached()).isFalse();
      RecordedRequest sent = fake.journal().usageRequests().get(0);
      assertThat(sent.queryParameter("start")).isEqualTo(today.minusDays(30).toString());
      assertThat(sent.queryParameter("end")).isEqualTo(today.toString());
      assertThat(sent.queryParameter("group_by")).isEqualTo("model");
      assertThat(sent.queryParameter("tz")).isEqualTo("UTC");
      assertThat(sent.queryParameter("scope")).isEqualTo("account");
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aModelFilterAndDaysGrouping(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      TaskId a = client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "one"));
      TaskId other = client.submit(GenerationRequest.of(ImageModel.QWEN_IMAGE_2_0, "elsewhere"));
      fake.completeNow(a.value());
      fake.completeNow(other.value());
      LocalDate today = fake.now().atZone(ZoneOffset.UTC).toLocalDate();

      Usage usage =
          client
              .usageAsync(
                  UsageQuery.builder()
                      .from(today)
                      .to(today)
                      .model(ImageModel.Z_IMAGE_TURBO)
                      .groupBy(UsageQuery.GROUP_BY_DAY)
                      .build())
              .join();

      assertThat(usage.total().tasks()).hasValue(1);
      assertThat(usage.groups())
          .singleElement()
          .satisfies(g -> assertThat(g.key("date")).hasValue(today.toString()));
      assertThat(fake.journal().usageRequests().get(0).queryParameter("model"))
          .isEqualTo("z-image-turbo");
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void unavailableIsItsOwnErrorAndNotZero(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      fake.inject(
          Fault.response(
                  503,
                  "application/json",
                  "{\"error\":{\"code\":\"usage_unavailable\",\"message\":\"try later\"}}")
              .always()
              .on(Route.GET_USAGE));
      LocalDate today = LocalDate.of(2026, 11, 30);

      Throwable thrown = catchThrowable(() -> client.usage(UsageQuery.lastDays(7, today)));

      assertThat(thrown)
          .isInstanceOf(UsageUnavailableException.class)
          .hasMessageContaining("does not mean nothing was spent");
      assertThat(fake.journal().received(Route.GET_USAGE)).as("retried like a read").isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aPeriodOverThirtyOneDaysIsRefusedBeforeSending(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      LocalDate today = LocalDate.of(2026, 11, 30);

      Throwable tooLong = catchThrowable(() -> client.usage(UsageQuery.lastDays(32, today)));
      Throwable backwards =
          catchThrowable(
              () ->
                  client
                      .usageAsync(UsageQuery.builder().from(today).to(today.minusDays(1)).build())
                      .join());

      assertThat(tooLong)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("31 days");
      assertThat(backwards).hasCauseInstanceOf(InvalidRequestException.class);
      assertThat(fake.journal().received(Route.GET_USAGE)).isZero();
      assertThat(client.usage(UsageQuery.lastDays(31, today)).total().tasks()).hasValue(0);
    }
  }
}
