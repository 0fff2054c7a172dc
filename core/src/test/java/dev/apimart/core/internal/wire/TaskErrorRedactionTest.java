package dev.apimart.core.internal.wire;

import static dev.apimart.core.internal.wire.Fixtures.NO_HEADERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.model.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failed task's error text comes from the service and ends up in logs and in {@code
 * TaskFailedException}'s message, so a key or bearer token echoed in it is removed, as it is from
 * error envelopes.
 */
class TaskErrorRedactionTest {

  private static final String KEY = "sk-live-0123456789abcdefSECRET";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"code\":200,\"data\":{\"id\":\"t1\",\"status\":\"failed\","
            + "\"error\":{\"code\":\"auth\",\"message\":\"key "
            + KEY
            + " refused\"}}}",
        "{\"code\":200,\"data\":{\"id\":\"t1\",\"status\":\"failed\","
            + "\"error\":{\"msg\":\"header was Bearer "
            + KEY
            + "\"}}}",
        "{\"code\":200,\"data\":{\"id\":\"t1\",\"status\":\"failed\","
            + "\"error\":\"refused for "
            + KEY
            + "\"}}"
      })
  void keyEchoedInATaskErrorIsRemoved(String body) {
    Task task = Fixtures.codec().decodeTask(200, NO_HEADERS, Fixtures.utf8(body));

    assertThat(task.error()).isNotNull();
    assertThat(task.error().message()).doesNotContain(KEY).doesNotContain("0123456789abcdef");
    assertThat(task.toString()).doesNotContain(KEY);
    assertThat(new TaskFailedException(task).getMessage()).doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"content policy violation", "模型生成失败，请稍后重试"})
  void ordinaryTaskErrorIsKeptAsTheServiceWroteIt(String message) {
    String body =
        "{\"code\":200,\"data\":{\"id\":\"t1\",\"status\":\"failed\",\"error\":{\"message\":\""
            + message
            + "\"}}}";
    Task task = Fixtures.codec().decodeTask(200, NO_HEADERS, Fixtures.utf8(body));

    assertThat(task.error()).isNotNull();
    assertThat(task.error().message()).isEqualTo(message);
  }
}
