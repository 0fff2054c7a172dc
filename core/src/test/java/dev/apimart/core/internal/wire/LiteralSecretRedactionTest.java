package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.model.Task;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that echoes the API key must not get it into an exception, kept body or task error —
 * also when the key has no recognizable shape such as {@code sk-…}.
 */
class LiteralSecretRedactionTest {

  private static final String KEY = "plainkey0123456789";
  private final WireCodec codec = WireCodec.create(Clock.systemUTC(), List.of(KEY));

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anErrorEchoingTheKeyKeepsNoTraceOfIt() {
    ApiMartException e =
        codec.errorFor(
            401,
            Map.of(),
            utf8(
                "{\"error\":{\"code\":401,\"message\":\"invalid key "
                    + KEY
                    + "\",\"type\":\"auth\"}}"));

    assertThat(e.getMessage()).doesNotContain(KEY).contains("[REDACTED]");
    assertThat(e.serverMessage()).hasValueSatisfying(m -> assertThat(m).doesNotContain(KEY));
    assertThat(e.rawBody()).hasValueSatisfying(b -> assertThat(b).doesNotContain(KEY));
  }

  @Test
  void aNonJsonPageEchoingTheKeyKeepsNoTraceOfIt() {
    ApiMartException e =
        codec.errorFor(502, Map.of(), utf8("<html>upstream said: Bearer " + KEY + "</html>"));

    assertThat(e.toString()).doesNotContain(KEY);
    assertThat(e.rawBody()).hasValueSatisfying(b -> assertThat(b).doesNotContain(KEY));
  }

  @Test
  void aTaskErrorEchoingTheKeyKeepsNoTraceOfIt() {
    Task task =
        codec.decodeTask(
            200,
            Map.of(),
            utf8(
                "{\"code\":200,\"data\":{\"id\":\"t1\",\"status\":\"failed\",\"progress\":0,"
                    + "\"error\":{\"code\":\"auth\",\"message\":\"key "
                    + KEY
                    + " is suspended\"}}}"));

    assertThat(task.error().message()).doesNotContain(KEY).contains("[REDACTED]");
  }

  @Test
  void anUnreadableAnswerEchoingTheKeyKeepsNoTraceOfIt() {
    ApiMartException e =
        catchThrowableOfType(
            ApiMartException.class,
            () -> codec.decodeTask(200, Map.of(), utf8("not json " + KEY + " at all")));

    assertThat(e.getMessage()).doesNotContain(KEY);
    assertThat(e.rawBody()).hasValueSatisfying(b -> assertThat(b).doesNotContain(KEY));
  }

  @Test
  void answersWithoutTheKeyAreDecodedUnchanged() {
    Task task =
        codec.decodeTask(
            200,
            Map.of(),
            utf8(
                "{\"code\":200,\"data\":{\"id\":\"t1\",\"status\":\"processing\",\"progress\":7}}"));

    assertThat(task.progress()).isEqualTo(7);
  }
}
