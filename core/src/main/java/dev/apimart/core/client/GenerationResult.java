package dev.apimart.core.client;

import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.util.List;
import java.util.Objects;

/**
 * A finished generation.
 *
 * @param taskId the task that produced it
 * @param task the final, completed snapshot
 * @param images the images, each with its expected pixel size when it is known; download them
 *     before they expire
 */
public record GenerationResult(TaskId taskId, Task task, List<GeneratedImage> images) {

  /** Checks the parts and copies the list. */
  public GenerationResult {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(task, "task");
    images = List.copyOf(images);
  }

  /** The result for a completed task, whose images are taken from it. */
  public static GenerationResult of(Task task) {
    return new GenerationResult(task.id(), task, task.images());
  }
}
