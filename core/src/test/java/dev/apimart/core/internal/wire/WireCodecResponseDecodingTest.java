package dev.apimart.core.internal.wire;

import static dev.apimart.core.internal.wire.Fixtures.NO_HEADERS;
import static dev.apimart.core.internal.wire.Fixtures.bytes;
import static dev.apimart.core.internal.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskError;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WireCodecResponseDecodingTest {

  private static final TaskId ID = TaskId.of("task_01JGXYZ1234567890ABCDEF");

  private final WireCodec codec = Fixtures.codec();

  private Task task(String fixture) {
    return codec.decodeTask(200, NO_HEADERS, bytes("responses/" + fixture));
  }

  private Task taskJson(String json) {
    return codec.decodeTask(200, NO_HEADERS, utf8(json));
  }

  @Nested
  class Submission {

    @Test
    void readsTheTaskIdFromTheDocumentedAnswer() {
      assertThat(codec.decodeSubmission(200, NO_HEADERS, bytes("responses/submit-ok.json")))
          .isEqualTo(ID);
    }

    @Test
    void acceptsDataAsASingleObject() {
      byte[] body =
          utf8("{\"code\":200,\"data\":{\"status\":\"submitted\",\"task_id\":\"task_A\"}}");

      assertThat(codec.decodeSubmission(200, NO_HEADERS, body)).isEqualTo(TaskId.of("task_A"));
    }

    @Test
    void acceptsAnyTwoHundredStatus() {
      byte[] body = utf8("{\"data\":[{\"task_id\":\"task_B\"}]}");

      assertThat(codec.decodeSubmission(201, NO_HEADERS, body)).isEqualTo(TaskId.of("task_B"));
    }

    @Test
    void rejectsAMissingTaskId() {
      byte[] body = utf8("{\"code\":200,\"data\":[{\"status\":\"submitted\"}]}");

      assertThatThrownBy(() -> codec.decodeSubmission(200, NO_HEADERS, body))
          .isInstanceOf(UnexpectedResponseException.class)
          .hasMessageContaining("task_id")
          .satisfies(
              e ->
                  assertThat(((UnexpectedResponseException) e).rawBody())
                      .hasValue(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void rejectsABlankTaskId() {
      byte[] body = utf8("{\"code\":200,\"data\":[{\"task_id\":\"   \"}]}");

      assertThatThrownBy(() -> codec.decodeSubmission(200, NO_HEADERS, body))
          .isInstanceOf(UnexpectedResponseException.class);
    }

    @Test
    void rejectsATaskIdThatCouldRewriteTheRequestPath() {
      byte[] body = utf8("{\"code\":200,\"data\":[{\"task_id\":\"../../v1/balance?x=1\"}]}");

      assertThatThrownBy(() -> codec.decodeSubmission(200, NO_HEADERS, body))
          .isInstanceOf(UnexpectedResponseException.class)
          .hasMessageContaining("task id is not usable")
          .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnEmptyDataArray() {
      byte[] body = utf8("{\"code\":200,\"data\":[]}");

      assertThatThrownBy(() -> codec.decodeSubmission(200, NO_HEADERS, body))
          .isInstanceOf(UnexpectedResponseException.class)
          .hasMessageContaining("found 0");
    }

    @Test
    void treatsAnErrorCodeInsideATwoHundredAnswerAsThatError() {
      byte[] body = utf8("{\"code\":402,\"message\":\"余额不足\"}");

      assertThatThrownBy(() -> codec.decodeSubmission(200, NO_HEADERS, body))
          .isInstanceOfSatisfying(
              InsufficientBalanceException.class,
              e -> {
                assertThat(e.getMessage()).contains("code 402 in an HTTP 200 answer", "余额不足");
                assertThat(e.httpStatus()).hasValue(200);
                assertThat(e.serverCode()).hasValue("402");
              });
    }

    @Test
    void treatsAnErrorObjectInsideATwoHundredAnswerAsThatError() {
      byte[] body = utf8("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}");

      assertThatThrownBy(
              () -> codec.decodeSubmission(200, Map.of("retry-after", List.of("7")), body))
          .isInstanceOfSatisfying(
              RateLimitedException.class,
              e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7)));
    }

    @Test
    void throwsTheMappedErrorForANonTwoHundredStatus() {
      assertThatThrownBy(() -> codec.decodeSubmission(401, NO_HEADERS, bytes("errors/401.json")))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Nested
  class Tasks {

    @Test
    void readsACompletedTaskWithAUrlString() {
      Task task = task("task-completed-url-string.json");

      assertThat(task.id()).isEqualTo(ID);
      assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(task.rawStatus()).isEqualTo("completed");
      assertThat(task.progress()).isEqualTo(100);
      assertThat(task.images())
          .containsExactly(
              new GeneratedImage(
                  URI.create("https://cdn.apimart.ai/images/2025/01/01/abc123.png"),
                  Instant.ofEpochSecond(1736899200),
                  null));
      assertThat(task.createdAt()).isEqualTo(Instant.ofEpochSecond(1736812800));
      assertThat(task.completedAt()).isEqualTo(Instant.ofEpochSecond(1736812819));
      assertThat(task.estimatedTime()).isEqualTo(Duration.ofSeconds(60));
      assertThat(task.actualTime()).isEqualTo(Duration.ofSeconds(19));
      assertThat(task.error()).isNull();
    }

    @Test
    void readsEveryUrlOfAnArrayAsItsOwnImageWithTheEntrysExpiry() {
      Task task = task("task-completed-url-array.json");

      assertThat(task.images())
          .extracting(GeneratedImage::url, GeneratedImage::expiresAt)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  URI.create("https://cdn.apimart.ai/images/multi-1.png"),
                  Instant.ofEpochSecond(1736899200)),
              org.assertj.core.groups.Tuple.tuple(
                  URI.create(
                      "https://cdn.apimart.ai/images/multi-2.png?X-Sig=abc&Expires=1736899200"),
                  Instant.ofEpochSecond(1736899200)),
              org.assertj.core.groups.Tuple.tuple(
                  URI.create("https://cdn.apimart.ai/images/multi-3.png"),
                  Instant.ofEpochSecond(1736902800)));
      assertThat(task.images()).allSatisfy(i -> assertThat(i.expectedSize()).isNull());
    }

    @Test
    void readsFractionalSecondsExactly() {
      Task task = task("task-completed-url-array.json");

      assertThat(task.estimatedTime()).isEqualTo(Duration.ofMillis(45_500));
      assertThat(task.actualTime()).isEqualTo(Duration.ofMillis(41_250));
    }

    @Test
    void readsAProcessingTaskWithProgressAndEstimate() {
      Task task = task("task-processing.json");

      assertThat(task.status()).isEqualTo(TaskStatus.PROCESSING);
      assertThat(task.progress()).isEqualTo(45);
      assertThat(task.estimatedTime()).isEqualTo(Duration.ofSeconds(60));
      assertThat(task.images()).isEmpty();
      assertThat(task.completedAt()).isNull();
      assertThat(task.actualTime()).isNull();
      assertThat(task.isTerminal()).isFalse();
    }

    @Test
    void readsAPendingTask() {
      Task task = task("task-pending.json");

      assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
      assertThat(task.progress()).isZero();
      assertThat(task.estimatedTime()).isNull();
    }

    @Test
    void readsAFailedTaskWithItsError() {
      Task task = task("task-failed.json");

      assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(task.error())
          .isEqualTo(
              new TaskError(
                  "content_policy_violation",
                  "The prompt was rejected by the content safety system"));
      assertThat(task.images()).isEmpty();
    }

    @Test
    void readsACancelledTask() {
      Task task = task("task-cancelled.json");

      assertThat(task.status()).isEqualTo(TaskStatus.CANCELLED);
      assertThat(task.progress()).isEqualTo(20);
      assertThat(task.isTerminal()).isTrue();
    }

    @Test
    void keepsAnUnknownStatusAsUnknownWithItsRawText() {
      Task task = task("task-unknown-status.json");

      assertThat(task.status()).isEqualTo(TaskStatus.UNKNOWN);
      assertThat(task.rawStatus()).isEqualTo("moderating");
      assertThat(task.progress()).isEqualTo(90);
    }

    @Test
    void ignoresUnknownFieldsAndReadsNumericStrings() {
      Task task = task("task-extra-fields.json");

      assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(task.progress()).isEqualTo(100);
      assertThat(task.estimatedTime()).isEqualTo(Duration.ofSeconds(60));
      assertThat(task.images())
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.url()).hasToString("https://cdn.apimart.ai/images/extra.png");
                assertThat(i.expiresAt()).isEqualTo(Instant.ofEpochSecond(1736899200));
              });
    }

    @Test
    void acceptsDataAsAOneElementArray() {
      Task task = taskJson("{\"code\":200,\"data\":[{\"id\":\"t1\",\"status\":\"pending\"}]}");

      assertThat(task.id()).isEqualTo(TaskId.of("t1"));
    }

    @Test
    void clampsProgressIntoZeroToHundred() {
      assertThat(
              taskJson("{\"data\":{\"id\":\"t\",\"status\":\"processing\",\"progress\":250}}")
                  .progress())
          .isEqualTo(100);
      assertThat(
              taskJson("{\"data\":{\"id\":\"t\",\"status\":\"processing\",\"progress\":-3}}")
                  .progress())
          .isZero();
      assertThat(
              taskJson("{\"data\":{\"id\":\"t\",\"status\":\"processing\",\"progress\":\"42.9\"}}")
                  .progress())
          .isEqualTo(42);
      assertThat(
              taskJson("{\"data\":{\"id\":\"t\",\"status\":\"processing\",\"progress\":1e999999}}")
                  .progress())
          .isEqualTo(100);
    }

    @Test
    void defaultsMissingProgressToHundredOnlyWhenCompleted() {
      assertThat(taskJson("{\"data\":{\"id\":\"t\",\"status\":\"completed\"}}").progress())
          .isEqualTo(100);
      assertThat(taskJson("{\"data\":{\"id\":\"t\",\"status\":\"processing\"}}").progress())
          .isZero();
    }

    @Test
    void treatsOptionalFieldsOfTheWrongTypeAsAbsent() {
      Task task =
          taskJson(
              """
              {"data":{"id":"t","status":"processing","progress":{"v":1},"created":"yesterday",
               "completed":[1],"estimated_time":true,"actual_time":-5,"result":"none",
               "error":42}}
              """);

      assertThat(task.progress()).isZero();
      assertThat(task.createdAt()).isNull();
      assertThat(task.completedAt()).isNull();
      assertThat(task.estimatedTime()).isNull();
      assertThat(task.actualTime()).isNull();
      assertThat(task.images()).isEmpty();
      assertThat(task.error()).isNull();
    }

    @Test
    void treatsAnExpiryOfTheWrongTypeAsUnknown() {
      Task task =
          taskJson(
              """
              {"data":{"id":"t","status":"completed","result":{"images":[
                {"url":"https://x.example/a.png","expires_at":"soon"}]}}}
              """);

      assertThat(task.images()).singleElement().satisfies(i -> assertThat(i.expiresAt()).isNull());
    }

    @Test
    void readsANumericErrorCode() {
      Task task =
          taskJson(
              "{\"data\":{\"id\":\"t\",\"status\":\"failed\","
                  + "\"error\":{\"code\":1301,\"message\":\"bad\"}}}");

      assertThat(task.error()).isEqualTo(new TaskError("1301", "bad"));
    }

    @Test
    void keepsTheWholeErrorObjectWhenItHasNoMessage() {
      Task task =
          taskJson(
              "{\"data\":{\"id\":\"t\",\"status\":\"failed\","
                  + "\"error\":{\"code\":\"E1\",\"reason\":\"gpu exploded\"}}}");

      assertThat(task.error()).isNotNull();
      assertThat(task.error().code()).isEqualTo("E1");
      assertThat(task.error().message()).contains("gpu exploded", "reason");
    }

    @Test
    void readsAnErrorGivenAsAString() {
      Task task =
          taskJson("{\"data\":{\"id\":\"t\",\"status\":\"failed\",\"error\":\"timed out\"}}");

      assertThat(task.error()).isEqualTo(new TaskError(null, "timed out"));
    }

    @Test
    void readsAFailedTaskEvenWhenATopLevelErrorAccompaniesIt() {
      Task task =
          taskJson(
              "{\"code\":200,\"error\":{\"message\":\"task failed\"},"
                  + "\"data\":{\"id\":\"t\",\"status\":\"failed\"}}");

      assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void skipsImageEntriesWithoutAUrl() {
      Task task =
          taskJson(
              """
              {"data":{"id":"t","status":"completed","result":{"images":[
                {"expires_at":1},{"url":null},"https://x.example/b.png",{"url":"https://x.example/c.png"}]}}}
              """);

      assertThat(task.images())
          .extracting(i -> i.url().toString())
          .containsExactly("https://x.example/b.png", "https://x.example/c.png");
    }

    @Test
    void readsATaskNotFoundEnvelopeAsNotFound() {
      assertThatThrownBy(() -> codec.decodeTask(404, NO_HEADERS, bytes("errors/404.json")))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("Task not found");
    }
  }

  @Nested
  class Balances {

    @Test
    void readsTheAmountsExactlyFromTheNumberText() {
      Balance balance = codec.decodeBalance(200, NO_HEADERS, bytes("responses/balance-ok.json"));

      assertThat(balance.remaining()).contains(new BigDecimal("10.5"));
      assertThat(balance.used()).isEqualTo(new BigDecimal("2.3"));
      assertThat(balance.unlimited()).isFalse();
    }

    @Test
    void keepsManyDecimalsWithoutBinaryRounding() {
      byte[] body =
          utf8(
              "{\"success\":true,\"remain_balance\":0.10000000000000000555,"
                  + "\"used_balance\":12345678901234567890.12,\"unlimited_quota\":false}");

      Balance balance = codec.decodeBalance(200, NO_HEADERS, body);

      assertThat(balance.remaining()).contains(new BigDecimal("0.10000000000000000555"));
      assertThat(balance.used()).isEqualTo(new BigDecimal("12345678901234567890.12"));
    }

    @Test
    void readsAnUnlimitedQuotaAsNoRemainingAmount() {
      Balance balance =
          codec.decodeBalance(200, NO_HEADERS, bytes("responses/balance-unlimited.json"));

      assertThat(balance.unlimited()).isTrue();
      assertThat(balance.remaining()).isEmpty();
      assertThat(balance.used()).isEqualTo(new BigDecimal("123.456789"));
    }

    @Test
    void readsSuccessFalseWithHttpTwoHundredAsAnAuthenticationFailureKeepingTheMessage() {
      assertThatThrownBy(
              () -> codec.decodeBalance(200, NO_HEADERS, bytes("responses/balance-failed.json")))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e -> {
                assertThat(e.serverMessage())
                    .hasValue("Invalid token: the key could not be resolved");
                assertThat(e.getMessage())
                    .contains(
                        "(\"success\": false in an HTTP 200 answer)",
                        "Invalid token: the key could not be resolved",
                        "APIMART_API_KEY");
                assertThat(e.httpStatus()).hasValue(200);
              });
    }

    @Test
    void readsAmountsGivenAsNumericStrings() {
      byte[] body = utf8("{\"success\":true,\"remain_balance\":\"7.25\",\"used_balance\":\"0\"}");

      Balance balance = codec.decodeBalance(200, NO_HEADERS, body);

      assertThat(balance.remaining()).contains(new BigDecimal("7.25"));
      assertThat(balance.used()).isEqualTo(new BigDecimal("0"));
    }

    @Test
    void rejectsAnAnswerWithoutAmounts() {
      byte[] body = utf8("{\"success\":true}");

      assertThatThrownBy(() -> codec.decodeBalance(200, NO_HEADERS, body))
          .isInstanceOf(UnexpectedResponseException.class)
          .hasMessageContaining("used_balance");
    }
  }
}
