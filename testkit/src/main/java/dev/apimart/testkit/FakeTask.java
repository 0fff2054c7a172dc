package dev.apimart.testkit;

import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.TaskStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a task held by {@link FakeApiMart}, as the fake sees it at one moment of its clock.
 * Reading it does not count as a poll.
 *
 * @param id the task id, e.g. {@code task_01J…}
 * @param model the model id it was submitted for
 * @param prompt the prompt it was submitted with
 * @param status where it stands
 * @param progress 0–100
 * @param imageCount how many images it makes (or made)
 * @param pixelSize the size of each image
 * @param imageUrls the image URLs, non-empty once completed
 * @param created when it was submitted (fake clock)
 * @param completed when it finished, or {@code null}
 * @param estimatedTime the estimate its answers carry
 * @param polls how many times it was read through {@code GET /v1/tasks/{id}}
 * @param charged what was billed for it; zero unless completed
 * @param errorCode the error code of a failed task, or {@code null}
 * @param errorMessage the error message of a failed task, or {@code null}
 * @param outcome the outcome it was scripted with
 */
public record FakeTask(
    String id,
    String model,
    String prompt,
    TaskStatus status,
    int progress,
    int imageCount,
    PixelSize pixelSize,
    List<URI> imageUrls,
    Instant created,
    @Nullable Instant completed,
    Duration estimatedTime,
    int polls,
    BigDecimal charged,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    Outcome outcome) {

  /** Copies the URL list and checks the required components. */
  public FakeTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    imageUrls = List.copyOf(imageUrls);
  }

  /** Whether the task will not change any more. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** A one-line summary without the prompt. */
  @Override
  public String toString() {
    return "FakeTask["
        + id
        + " "
        + model
        + " "
        + status.name().toLowerCase(Locale.ROOT)
        + " "
        + progress
        + "%, "
        + imageCount
        + "x"
        + pixelSize
        + ", polls="
        + polls
        + "]";
  }
}
