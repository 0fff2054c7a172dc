package dev.apimart.spring.ai;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.image.ImageResponseMetadata;

/**
 * What ApiMart says about a whole generation: its task id, model, the earliest expiry of its
 * images' links and, when the service reports it, the cost. The same facts are in the metadata map
 * under the {@code apimart.*} keys, for code that reads {@link ImageResponseMetadata} generically.
 * {@link #getCreated()} is when the task was created (milliseconds since the epoch).
 */
public final class ApiMartImageResponseMetadata extends ImageResponseMetadata {

  /** Map key of the task id. */
  public static final String TASK_ID = "apimart.task-id";

  /** Map key of the model id. */
  public static final String MODEL = "apimart.model";

  /** Map key of the earliest expiry of the images' links ({@link Instant}). */
  public static final String EXPIRES_AT = "apimart.expires-at";

  /** Map key of the cost in US dollars ({@link BigDecimal}), when reported. */
  public static final String COST = "apimart.cost";

  private final String taskId;
  private final String model;
  private final @Nullable Instant expiresAt;
  private final @Nullable BigDecimal cost;

  /**
   * @param created when the task was created, in milliseconds since the epoch
   * @param taskId the task id
   * @param model the model id
   * @param expiresAt the earliest expiry of the images' links, when known
   * @param cost the cost in US dollars, when the service reported it
   */
  public ApiMartImageResponseMetadata(
      long created,
      String taskId,
      String model,
      @Nullable Instant expiresAt,
      @Nullable BigDecimal cost) {
    super(created);
    this.taskId = Objects.requireNonNull(taskId, "taskId");
    this.model = Objects.requireNonNull(model, "model");
    this.expiresAt = expiresAt;
    this.cost = cost;
    put(TASK_ID, taskId);
    put(MODEL, model);
    if (expiresAt != null) {
      put(EXPIRES_AT, expiresAt);
    }
    if (cost != null) {
      put(COST, cost);
    }
  }

  /** The ApiMart task id. */
  public String getTaskId() {
    return taskId;
  }

  /** The model that made the images. */
  public String getModel() {
    return model;
  }

  /** The earliest expiry of the images' links, when known. */
  public Optional<Instant> getExpiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** The cost in US dollars, when the service reported it. */
  public Optional<BigDecimal> getCost() {
    return Optional.ofNullable(cost);
  }

  @Override
  public String toString() {
    return "ApiMartImageResponseMetadata[taskId="
        + taskId
        + ", model="
        + model
        + ", expiresAt="
        + expiresAt
        + ", cost="
        + cost
        + "]";
  }
}
