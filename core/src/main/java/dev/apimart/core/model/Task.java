package dev.apimart.core.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a task as {@code GET /v1/tasks/{id}} answered at one moment.
 *
 * @param id the task id
 * @param status where the task stands ({@link TaskStatus#UNKNOWN} for a status this SDK does not
 *     know; see {@code rawStatus})
 * @param rawStatus the status text exactly as the service sent it
 * @param progress 0–100
 * @param images the images, non-empty only once completed
 * @param createdAt when the task was created, when the service said so
 * @param completedAt when the task finished, when it has
 * @param estimatedTime the service's estimate of the total generation time
 * @param actualTime how long generation took, once finished
 * @param error why the task failed, when it did
 * @param cost what the task cost in US dollars, when the service reported it (finished tasks)
 * @param creditsCost what the task cost in credits (10 credits = 1 USD), when reported
 */
public record Task(
    TaskId id,
    TaskStatus status,
    String rawStatus,
    int progress,
    List<GeneratedImage> images,
    @Nullable Instant createdAt,
    @Nullable Instant completedAt,
    @Nullable Duration estimatedTime,
    @Nullable Duration actualTime,
    @Nullable TaskError error,
    @Nullable BigDecimal cost,
    @Nullable BigDecimal creditsCost) {

  /** Copies the image list and clamps progress into 0–100. */
  public Task {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(rawStatus, "rawStatus");
    images = List.copyOf(images);
    progress = Math.max(0, Math.min(100, progress));
  }

  /** A snapshot without cost figures (the service reports them only on some finished tasks). */
  public Task(
      TaskId id,
      TaskStatus status,
      String rawStatus,
      int progress,
      List<GeneratedImage> images,
      @Nullable Instant createdAt,
      @Nullable Instant completedAt,
      @Nullable Duration estimatedTime,
      @Nullable Duration actualTime,
      @Nullable TaskError error) {
    this(
        id,
        status,
        rawStatus,
        progress,
        images,
        createdAt,
        completedAt,
        estimatedTime,
        actualTime,
        error,
        null,
        null);
  }

  /** Whether the task will not change any more. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** The same snapshot with every image carrying the given expected pixel size. */
  public Task withExpectedSize(@Nullable PixelSize size) {
    return new Task(
        id,
        status,
        rawStatus,
        progress,
        images.stream().map(i -> i.withExpectedSize(size)).toList(),
        createdAt,
        completedAt,
        estimatedTime,
        actualTime,
        error,
        cost,
        creditsCost);
  }
}
