package dev.apimart.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainValuesTest {

  @ParameterizedTest
  @CsvSource({
    "pending, PENDING",
    "processing, PROCESSING",
    "completed, COMPLETED",
    "COMPLETED, COMPLETED",
    "failed, FAILED",
    "cancelled, CANCELLED",
    "canceled, CANCELLED",
    "paused, UNKNOWN",
    "'', UNKNOWN"
  })
  void mapsWireStatusesAndNeverFails(String wire, TaskStatus expected) {
    assertThat(TaskStatus.fromWire(wire)).isEqualTo(expected);
  }

  @Test
  void onlyFinishedStatusesAreTerminal() {
    assertThat(TaskStatus.values())
        .filteredOn(TaskStatus::isTerminal)
        .containsExactlyInAnyOrder(TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED);
  }

  @Test
  void findsModelsByWireNameIgnoringCase() {
    assertThat(ImageModel.fromId(" Qwen-Image-2.0-Pro ")).contains(ImageModel.QWEN_IMAGE_2_0_PRO);
    assertThat(ImageModel.fromId("dall-e-3")).isEmpty();
  }

  @Test
  void zImageTurboMakesExactlyOneImageAndQwenUpToSix() {
    ModelCatalog catalog = ModelCatalog.defaults();
    assertThat(catalog.require(ImageModel.Z_IMAGE_TURBO).maxImages()).isEqualTo(1);
    assertThat(catalog.require(ImageModel.Z_IMAGE_TURBO).acceptsCount()).isFalse();
    assertThat(catalog.require(ImageModel.QWEN_IMAGE_2_0).maxImages()).isEqualTo(6);
    assertThat(catalog.require(ImageModel.QWEN_IMAGE_2_0_PRO).imageToImage()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"task_01JGXYZ1234567890ABCDEF", "abc-123", "a.b:c"})
  void acceptsSafeTaskIds(String id) {
    assertThat(TaskId.of(id).value()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "../balance", "a/b", "a?b=c", "a b", "任务"})
  void rejectsTaskIdsThatCouldRewriteTheRequestPath(String id) {
    assertThatThrownBy(() -> TaskId.of(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task id must be");
  }

  @Test
  void imageToStringNeverShowsTheSignedQuery() {
    GeneratedImage image =
        new GeneratedImage(
            URI.create("https://cdn.example.com/a/b.png?X-Signature=secret&Expires=1"),
            Instant.EPOCH,
            null);

    assertThat(image.toString())
        .contains("https://cdn.example.com/a/b.png")
        .doesNotContain("secret");
    assertThat(image.redactedUrl()).isEqualTo("https://cdn.example.com/a/b.png?…");
  }

  @Test
  void imageExpiresAtItsExpiry() {
    GeneratedImage image =
        new GeneratedImage(URI.create("https://x.test/a.png"), Instant.ofEpochSecond(100), null);

    assertThat(image.isExpiredAt(Instant.ofEpochSecond(99))).isFalse();
    assertThat(image.isExpiredAt(Instant.ofEpochSecond(100))).isTrue();
  }

  @Test
  void taskClampsProgressAndCopiesImages() {
    List<GeneratedImage> images =
        new java.util.ArrayList<>(
            List.of(new GeneratedImage(URI.create("https://x.test/a.png"), null, null)));
    Task task =
        new Task(
            TaskId.of("t1"),
            TaskStatus.COMPLETED,
            "completed",
            140,
            images,
            null,
            null,
            null,
            null,
            null);
    images.clear();

    assertThat(task.progress()).isEqualTo(100);
    assertThat(task.images()).hasSize(1);
    assertThat(task.withExpectedSize(new PixelSize(10, 20)).images().get(0).expectedSize())
        .isEqualTo(new PixelSize(10, 20));
  }

  @Test
  void unlimitedBalanceHasNoRemainingAmountAndCoversAnything() {
    Balance unlimited = new Balance(null, new BigDecimal("2.3"), true);
    Balance limited = new Balance(new BigDecimal("1.00"), BigDecimal.ZERO, false);

    assertThat(unlimited.remainingAmount()).isEmpty();
    assertThat(unlimited.covers(new BigDecimal("1000000"))).isTrue();
    assertThat(limited.covers(new BigDecimal("1.5"))).isFalse();
    assertThatThrownBy(() -> new Balance(null, BigDecimal.ZERO, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderRoundTripsThroughToBuilder() {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.QWEN_IMAGE_2_0_PRO)
            .prompt("Cyberpunk city")
            .size(ImageSize.RATIO_16_9)
            .resolution(Resolution.RES_2K)
            .n(4)
            .negativePrompt("blur")
            .addImageUrl("https://example.com/a.jpg")
            .build();

    GenerationRequest copy = request.toBuilder().build();
    GenerationRequest changed = request.toBuilder().n(2).build();

    assertThat(copy).isEqualTo(request).hasSameHashCodeAs(request);
    assertThat(changed.n()).isEqualTo(2);
    assertThat(request.n()).isEqualTo(4);
    assertThat(request.expectedImageCount()).isEqualTo(4);
  }

  @Test
  void requestToStringSummarizesPromptsInsteadOfPrintingThem() {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.QWEN_IMAGE_2_0)
            .prompt("my secret product launch")
            .addImageUrl("https://example.com/private.jpg?token=abc")
            .build();

    assertThat(request.toString())
        .contains("qwen-image-2.0", "<24 chars>", "imageUrls=1")
        .doesNotContain("secret", "token");
  }
}
