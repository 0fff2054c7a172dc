package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.error.IdempotencyConflictException;
import dev.apimart.core.error.IdempotencyUnavailableException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.reliability.support.TransportKind;
import dev.apimart.reliability.support.VirtualTime;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Idempotency keys end to end (issue 15), through every transport against the fake: every
 * submission carries a key, the same on each attempt; the fake's idempotency answers (as the
 * contract §7 quotes them, "R") become the typed outcomes; a user's own key makes a repeated
 * submission return the first task.
 */
class IdempotencyTest {

  private static final String JSON = "application/json";

  private static GenerationRequest request(String prompt) {
    return GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, prompt);
  }

  private static ApiMartClient client(
      FakeApiMart fake, HttpTransport transport, VirtualTime time, RetryPolicy policy) {
    return ApiMartClient.builder()
        .apiKey(fake.apiKey())
        .baseUrl(fake.baseUrl())
        .transport(transport)
        .scheduler(time)
        .retryPolicy(policy)
        .build();
  }

  private static RetryPolicy policy() {
    return RetryPolicy.builder()
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(10))
        .jitter(0)
        .build();
  }

  private static String errorBody(String code) {
    return "{\"error\":{\"code\":\""
        + code
        + "\",\"message\":\"m\",\"type\":\"idempotency_error\"}}";
  }

  private static List<String> keys(FakeApiMart fake) {
    return fake.journal().submissions().stream().map(r -> r.header("idempotency-key")).toList();
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void everySubmissionCarriesAFreshKey(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time, policy())) {
      TaskId first = client.submit(request("a red kite"));
      TaskId second = client.submit(request("a red kite"));

      assertThat(first).isNotEqualTo(second);
      assertThat(fake.tasks()).hasSize(2);
      List<String> keys = keys(fake);
      assertThat(keys).hasSize(2).doesNotContainNull();
      assertThat(keys.get(0)).isNotEqualTo(keys.get(1));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void theSameUserKeyAndRequestReturnTheFirstTaskWithoutASecondCharge(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time, policy())) {
      GenerationRequest request =
          request("a red kite").toBuilder().idempotencyKey("order-42").build();

      TaskId first = client.submit(request);
      TaskId again = client.submit(request);

      assertThat(again).isEqualTo(first);
      assertThat(fake.tasks()).as("one task, so one charge").hasSize(1);
      assertThat(keys(fake)).containsExactly("order-42", "order-42");
      List<RecordedRequest> replays = fake.journal().idempotentReplays();
      assertThat(replays).hasSize(1);
      assertThat(replays.get(0).taskId()).isEqualTo(first.value());
      assertThat(fake.journal().submissionsWithIdempotencyKey("order-42")).hasSize(2);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void theSameKeyWithAnotherRequestIsRefusedAsReused(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time, policy())) {
      client.submit(request("a red kite").toBuilder().idempotencyKey("k-1").build());

      Throwable thrown =
          catchThrowable(
              () ->
                  client.submit(request("a blue kite").toBuilder().idempotencyKey("k-1").build()));

      assertThat(thrown).isInstanceOf(IdempotencyConflictException.class);
      IdempotencyConflictException conflict = (IdempotencyConflictException) thrown;
      assertThat(conflict.reason()).isEqualTo(IdempotencyConflictException.Reason.KEY_REUSED);
      assertThat(conflict.httpStatus()).hasValue(409);
      assertThat(conflict.isTransient()).isFalse();
      assertThat(fake.journal().received(Route.SUBMIT_GENERATION)).as("not repeated").isEqualTo(2);
      assertThat(fake.tasks()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void inProgressIsAskedAgainWithTheSameKeyAfterItsRetryAfter(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time, policy())) {
      fake.inject(
          Fault.response(409, JSON, errorBody("idempotency_in_progress"))
              .withRetryAfter(Duration.ofSeconds(4))
              .on(Route.SUBMIT_GENERATION));

      TaskId id = client.submit(request("a red kite"));

      assertThat(fake.task(id.value())).isPresent();
      assertThat(fake.tasks()).hasSize(1);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4));
      List<String> keys = keys(fake);
      assertThat(keys).hasSize(2);
      assertThat(keys.get(1)).isEqualTo(keys.get(0));
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void unavailableMeansNotExecutedAndIsRetried(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time, policy())) {
      fake.inject(
          Fault.response(503, JSON, errorBody("idempotency_unavailable"))
              .always()
              .on(Route.SUBMIT_GENERATION));

      Throwable thrown = catchThrowable(() -> client.submit(request("a red kite")));

      assertThat(thrown).isInstanceOf(IdempotencyUnavailableException.class);
      assertThat(thrown.getMessage()).contains("did not execute");
      assertThat(fake.journal().received(Route.SUBMIT_GENERATION)).isEqualTo(3);
      assertThat(keys(fake)).containsOnly(keys(fake).get(0));
      assertThat(fake.tasks()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void indeterminateEndsAsOutcomeUnknownWithoutRepeating(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time, policy())) {
      fake.inject(
          Fault.response(409, JSON, errorBody("idempotency_result_indeterminate"))
              .on(Route.SUBMIT_GENERATION));

      Throwable thrown =
          catchThrowable(
              () -> client.submit(request("a red kite").toBuilder().idempotencyKey("k-9").build()));

      assertThat(thrown).isInstanceOf(SubmissionOutcomeUnknownException.class);
      SubmissionOutcomeUnknownException unknown = (SubmissionOutcomeUnknownException) thrown;
      assertThat(unknown.attempts()).isEqualTo(1);
      assertThat(unknown.idempotencyKey()).hasValue("k-9");
      assertThat(unknown.getCause())
          .isInstanceOfSatisfying(
              IdempotencyConflictException.class,
              c ->
                  assertThat(c.reason())
                      .isEqualTo(IdempotencyConflictException.Reason.RESULT_INDETERMINATE));
      assertThat(fake.journal().received(Route.SUBMIT_GENERATION)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void aLostAnswerForAModelNotKnownToHonourKeysIsNotRepeated(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client = client(fake, transport, time, policy())) {
      fake.inject(Fault.dropConnectionAfterProcessing().on(Route.SUBMIT_GENERATION));

      Throwable thrown = catchThrowable(() -> client.submit(request("a red kite")));

      assertThat(thrown).isInstanceOf(SubmissionOutcomeUnknownException.class);
      SubmissionOutcomeUnknownException unknown = (SubmissionOutcomeUnknownException) thrown;
      assertThat(unknown.attempts()).isEqualTo(1);
      assertThat(unknown.idempotencyKey()).hasValue(keys(fake).get(0));
      assertThat(unknown.getMessage()).contains("not known to honour keys");
      assertThat(fake.tasks()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TransportKind.class)
  void keysCanBeSwitchedOff(TransportKind kind) {
    try (HttpTransport transport = kind.create();
        FakeApiMart fake = FakeApiMart.start();
        VirtualTime time = VirtualTime.recording();
        ApiMartClient client =
            client(
                fake, transport, time, policy().toBuilder().sendIdempotencyKeys(false).build())) {
      client.submit(request("a red kite").toBuilder().idempotencyKey("ignored").build());

      assertThat(keys(fake)).containsExactly((String) null);
    }
  }
}
