package dev.apimart.cli;

import dev.apimart.core.model.TaskId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads a TASK_ID argument. */
final class TaskIds {
  private TaskIds() {}

  static @Nullable TaskId read(@Nullable String text, List<String> problems) {
    if (text == null) {
      return null; // picocli reported it missing
    }
    try {
      return TaskId.of(text);
    } catch (IllegalArgumentException e) {
      problems.add("TASK_ID: " + CliWords.of(e.getMessage()));
      return null;
    }
  }
}
