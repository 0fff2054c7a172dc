package dev.apimart.core.client;

import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A finished generation: the completed task, its images, and what it took to get there — how many
 * times the submission was sent, how many status requests the wait made, and the submission's
 * request id for a support ticket. Immutable; build one with {@link #builder()} (tests, adapters)
 * or {@link #of(Task)}.
 */
public final class GenerationResult {

  private final TaskId taskId;
  private final Task task;
  private final List<GeneratedImage> images;
  private final int submissionAttempts;
  private final int polls;
  private final @Nullable String requestId;

  private GenerationResult(Builder b) {
    Task t = Objects.requireNonNull(b.task, "task");
    this.task = t;
    this.taskId = b.taskId == null ? t.id() : b.taskId;
    if (!taskId.equals(t.id())) {
      throw new IllegalArgumentException(
          "The result's task id " + taskId + " is not the task's own id " + t.id());
    }
    this.images = List.copyOf(b.images == null ? t.images() : b.images);
    this.submissionAttempts = b.submissionAttempts;
    this.polls = b.polls;
    this.requestId = b.requestId;
  }

  /** The result for a completed task, whose images are taken from it; no attempts or polls. */
  public static GenerationResult of(Task task) {
    return builder().task(task).build();
  }

  /** A new builder; only the task is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this result's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.taskId = taskId;
    b.task = task;
    b.images = images;
    b.submissionAttempts = submissionAttempts;
    b.polls = polls;
    b.requestId = requestId;
    return b;
  }

  /** The task that produced it; always {@code task().id()}. */
  public TaskId taskId() {
    return taskId;
  }

  /** The final, completed snapshot. */
  public Task task() {
    return task;
  }

  /**
   * The images, each with its expected pixel size when it is known; download them before they
   * expire.
   */
  public List<GeneratedImage> images() {
    return images;
  }

  /**
   * How many times the submission was sent (more than 1 only when a retry was provably safe); 0
   * when this call did not submit, as for {@code waitFor}.
   */
  public int submissionAttempts() {
    return submissionAttempts;
  }

  /** How many status requests the wait made (a request the retry policy repeated counts once). */
  public int polls() {
    return polls;
  }

  /**
   * The service's id for the submission's exchange ({@code x-request-id}), when it gave one and
   * this call submitted: quote it to ApiMart support.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerationResult r
        && taskId.equals(r.taskId)
        && task.equals(r.task)
        && images.equals(r.images)
        && submissionAttempts == r.submissionAttempts
        && polls == r.polls
        && Objects.equals(requestId, r.requestId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(taskId, task, images, submissionAttempts, polls, requestId);
  }

  @Override
  public String toString() {
    return "GenerationResult[taskId="
        + taskId
        + ", images="
        + images.size()
        + ", submissionAttempts="
        + submissionAttempts
        + ", polls="
        + polls
        + (requestId == null ? "" : ", requestId=" + requestId)
        + "]";
  }

  /** Builds a {@link GenerationResult}. Not thread-safe. */
  public static final class Builder {
    private @Nullable TaskId taskId;
    private @Nullable Task task;
    private @Nullable List<GeneratedImage> images;
    private int submissionAttempts;
    private int polls;
    private @Nullable String requestId;

    private Builder() {}

    /** The completed task (required). */
    public Builder task(Task task) {
      this.task = Objects.requireNonNull(task, "task");
      return this;
    }

    /** The task's id; default, and required to equal, {@code task.id()}. */
    public Builder taskId(TaskId taskId) {
      this.taskId = Objects.requireNonNull(taskId, "taskId");
      return this;
    }

    /** The images; default the task's own. */
    public Builder images(List<GeneratedImage> images) {
      this.images = List.copyOf(images);
      return this;
    }

    /** How many times the submission was sent; default 0. */
    public Builder submissionAttempts(int submissionAttempts) {
      this.submissionAttempts = nonNegative(submissionAttempts, "submissionAttempts");
      return this;
    }

    /** How many status requests the wait made; default 0. */
    public Builder polls(int polls) {
      this.polls = nonNegative(polls, "polls");
      return this;
    }

    /** The submission's request id, or {@code null} for none. */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    private static int nonNegative(int value, String name) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " must not be negative, got " + value);
      }
      return value;
    }

    /**
     * The result.
     *
     * @throws NullPointerException when no task was given
     * @throws IllegalArgumentException when the task id is not the task's own
     */
    public GenerationResult build() {
      return new GenerationResult(this);
    }
  }
}
