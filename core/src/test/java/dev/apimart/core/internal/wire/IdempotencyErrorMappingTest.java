package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.IdempotencyConflictException;
import dev.apimart.core.error.IdempotencyConflictException.Reason;
import dev.apimart.core.error.IdempotencyUnavailableException;
import dev.apimart.core.error.ServerException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The idempotency answers of contract §7 become their typed exceptions. */
class IdempotencyErrorMappingTest {

  private final WireCodec codec = WireCodec.create(Clock.systemUTC());

  private static byte[] body(String code) {
    return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"said\",\"type\":\"x\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource({
    "idempotency_in_progress, IN_PROGRESS, true",
    "IDEMPOTENCY_KEY_REUSED, KEY_REUSED, false",
    "idempotency_result_indeterminate, RESULT_INDETERMINATE, false",
    "idempotency_something_new, OTHER, false"
  })
  void a409IsAConflictWithItsReason(String code, Reason reason, boolean transientOne) {
    ApiMartException e = codec.errorFor(409, Map.of("retry-after", List.of("3")), body(code));

    assertThat(e).isInstanceOf(IdempotencyConflictException.class);
    IdempotencyConflictException conflict = (IdempotencyConflictException) e;
    assertThat(conflict.reason()).isEqualTo(reason);
    assertThat(conflict.retryAfter()).hasValue(Duration.ofSeconds(3));
    assertThat(conflict.isTransient()).isEqualTo(transientOne);
    assertThat(conflict.serverMessage()).hasValue("said");
  }

  @Test
  void theCodeMayComeAsTheType() {
    byte[] body =
        "{\"error\":{\"message\":\"m\",\"type\":\"idempotency_key_reused\"}}"
            .getBytes(StandardCharsets.UTF_8);

    ApiMartException e = codec.errorFor(409, Map.of(), body);

    assertThat(((IdempotencyConflictException) e).reason()).isEqualTo(Reason.KEY_REUSED);
  }

  @Test
  void a503IdempotencyUnavailableSaysNothingWasExecuted() {
    ApiMartException e = codec.errorFor(503, Map.of(), body("idempotency_unavailable"));

    assertThat(e).isInstanceOf(IdempotencyUnavailableException.class);
    assertThat(e.getMessage()).contains("did not execute").contains("safe");
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void a409WithoutAnIdempotencyCodeStaysUnexpected() {
    ApiMartException e = codec.errorFor(409, Map.of(), body("conflict"));

    assertThat(e).isInstanceOf(dev.apimart.core.error.UnexpectedResponseException.class);
  }

  @Test
  void anOrdinary503StaysAServerError() {
    ApiMartException e = codec.errorFor(503, Map.of(), body("overloaded"));

    assertThat(e).isInstanceOf(ServerException.class);
  }
}
