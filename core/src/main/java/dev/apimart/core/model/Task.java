package dev.apimart.core.model;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a task as {@code GET /v1/tasks/{id}} answered at one moment. Immutable; build one
 * with {@link #builder(TaskId, TaskStatus)} and derive a changed copy with {@link #toBuilder()}, so
 * that a field the service adds later does not break code that builds snapshots (tests, fakes).
 *
 * <p>Serializable (it travels inside {@code TaskFailedException}, {@code TaskCancelledException}
 * and {@code WaitTimeoutException}); the invariants are checked again when a copy is read back.
 * {@link #toString()} shows image URLs without their query string, which may hold a signature.
 */
public final class Task implements Serializable {

  private static final long serialVersionUID = 1L;

  private final TaskId id;
  private final TaskStatus status;
  private final String rawStatus;
  private final int progress;

  // An immutable List.copyOf, whose own serial form is the JDK's.
  @SuppressWarnings("serial")
  private final List<GeneratedImage> images;

  private final @Nullable Instant createdAt;
  private final @Nullable Instant completedAt;
  private final @Nullable Duration estimatedTime;
  private final @Nullable Duration actualTime;
  private final @Nullable TaskError error;
  private final @Nullable BigDecimal cost;
  private final @Nullable BigDecimal creditsCost;

  private Task(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.status = Objects.requireNonNull(b.status, "status");
    this.rawStatus = b.rawStatus == null ? b.status.name().toLowerCase(Locale.ROOT) : b.rawStatus;
    if (b.progress < 0 || b.progress > 100) {
      throw new IllegalArgumentException("progress must be 0-100, got " + b.progress);
    }
    this.progress = b.progress;
    for (GeneratedImage image : b.images) {
      Objects.requireNonNull(image, "images must not contain null");
    }
    this.images = List.copyOf(b.images);
    this.createdAt = b.createdAt;
    this.completedAt = b.completedAt;
    this.estimatedTime = nonNegative(b.estimatedTime, "estimatedTime");
    this.actualTime = nonNegative(b.actualTime, "actualTime");
    this.error = b.error;
    this.cost = nonNegative(b.cost, "cost");
    this.creditsCost = nonNegative(b.creditsCost, "creditsCost");
  }

  private static @Nullable Duration nonNegative(@Nullable Duration value, String name) {
    if (value != null && value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }

  private static @Nullable BigDecimal nonNegative(@Nullable BigDecimal value, String name) {
    if (value != null && value.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
    return value;
  }

  /**
   * A builder for a snapshot of the given task in the given status; progress starts at 0 and the
   * raw status at the status's lower-case name.
   */
  public static Builder builder(TaskId id, TaskStatus status) {
    return new Builder().id(id).status(status);
  }

  /** A builder holding this snapshot's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.status = status;
    b.rawStatus = rawStatus;
    b.progress = progress;
    b.images = new ArrayList<>(images);
    b.createdAt = createdAt;
    b.completedAt = completedAt;
    b.estimatedTime = estimatedTime;
    b.actualTime = actualTime;
    b.error = error;
    b.cost = cost;
    b.creditsCost = creditsCost;
    return b;
  }

  /** The task id. */
  public TaskId id() {
    return id;
  }

  /**
   * Where the task stands ({@link TaskStatus#UNKNOWN} for a status this SDK does not know; see
   * {@link #rawStatus()}).
   */
  public TaskStatus status() {
    return status;
  }

  /** The status text exactly as the service sent it. */
  public String rawStatus() {
    return rawStatus;
  }

  /** How far generation is, 0–100. */
  public int progress() {
    return progress;
  }

  /** The images, non-empty only once completed. */
  public List<GeneratedImage> images() {
    return images;
  }

  /** When the task was created, when the service said so. */
  public @Nullable Instant createdAt() {
    return createdAt;
  }

  /** When the task finished, when it has. */
  public @Nullable Instant completedAt() {
    return completedAt;
  }

  /** The service's estimate of the total generation time. */
  public @Nullable Duration estimatedTime() {
    return estimatedTime;
  }

  /** How long generation took, once finished. */
  public @Nullable Duration actualTime() {
    return actualTime;
  }

  /** Why the task failed, when it did. */
  public @Nullable TaskError error() {
    return error;
  }

  /** What the task cost in US dollars, when the service reported it (finished tasks). */
  public @Nullable BigDecimal cost() {
    return cost;
  }

  /** What the task cost in credits (10 credits = 1 USD), when reported. */
  public @Nullable BigDecimal creditsCost() {
    return creditsCost;
  }

  /** Whether the task will not change any more. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** The same snapshot with every image carrying the given expected pixel size. */
  public Task withExpectedSize(@Nullable PixelSize size) {
    return toBuilder().images(images.stream().map(i -> i.withExpectedSize(size)).toList()).build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Task other
        && id.equals(other.id)
        && status == other.status
        && rawStatus.equals(other.rawStatus)
        && progress == other.progress
        && images.equals(other.images)
        && Objects.equals(createdAt, other.createdAt)
        && Objects.equals(completedAt, other.completedAt)
        && Objects.equals(estimatedTime, other.estimatedTime)
        && Objects.equals(actualTime, other.actualTime)
        && Objects.equals(error, other.error)
        && Objects.equals(cost, other.cost)
        && Objects.equals(creditsCost, other.creditsCost);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
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
        cost,
        creditsCost);
  }

  /**
   * The snapshot for logs: image URLs are shown without query string (see {@link GeneratedImage}).
   */
  @Override
  public String toString() {
    return "Task[id="
        + id
        + ", status="
        + status
        + ", rawStatus="
        + rawStatus
        + ", progress="
        + progress
        + ", images="
        + images
        + ", createdAt="
        + createdAt
        + ", completedAt="
        + completedAt
        + ", estimatedTime="
        + estimatedTime
        + ", actualTime="
        + actualTime
        + ", error="
        + error
        + ", cost="
        + cost
        + ", creditsCost="
        + creditsCost
        + "]";
  }

  private void readObject(ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    try {
      toBuilder().build();
    } catch (RuntimeException e) {
      InvalidObjectException invalid = new InvalidObjectException("not a valid task: " + e);
      invalid.initCause(e);
      throw invalid;
    }
  }

  /** Collects a snapshot's values; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private @Nullable TaskId id;
    private @Nullable TaskStatus status;
    private @Nullable String rawStatus;
    private int progress;
    private List<GeneratedImage> images = new ArrayList<>();
    private @Nullable Instant createdAt;
    private @Nullable Instant completedAt;
    private @Nullable Duration estimatedTime;
    private @Nullable Duration actualTime;
    private @Nullable TaskError error;
    private @Nullable BigDecimal cost;
    private @Nullable BigDecimal creditsCost;

    private Builder() {}

    /** The task id; required. */
    public Builder id(TaskId id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Where the task stands; required. */
    public Builder status(TaskStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * The status text as the service sent it; when not set, the status's lower-case name (for a
     * snapshot not read from the wire).
     */
    public Builder rawStatus(String rawStatus) {
      this.rawStatus = Objects.requireNonNull(rawStatus, "rawStatus");
      return this;
    }

    /** How far generation is, 0–100 (checked by {@link #build()}); 0 when not set. */
    public Builder progress(int progress) {
      this.progress = progress;
      return this;
    }

    /** The images (copied); none when not set. */
    public Builder images(List<GeneratedImage> images) {
      this.images = new ArrayList<>(Objects.requireNonNull(images, "images"));
      return this;
    }

    /** When the task was created. */
    public Builder createdAt(@Nullable Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /** When the task finished. */
    public Builder completedAt(@Nullable Instant completedAt) {
      this.completedAt = completedAt;
      return this;
    }

    /** The service's estimate of the total generation time; not negative. */
    public Builder estimatedTime(@Nullable Duration estimatedTime) {
      this.estimatedTime = estimatedTime;
      return this;
    }

    /** How long generation took; not negative. */
    public Builder actualTime(@Nullable Duration actualTime) {
      this.actualTime = actualTime;
      return this;
    }

    /** Why the task failed. */
    public Builder error(@Nullable TaskError error) {
      this.error = error;
      return this;
    }

    /** What the task cost in US dollars; not negative. */
    public Builder cost(@Nullable BigDecimal cost) {
      this.cost = cost;
      return this;
    }

    /** What the task cost in credits; not negative. */
    public Builder creditsCost(@Nullable BigDecimal creditsCost) {
      this.creditsCost = creditsCost;
      return this;
    }

    /**
     * The snapshot.
     *
     * @throws NullPointerException when the id or status is missing
     * @throws IllegalArgumentException when progress is outside 0–100 or a duration or cost is
     *     negative
     */
    public Task build() {
      return new Task(this);
    }
  }
}
