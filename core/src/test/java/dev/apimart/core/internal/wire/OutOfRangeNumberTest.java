package dev.apimart.core.internal.wire;

import static dev.apimart.core.internal.wire.Fixtures.NO_HEADERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.UnexpectedResponseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A number whose exponent no {@code BigDecimal} can hold makes the JSON reader fail with a plain
 * {@code NumberFormatException}, outside Jackson's own exception types; found by {@link
 * WireCodecPropertyTest}. It must end as an unexpected answer like any other unreadable body.
 */
class OutOfRangeNumberTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"code\":200,\"data\":[{\"task_id\":\"t1\",\"x\":9999999999E9999999999999}]}",
        "{\"code\":1E9999999999999,\"data\":{\"id\":\"t1\",\"status\":\"pending\"}}",
        "{\"success\":true,\"remain_balance\":-1e-99999999999,\"used_balance\":1}"
      })
  void numberBeyondBigDecimalIsAnUnexpectedAnswer(String body) {
    byte[] bytes = Fixtures.utf8(body);
    WireCodec codec = Fixtures.codec();

    for (Throwable thrown :
        new Throwable[] {
          catchThrowable(() -> codec.decodeSubmission(200, NO_HEADERS, bytes)),
          catchThrowable(() -> codec.decodeTask(200, NO_HEADERS, bytes)),
          catchThrowable(() -> codec.decodeBalance(200, NO_HEADERS, bytes))
        }) {
      assertThat(thrown)
          .isInstanceOf(UnexpectedResponseException.class)
          .hasMessageContaining("not valid JSON");
      assertThat(((UnexpectedResponseException) thrown).rawBody()).hasValue(body);
    }
  }
}
