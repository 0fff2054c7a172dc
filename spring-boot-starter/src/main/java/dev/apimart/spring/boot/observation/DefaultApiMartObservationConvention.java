package dev.apimart.spring.boot.observation;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.NotFoundException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TaskCancelledException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.PixelSize;
import dev.apimart.spring.boot.observation.ApiMartObservationDocumentation.HighCardinalityKeyNames;
import dev.apimart.spring.boot.observation.ApiMartObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The default names and tags: observation {@value #NAME}; contextual (span) name {@code
 * "<operation> <model>"} like Spring AI's {@code "image dall-e-3"}; low-cardinality {@code
 * gen_ai.operation.name}, {@code gen_ai.system=apimart}, {@code gen_ai.request.model}, {@code
 * apimart.outcome}, {@code apimart.task.status}; high-cardinality task id, image size and count,
 * {@code error.type}, and the prompt only when asked for.
 */
public class DefaultApiMartObservationConvention implements ApiMartObservationConvention {

  /** The observation name; the timer Micrometer derives from it has the same name. */
  public static final String NAME = "apimart.client.operation";

  /** The value of {@code gen_ai.system}. */
  public static final String SYSTEM = "apimart";

  private final boolean includePrompt;

  /** Does not record prompts. */
  public DefaultApiMartObservationConvention() {
    this(false);
  }

  /**
   * @param includePrompt whether the prompt is recorded as a high-cardinality value
   */
  public DefaultApiMartObservationConvention(boolean includePrompt) {
    this.includePrompt = includePrompt;
  }

  /** The model tag of a request for a model outside the client's catalog. */
  public static final String OTHER_MODEL = "other";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(ApiMartObservationContext context) {
    String operation = operation(context);
    return catalogModelId(context).map(id -> operation + " " + id).orElse(operation);
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(ApiMartObservationContext context) {
    return KeyValues.of(
        KeyValue.of(LowCardinalityKeyNames.OPERATION, operation(context)),
        KeyValue.of(LowCardinalityKeyNames.SYSTEM, SYSTEM),
        KeyValue.of(LowCardinalityKeyNames.REQUEST_MODEL, model(context)),
        KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome(context.getError())),
        KeyValue.of(LowCardinalityKeyNames.TASK_STATUS, taskStatus(context)));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(ApiMartObservationContext context) {
    KeyValues values = KeyValues.empty();
    if (context.taskId().isPresent()) {
      values =
          values.and(HighCardinalityKeyNames.TASK_ID.withValue(context.taskId().get().value()));
    }
    GenerationRequest request = context.request().orElse(null);
    if (request != null) {
      Optional<PixelSize> size = request.expectedPixelSize(context.catalog());
      if (size.isPresent()) {
        values =
            values.and(
                HighCardinalityKeyNames.REQUEST_IMAGE_SIZE.withValue(
                    size.get().width() + "x" + size.get().height()));
      }
      values =
          values.and(
              HighCardinalityKeyNames.REQUEST_IMAGE_COUNT.withValue(
                  Integer.toString(request.expectedImageCount())));
      if (includePrompt && request.prompt() != null) {
        values = values.and(HighCardinalityKeyNames.PROMPT.withValue(request.prompt()));
      }
    }
    Throwable error = context.getError();
    if (error != null) {
      values = values.and(HighCardinalityKeyNames.ERROR_TYPE.withValue(error.getClass().getName()));
    }
    return values;
  }

  /** The operation's name, lower case. */
  protected String operation(ApiMartObservationContext context) {
    return context.kind().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The model id when the model is in the client's catalog, {@code other} for any other name, or
   * {@code none}: never free text, which would make one metric series per typo or tenant.
   */
  protected String model(ApiMartObservationContext context) {
    if (context.request().flatMap(GenerationRequest::model).isEmpty()) {
      return KeyValue.NONE_VALUE;
    }
    return catalogModelId(context).orElse(OTHER_MODEL);
  }

  /** The catalog's id of the request's model, when the catalog has an entry for it. */
  private static Optional<String> catalogModelId(ApiMartObservationContext context) {
    return context
        .request()
        .flatMap(GenerationRequest::model)
        .flatMap(model -> context.catalog().find(model))
        .map(entry -> entry.model().id());
  }

  /** The task status as last seen, {@code submitted} after a submission, else {@code none}. */
  protected String taskStatus(ApiMartObservationContext context) {
    if (context.task().isPresent()) {
      return context.task().get().status().name().toLowerCase(Locale.ROOT);
    }
    return context.submitted() ? "submitted" : KeyValue.NONE_VALUE;
  }

  /** A small, fixed set of outcome names, one per error type the client throws. */
  protected String outcome(@Nullable Throwable error) {
    if (error == null) {
      return "success";
    }
    if (error instanceof TransportException transport) {
      return transport.kind() == TransportException.Kind.CANCELLED
          ? "cancelled"
          : "transport_error";
    }
    if (error instanceof TaskFailedException) {
      return "task_failed";
    }
    if (error instanceof TaskCancelledException) {
      return "task_cancelled";
    }
    if (error instanceof WaitTimeoutException) {
      return "timeout";
    }
    if (error instanceof InvalidRequestException || error instanceof RequestRejectedException) {
      return "invalid_request";
    }
    if (error instanceof AuthenticationException) {
      return "authentication";
    }
    if (error instanceof PermissionDeniedException) {
      return "permission_denied";
    }
    if (error instanceof InsufficientBalanceException) {
      return "insufficient_balance";
    }
    if (error instanceof RateLimitedException) {
      return "rate_limited";
    }
    if (error instanceof NotFoundException) {
      return "not_found";
    }
    if (error instanceof SubmissionOutcomeUnknownException) {
      return "outcome_unknown";
    }
    if (error instanceof ServerException) {
      return "server_error";
    }
    if (error instanceof UnexpectedResponseException) {
      return "unexpected_response";
    }
    if (error instanceof ConfigurationException) {
      return "configuration";
    }
    return error instanceof ApiMartException ? "error" : "client_error";
  }
}
