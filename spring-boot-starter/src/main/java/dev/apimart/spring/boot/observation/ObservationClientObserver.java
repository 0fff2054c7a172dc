package dev.apimart.spring.boot.observation;

import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.error.TaskCancelledException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Records each client operation as an {@code apimart.client.operation} Micrometer observation.
 * Operations inside a generate or wait become its children; a top-level one becomes a child of the
 * caller's current observation (an HTTP request being served, say).
 */
public final class ObservationClientObserver implements ClientObserver {

  private final ObservationRegistry registry;
  private final @Nullable ApiMartObservationConvention customConvention;
  private final ApiMartObservationConvention defaultConvention;
  private final Supplier<ModelCatalog> catalog;

  /**
   * With the default model catalog.
   *
   * @param registry where observations go
   * @param customConvention replaces the default convention when not {@code null}
   * @param defaultConvention the convention used otherwise (and by Micrometer's global conventions)
   */
  public ObservationClientObserver(
      ObservationRegistry registry,
      @Nullable ApiMartObservationConvention customConvention,
      ApiMartObservationConvention defaultConvention) {
    this(registry, customConvention, defaultConvention, ModelCatalog::defaults);
  }

  /**
   * @param registry where observations go
   * @param customConvention replaces the default convention when not {@code null}
   * @param defaultConvention the convention used otherwise (and by Micrometer's global conventions)
   * @param catalog the observed client's model catalog, asked for at each operation (the observer
   *     exists before the client it watches)
   */
  public ObservationClientObserver(
      ObservationRegistry registry,
      @Nullable ApiMartObservationConvention customConvention,
      ApiMartObservationConvention defaultConvention,
      Supplier<ModelCatalog> catalog) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.customConvention = customConvention;
    this.defaultConvention = Objects.requireNonNull(defaultConvention, "defaultConvention");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public Handle start(Operation operation) {
    ApiMartObservationContext context = new ApiMartObservationContext(operation, catalog.get());
    Observation observation =
        ApiMartObservationDocumentation.CLIENT_OPERATION.observation(
            customConvention, defaultConvention, () -> context, registry);
    if (operation.parent() instanceof ObservationHandle parent) {
      observation.parentObservation(parent.observation);
    }
    observation.start();
    return new ObservationHandle(observation, context);
  }

  @Override
  public String toString() {
    return "ObservationClientObserver[" + registry + "]";
  }

  private static final class ObservationHandle implements Handle {
    private final Observation observation;
    private final ApiMartObservationContext context;

    ObservationHandle(Observation observation, ApiMartObservationContext context) {
      this.observation = observation;
      this.context = context;
    }

    @Override
    public void succeeded(@Nullable TaskId taskId, @Nullable Task task) {
      context.succeeded(taskId, task);
      observation.stop();
    }

    @Override
    public void failed(Throwable error) {
      context.failedWith(lastSeen(error));
      observation.error(error);
      observation.stop();
    }

    private static @Nullable Task lastSeen(Throwable error) {
      if (error instanceof TaskFailedException failed) {
        return failed.task();
      }
      if (error instanceof TaskCancelledException cancelled) {
        return cancelled.task();
      }
      if (error instanceof WaitTimeoutException timeout) {
        return timeout.lastSeen().orElse(null);
      }
      return null;
    }
  }
}
