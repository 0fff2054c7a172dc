package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.error.ApiMartServiceException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.reliability.support.TransportKind;
import dev.apimart.reliability.support.VirtualTime;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Route;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Response metadata reaches the exception through every transport: the status, the headers the
 * answer carried (over real HTTP, so their names arrive in whatever case the transport gives) and
 * the request id the error body names.
 */
class ResponseMetadataTest {

  private static ApiMartClient client(FakeApiMart fake, HttpTransport transport, VirtualTime time) {
    return ApiMartClient.builder()
        .apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl())
        .transport(transport)
        .scheduler(time)
        .retryPolicy(RetryPolicy.builder().maxAttempts(1).build())
        .build();
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aRateLimitedAnswerKeepsItsStatusAndRetryAfterHeader(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      fake.inject(
          Fault.status(429).withRetryAfter(Duration.ofSeconds(4)).on(Route.GET_BALANCE).always());

      Throwable thrown = catchThrowable(client::balance);

      assertThat(thrown).isInstanceOf(RateLimitedException.class);
      RateLimitedException limited = (RateLimitedException) thrown;
      assertThat(limited).isInstanceOf(ApiMartServiceException.class);
      assertThat(limited.details().status()).hasValue(429);
      assertThat(limited.details().header("Retry-After")).hasValue("4");
      assertThat(limited.details().headers()).doesNotContainKeys("set-cookie", "authorization");
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void theRequestIdOfAnErrorBodyReachesTheException(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {
      fake.inject(
          Fault.response(
                  401,
                  "application/json",
                  "{\"error\":{\"message\":\"invalid API key (request id: 2025113006abcdef)\","
                      + "\"type\":\"apimart_error\"}}")
              .on(Route.GET_TASK));

      Throwable thrown = catchThrowable(() -> client.getTask(TaskId.of("task_1")));

      assertThat(thrown).isInstanceOf(AuthenticationException.class);
      AuthenticationException e = (AuthenticationException) thrown;
      assertThat(e.httpStatus()).hasValue(401);
      assertThat(e.requestId()).hasValue("2025113006abcdef");
      assertThat(e.details().header("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void theFakesOwnErrorAnswersCarryARequestId(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time)) {

      Throwable thrown = catchThrowable(() -> client.getTask(TaskId.of("task_unknown")));

      assertThat(thrown).isInstanceOf(ApiMartServiceException.class);
      assertThat(((ApiMartServiceException) thrown).requestId())
          .hasValueSatisfying(id -> assertThat(id).matches("req_fake_\\d{6}"));
    }
  }
}
