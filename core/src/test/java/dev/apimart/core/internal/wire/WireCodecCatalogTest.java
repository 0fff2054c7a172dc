package dev.apimart.core.internal.wire;

import static dev.apimart.core.internal.wire.Fixtures.NO_HEADERS;
import static dev.apimart.core.internal.wire.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed options, extra body fields and every answer shape the model pages show. */
class WireCodecCatalogTest {

  private final WireCodec codec = Fixtures.codec();

  private String encode(GenerationRequest request) {
    return new String(codec.encodeRequest(request), StandardCharsets.UTF_8);
  }

  @Test
  void anUnknownModelWithExtraParametersReachesTheWireUnchanged() {
    GenerationRequest request =
        GenerationRequest.builder()
            .model("Acme-Image-9")
            .prompt("a fox")
            .size("13:7")
            .resolution("8k")
            .extraBody("style", "vivid")
            .extraBody("options", Map.of("hdr", true))
            .extraBody("weights", List.of(1, 2.5, "x"))
            .build();

    assertThat(encode(request))
        .isEqualTo(
            "{\"model\":\"Acme-Image-9\",\"prompt\":\"a fox\",\"size\":\"13:7\","
                + "\"resolution\":\"8k\",\"style\":\"vivid\",\"options\":{\"hdr\":true},"
                + "\"weights\":[1,2.5,\"x\"]}");
  }

  @Test
  void typedOptionsAreWrittenWithTheirWireNamesAndTypes() {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.GPT_IMAGE_2_OFFICIAL)
            .prompt("p")
            .addImageUrl("https://example.com/a.png")
            .maskUrl("https://example.com/m.png")
            .quality("high")
            .background("transparent")
            .moderation("low")
            .outputFormat("webp")
            .outputCompression(70)
            .seed(42L)
            .watermark(false)
            .nsfwCheck(true)
            .officialFallback(true)
            .googleSearch(false)
            .build();

    assertThat(encode(request))
        .isEqualTo(
            "{\"model\":\"gpt-image-2-official\",\"prompt\":\"p\","
                + "\"image_urls\":[\"https://example.com/a.png\"],"
                + "\"mask_url\":\"https://example.com/m.png\",\"quality\":\"high\","
                + "\"background\":\"transparent\",\"moderation\":\"low\","
                + "\"output_format\":\"webp\",\"output_compression\":70,\"seed\":42,"
                + "\"watermark\":false,\"nsfw_check\":true,\"official_fallback\":true,"
                + "\"google_search\":false}");
  }

  @Test
  void anExtraThatCollidesWithATypedFieldIsNeverWritten() {
    GenerationRequest request =
        GenerationRequest.builder().model("x").prompt("p").extraBody("prompt", "other").build();

    assertThatThrownBy(() -> codec.encodeRequest(request))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("typed field");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "42|42",
        "-7|-7",
        "true|true",
        "null|",
        "vivid|vivid",
        "\"quoted\"|quoted",
        "2.50|2.50",
        "12abc|12abc",
        "{\"hdr\":true}|{hdr=true}",
        "[1,\"a\"]|[1, a]"
      })
  void lenientValuesAreJsonWhenTheyAreJsonAndTextOtherwise(String text, String shown) {
    Object value = WireCodec.parseLenientValue(text);

    assertThat(String.valueOf(value)).isEqualTo(shown == null ? "null" : shown);
  }

  @Test
  void lenientNumbersKeepTheirKind() {
    assertThat(WireCodec.parseLenientValue("42")).isEqualTo(42L);
    assertThat(WireCodec.parseLenientValue("2.50")).isEqualTo(new BigDecimal("2.50"));
    assertThat(WireCodec.parseLenientValue("99999999999999999999"))
        .isEqualTo(new java.math.BigInteger("99999999999999999999"));
  }

  // ------------------------------------------------------------------ answer shapes

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"task_A\"}]}",
        "{\"code\":\"success\",\"message\":\"\",\"data\":[{\"task_id\":\"task_A\","
            + "\"status\":\"processing\"}]}",
        "{\"code\":200,\"data\":{\"created\":1757156493,\"id\":\"task_A\",\"model\":"
            + "\"gpt-4o-image\",\"object\":\"image.generation.task\",\"progress\":0,"
            + "\"status\":\"pending\",\"task_info\":{\"can_cancel\":true,\"estimated_time\":100},"
            + "\"type\":\"image\"}}",
        "{\"code\":202,\"data\":{\"id\":\"task_A\",\"status\":\"pending\"}}"
      })
  void everySubmissionShapeYieldsTheTaskId(String body) {
    assertThat(codec.decodeSubmission(200, NO_HEADERS, utf8(body))).isEqualTo(TaskId.of("task_A"));
  }

  @Test
  void anHttp202SubmissionIsASuccess() {
    String body = "{\"code\":202,\"data\":{\"id\":\"task_C\",\"status\":\"queued\"}}";

    assertThat(codec.decodeSubmission(202, NO_HEADERS, utf8(body))).isEqualTo(TaskId.of("task_C"));
  }

  @ParameterizedTest
  @CsvSource({
    "submitted, PENDING",
    "pending, PENDING",
    "queued, PENDING",
    "processing, PROCESSING",
    "in_progress, PROCESSING",
    "completed, COMPLETED",
    "rendering, UNKNOWN"
  })
  void everyStatusVocabularyIsRead(String word, TaskStatus status) {
    String body =
        "{\"code\":200,\"data\":{\"id\":\"t\",\"status\":\"" + word + "\",\"progress\":10}}";

    Task task = codec.decodeTask(200, NO_HEADERS, utf8(body));

    assertThat(task.status()).isEqualTo(status);
    assertThat(task.isTerminal()).isEqualTo(status == TaskStatus.COMPLETED);
  }

  @Test
  void aFinishedTaskCarriesItsCostInDollarsAndCredits() {
    String body =
        "{\"code\":200,\"data\":{\"id\":\"t\",\"status\":\"completed\",\"progress\":100,"
            + "\"cost\":0.05279,\"credits_cost\":0.5279,"
            + "\"result\":{\"images\":[{\"url\":[\"https://cdn.example.com/a.png\"],"
            + "\"expires_at\":1767225600}]}}}";

    Task task = codec.decodeTask(200, NO_HEADERS, utf8(body));

    assertThat(task.cost()).isEqualByComparingTo("0.05279");
    assertThat(task.creditsCost()).isEqualByComparingTo("0.5279");
    assertThat(task.images()).hasSize(1);
  }

  @Test
  void aTaskWithoutCostsHasNone() {
    String body =
        "{\"code\":200,\"data\":{\"id\":\"t\",\"status\":\"processing\",\"cost\":\"n/a\"}}";

    Task task = codec.decodeTask(200, NO_HEADERS, utf8(body));

    assertThat(task.cost()).isNull();
    assertThat(task.creditsCost()).isNull();
  }

  @Test
  void aVideoResultDoesNotBreakDecoding() {
    String body =
        "{\"code\":200,\"data\":{\"id\":\"t\",\"status\":\"completed\","
            + "\"result\":{\"videos\":[{\"url\":[\"https://cdn.example.com/v.mp4\"]}]}}}";

    Task task = codec.decodeTask(200, NO_HEADERS, utf8(body));

    assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(task.images()).isEmpty();
  }

  @Test
  void http400InvalidTaskIdReadsAsNoSuchTask() {
    String body =
        "{\"error\":{\"code\":400,\"message\":\"invalid task ID\",\"type\":\"invalid_request_error\"}}";

    assertThatThrownBy(() -> codec.decodeTask(400, NO_HEADERS, utf8(body)))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("invalid task ID");
  }

  @Test
  void anyOther400OnATaskIsStillAnInvalidRequest() {
    String body = "{\"error\":{\"code\":400,\"message\":\"bad language\"}}";

    assertThatThrownBy(() -> codec.decodeTask(400, NO_HEADERS, utf8(body)))
        .isInstanceOf(RequestRejectedException.class);
  }
}
