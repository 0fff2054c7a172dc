package dev.apimart.spring.boot.observation;

import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import io.micrometer.observation.Observation;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code apimart.client.operation} observation knows: the operation and, once it ended, the
 * task it concerned. A custom {@link ApiMartObservationConvention} reads it.
 */
public final class ApiMartObservationContext extends Observation.Context {

  private final ClientObserver.Kind kind;
  private final @Nullable GenerationRequest request;
  private final ModelCatalog catalog;
  private volatile @Nullable TaskId taskId;
  private volatile @Nullable Task task;
  private volatile boolean submitted;

  /**
   * With the default model catalog.
   *
   * @param operation the operation as the client announced it
   */
  public ApiMartObservationContext(ClientObserver.Operation operation) {
    this(operation, ModelCatalog.defaults());
  }

  /**
   * @param operation the operation as the client announced it
   * @param catalog the model catalog of the client, which knows the image sizes of its models
   */
  public ApiMartObservationContext(ClientObserver.Operation operation, ModelCatalog catalog) {
    Objects.requireNonNull(operation, "operation");
    this.kind = operation.kind();
    this.request = operation.request();
    this.taskId = operation.taskId();
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /** What the client does. */
  public ClientObserver.Kind kind() {
    return kind;
  }

  /** The generation request, for generate, submit and the polls of a generate. */
  public Optional<GenerationRequest> request() {
    return Optional.ofNullable(request);
  }

  /**
   * The model catalog of the client: what it knows of the request's model, such as the pixel size
   * of its images ({@link GenerationRequest#expectedPixelSize(ModelCatalog)}).
   */
  public ModelCatalog catalog() {
    return catalog;
  }

  /** The task, once known. */
  public Optional<TaskId> taskId() {
    return Optional.ofNullable(taskId);
  }

  /** The last snapshot of the task the operation read, if any. */
  public Optional<Task> task() {
    return Optional.ofNullable(task);
  }

  /** Whether this operation created a task (a successful submission). */
  public boolean submitted() {
    return submitted;
  }

  void succeeded(@Nullable TaskId taskId, @Nullable Task task) {
    if (taskId != null) {
      this.taskId = taskId;
    }
    this.task = task;
    this.submitted = kind == ClientObserver.Kind.SUBMIT && taskId != null;
  }

  void failedWith(@Nullable Task lastSeen) {
    if (lastSeen != null) {
      this.task = lastSeen;
      this.taskId = lastSeen.id();
    }
  }
}
