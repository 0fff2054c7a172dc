package dev.apimart.spring.ai;

import dev.apimart.core.model.PixelSize;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.image.ImageGenerationMetadata;

/**
 * What ApiMart says about one generated image: the task that made it, when its link expires and its
 * pixel size. Read it from {@code imageGeneration.getMetadata()}:
 *
 * <pre>{@code
 * if (generation.getMetadata() instanceof ApiMartImageGenerationMetadata meta) {
 *   log.info("task {} image {} expires {}", meta.getTaskId(), meta.getIndex(), meta.getExpiresAt());
 * }
 * }</pre>
 *
 * Immutable.
 */
public final class ApiMartImageGenerationMetadata implements ImageGenerationMetadata {

  private final String taskId;
  private final String model;
  private final int index;
  private final @Nullable Instant expiresAt;
  private final @Nullable PixelSize pixelSize;

  /**
   * @param taskId the ApiMart task that made the image
   * @param model the model that made it
   * @param index the image's position among the task's images, from 0
   * @param expiresAt when the image's link stops working, when the service said so
   * @param pixelSize the image's pixel size, when the model documents it for the request
   */
  public ApiMartImageGenerationMetadata(
      String taskId,
      String model,
      int index,
      @Nullable Instant expiresAt,
      @Nullable PixelSize pixelSize) {
    this.taskId = Objects.requireNonNull(taskId, "taskId");
    this.model = Objects.requireNonNull(model, "model");
    this.index = index;
    this.expiresAt = expiresAt;
    this.pixelSize = pixelSize;
  }

  /** The ApiMart task id; {@code ApiMartClient.waitFor(TaskId.of(id))} finds the images again. */
  public String getTaskId() {
    return taskId;
  }

  /** The model that made the image. */
  public String getModel() {
    return model;
  }

  /** The image's position among the task's images, from 0. */
  public int getIndex() {
    return index;
  }

  /** When the image's link stops working: download (or use) it before then. */
  public Optional<Instant> getExpiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** The image's pixel size, when the model documents it for the request. */
  public Optional<PixelSize> getPixelSize() {
    return Optional.ofNullable(pixelSize);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApiMartImageGenerationMetadata other
        && taskId.equals(other.taskId)
        && model.equals(other.model)
        && index == other.index
        && Objects.equals(expiresAt, other.expiresAt)
        && Objects.equals(pixelSize, other.pixelSize);
  }

  @Override
  public int hashCode() {
    return Objects.hash(taskId, model, index, expiresAt, pixelSize);
  }

  @Override
  public String toString() {
    return "ApiMartImageGenerationMetadata[taskId="
        + taskId
        + ", model="
        + model
        + ", index="
        + index
        + ", expiresAt="
        + expiresAt
        + ", pixelSize="
        + pixelSize
        + "]";
  }
}
