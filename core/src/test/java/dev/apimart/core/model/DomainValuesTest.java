package dev.apimart.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
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
  void taskChecksProgressAndCopiesImages() {
    List<GeneratedImage> images =
        new java.util.ArrayList<>(
            List.of(new GeneratedImage(URI.create("https://x.test/a.png"), null, null)));
    Task.Builder builder =
        Task.builder(TaskId.of("t1"), TaskStatus.COMPLETED).progress(100).images(images);
    images.clear();
    Task task = builder.build();

    assertThat(task.progress()).isEqualTo(100);
    assertThat(task.rawStatus()).isEqualTo("completed");
    assertThat(task.images()).hasSize(1);
    assertThat(task.withExpectedSize(new PixelSize(10, 20)).images().get(0).expectedSize())
        .isEqualTo(new PixelSize(10, 20));
    assertThatThrownBy(() -> task.toBuilder().progress(140).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0-100");
    assertThatThrownBy(() -> task.toBuilder().progress(-1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> task.toBuilder().cost(new BigDecimal("-0.01")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> task.images().add(task.images().get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void taskToBuilderKeepsEveryValueAndEqualityFollowsThem() {
    Task task =
        Task.builder(TaskId.of("t2"), TaskStatus.FAILED)
            .rawStatus("failure")
            .progress(40)
            .createdAt(Instant.ofEpochSecond(10))
            .completedAt(Instant.ofEpochSecond(20))
            .estimatedTime(Duration.ofSeconds(30))
            .actualTime(Duration.ofSeconds(9))
            .error(new TaskError("content_policy", "refused"))
            .cost(new BigDecimal("0.04"))
            .creditsCost(new BigDecimal("0.4"))
            .build();

    Task copy = task.toBuilder().build();

    assertThat(copy).isEqualTo(task).hasSameHashCodeAs(task);
    assertThat(copy.rawStatus()).isEqualTo("failure");
    assertThat(copy.error()).isEqualTo(new TaskError("content_policy", "refused"));
    assertThat(copy.creditsCost()).isEqualTo(new BigDecimal("0.4"));
    assertThat(task.toBuilder().progress(41).build()).isNotEqualTo(task);
    assertThat(task.toBuilder().creditsCost(null).build()).isNotEqualTo(task);
  }

  @Test
  void taskToStringHidesTheSignatureOfImageUrls() {
    Task task =
        Task.builder(TaskId.of("t3"), TaskStatus.COMPLETED)
            .progress(100)
            .images(
                List.of(
                    new GeneratedImage(
                        URI.create("https://cdn.test/a.png?X-Amz-Signature=s3cr3t"), null, null)))
            .build();

    assertThat(task.toString()).contains("t3", "https://cdn.test/a.png").doesNotContain("s3cr3t");
  }

  @Test
  void unlimitedBalanceHasNoRemainingAmountAndCoversAnything() {
    Balance unlimited = Balance.unlimited(new BigDecimal("2.3"));
    Balance limited = Balance.limited(new BigDecimal("1.00"), BigDecimal.ZERO);

    assertThat(unlimited.remaining()).isEmpty();
    assertThat(unlimited.unlimited()).isTrue();
    assertThat(unlimited.covers(new BigDecimal("1000000"))).isTrue();
    assertThat(limited.covers(new BigDecimal("1.5"))).isFalse();
    assertThat(limited.remaining()).contains(new BigDecimal("1.00"));
    assertThatThrownBy(() -> Balance.builder().used(BigDecimal.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Balance.builder()
                    .unlimited(true)
                    .remaining(BigDecimal.ONE)
                    .used(BigDecimal.ZERO)
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(limited.toBuilder().build()).isEqualTo(limited);
    assertThat(unlimited.toBuilder().build()).isEqualTo(unlimited);
    assertThat(unlimited.toString()).contains("unlimited", "2.3");
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
