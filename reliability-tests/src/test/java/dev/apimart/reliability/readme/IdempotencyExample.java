package dev.apimart.reliability.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.IdempotencyConflictException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.TaskId;

/** The README's idempotency-key examples, compiled and run by ReadmeSnippetsTest. */
final class IdempotencyExample {

  private IdempotencyExample() {}

  static ApiMartClient.Builder markVerifiedModel(ApiMartClient.Builder builder) {
    // Only for a model whose key handling you have verified with ApiMart:
    return builder.model(
        ModelCatalog.defaults().require(ImageModel.Z_IMAGE_TURBO).toBuilder()
            .honoursIdempotencyKey(true)
            .build());
  }

  static TaskId submitOrder(ApiMartClient client, String orderId) {
    GenerationRequest request =
        GenerationRequest.builder()
            .model(ImageModel.Z_IMAGE_TURBO)
            .prompt("a product photo of a teapot")
            .idempotencyKey("order-" + orderId)
            .build();
    try {
      return client.submit(request);
    } catch (SubmissionOutcomeUnknownException e) {
      // e.idempotencyKey() is "order-<id>": where ApiMart honours keys, submitting the
      // same request again returns the task the lost submission created, if any.
      throw e;
    } catch (IdempotencyConflictException e) {
      // KEY_REUSED: this key was used for a different request; nothing was executed.
      throw e;
    }
  }
}
