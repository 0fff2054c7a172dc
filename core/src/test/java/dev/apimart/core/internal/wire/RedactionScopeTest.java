package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redaction applies to text meant for people, never to the values the program uses, and a "key" too
 * short to be one rewrites nothing. Regression: with the API key {@code "k"} the whole body was
 * scrubbed before decoding, so the task id {@code task_1} became {@code tas[REDACTED]_1} and a
 * valid answer was rejected.
 */
class RedactionScopeTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final String COMPLETED =
      "{\"code\":200,\"data\":{\"id\":\"task_1\",\"status\":\"completed\",\"progress\":100,"
          + "\"result\":{\"images\":[{\"url\":[\"https://cdn.example.com/kite.png?token=k1\"]}]}}}";

  @Test
  void aOneCharacterKeyLeavesDecodedValuesAlone() {
    WireCodec codec = WireCodec.create(Clock.systemUTC(), List.of("k"));

    Task task = codec.decodeTask(200, Map.of(), utf8(COMPLETED));

    assertThat(task.id().value()).isEqualTo("task_1");
    assertThat(task.images().get(0).url())
        .isEqualTo(URI.create("https://cdn.example.com/kite.png?token=k1"));
    assertThat(
            codec.decodeSubmission(
                200, Map.of(), utf8("{\"code\":200,\"data\":[{\"task_id\":\"task_k\"}]}")))
        .isEqualTo(TaskId.of("task_k"));
  }

  @Test
  void aOneCharacterKeyDoesNotRewriteMessagesCharacterByCharacter() {
    WireCodec codec = WireCodec.create(Clock.systemUTC(), List.of("k"));

    ApiMartException e =
        codec.errorFor(
            404,
            Map.of(),
            utf8("{\"error\":{\"message\":\"task task_1 not known\",\"type\":\"not_found\"}}"));

    assertThat(e.serverMessage()).hasValue("task task_1 not known");
    assertThat(e.getMessage()).contains("task task_1 not known").doesNotContain("[REDACTED]");
  }

  @Test
  void aRealKeyInsideADecodedValueStaysThereButNotInTheWordsAboutIt() {
    String key = "plainkey0123456789";
    WireCodec codec = WireCodec.create(Clock.systemUTC(), List.of(key));
    String body =
        "{\"code\":200,\"data\":{\"id\":\"t1\",\"status\":\"failed\",\"progress\":0,"
            + "\"result\":{\"images\":[\"https://cdn.example.com/a.png?sig="
            + key
            + "\"]},\"error\":{\"message\":\"key "
            + key
            + " is suspended\"}}}";

    Task task = codec.decodeTask(200, Map.of(), utf8(body));

    assertThat(task.images().get(0).url().getQuery()).isEqualTo("sig=" + key);
    assertThat(task.error().message()).isEqualTo("key [REDACTED] is suspended");
    assertThat(task.toString()).doesNotContain(key);
  }
}
