package dev.apimart.core.client;

import static dev.apimart.core.client.ObserverDispatch.READ;

import dev.apimart.core.client.ClientObserver.Kind;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.internal.client.AsyncCalls;
import dev.apimart.core.internal.http.ApiCalls;
import dev.apimart.core.internal.upload.UploadBodies;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.core.port.TransportRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Everything done to a request before it is submitted: validation against the catalog (local
 * reference images included, so one report names every problem before anything is uploaded), the
 * uploads of local images, the idempotency key and whether the service honours it.
 */
final class RequestPreparation {

  /** Where a local reference image stands while the request is validated. */
  private static final String LOCAL_STAND_IN = "https://upload.apimart.ai/f/image/local-reference-";

  private final ClientResources resources;
  private final ApiCalls api;
  private final RetryPolicy retryPolicy;

  RequestPreparation(ClientResources resources, ApiCalls api, RetryPolicy retryPolicy) {
    this.resources = resources;
    this.api = api;
    this.retryPolicy = retryPolicy;
  }

  GenerationRequest validated(GenerationRequest request) {
    Objects.requireNonNull(request, "request");
    List<Path> local = request.referenceImages();
    if (local.isEmpty()) {
      return resources.validator().prepare(request);
    }
    // Local images count as references: validate with a stand-in URL for each, and check every
    // file, so that one report names every problem before anything is uploaded.
    GenerationRequest.Builder standIn = request.toBuilder();
    for (int i = 0; i < local.size(); i++) {
      standIn.addImageUrl(LOCAL_STAND_IN + i);
    }
    List<Violation> violations = new ArrayList<>(resources.validator().validate(standIn.build()));
    for (int i = 0; i < local.size(); i++) {
      Violation problem = UploadBodies.check(local.get(i), "referenceImages[" + i + "]");
      if (problem != null) {
        violations.add(problem);
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return resources.validator().prepare(standIn.build()).toBuilder()
        .imageUrls(request.imageUrls())
        .build();
  }

  /**
   * Uploads a validated request's local reference images, one after the other, and returns the
   * request with their URLs appended to {@code image_urls}.
   */
  GenerationRequest withUploads(GenerationRequest valid, ClientObserver.Handle parent) {
    if (valid.referenceImages().isEmpty()) {
      return valid;
    }
    GenerationRequest.Builder b = valid.toBuilder().referenceImages(List.of());
    for (Path file : valid.referenceImages()) {
      UploadedImage uploaded = upload(file, parent);
      b.addImageUrl(uploaded.url().toString());
    }
    return b.build();
  }

  /**
   * Like {@link #withUploads} without blocking; a request without local images completes at once.
   */
  CompletableFuture<GenerationRequest> withUploadsAsync(
      GenerationRequest valid, ClientObserver.Handle parent) {
    if (valid.referenceImages().isEmpty()) {
      return CompletableFuture.completedFuture(valid);
    }
    CompletableFuture<GenerationRequest.Builder> chain =
        CompletableFuture.completedFuture(valid.toBuilder().referenceImages(List.of()));
    for (Path file : valid.referenceImages()) {
      chain =
          AsyncCalls.chain(
              chain,
              b -> {
                UploadBodies.Prepared body = UploadBodies.fromFile(file);
                return resources
                    .dispatch
                    .observedAsync(
                        Kind.UPLOAD,
                        null,
                        null,
                        parent,
                        READ,
                        h -> api.uploadAsync(body.body(), body.contentType()))
                    .thenApply(u -> b.addImageUrl(u.url().toString()));
              });
    }
    return chain.thenApply(GenerationRequest.Builder::build);
  }

  /** Uploads one file, observed as an {@code UPLOAD} under {@code parent}. */
  UploadedImage upload(Path file, ClientObserver.@Nullable Handle parent) {
    return resources.dispatch.observed(
        Kind.UPLOAD,
        null,
        null,
        parent,
        READ,
        h -> {
          UploadBodies.Prepared body = UploadBodies.fromFile(file);
          return api.upload(body.body(), body.contentType());
        });
  }

  /**
   * The submission a request would make, built as {@link #validated} and the API calls build it,
   * with local images standing as placeholders and the key masked; nothing is sent or uploaded.
   */
  RequestPreview preview(GenerationRequest request) {
    GenerationRequest valid = validated(request);
    List<Path> local = valid.referenceImages();
    GenerationRequest sent = valid;
    if (!local.isEmpty()) {
      GenerationRequest.Builder b = valid.toBuilder().referenceImages(List.of());
      for (int i = 1; i <= local.size(); i++) {
        b.addImageUrl(RequestPreview.uploadPlaceholder(i));
      }
      sent = b.build();
    }
    TransportRequest http = api.submissionRequest(sent, idempotencyKey(sent));
    Map<String, List<String>> shown = new TreeMap<>();
    http.headers()
        .forEach(
            (name, values) ->
                shown.put(
                    name,
                    values.stream().map(v -> resources.redaction.headerValue(name, v)).toList()));
    return RequestPreview.of(
        http.method(), http.uri(), shown, resources.codec.encodeRequest(sent), local);
  }

  /**
   * The key of one logical submission: the request's own, else a fresh random one; none when the
   * retry policy switched keys off.
   */
  @Nullable String idempotencyKey(GenerationRequest request) {
    if (!retryPolicy.sendIdempotencyKeys()) {
      return null;
    }
    return request.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString());
  }

  /** Whether the catalog says ApiMart honours the key for the request's model. */
  boolean keyHonoured(GenerationRequest request) {
    String model = request.modelName();
    return model != null
        && resources
            .validator()
            .catalog()
            .find(model)
            .map(ModelCapabilities::honoursIdempotencyKey)
            .orElse(false);
  }

  /** The wait options with the request's expected pixel size, unless they name one. */
  WaitOptions withExpectedSize(WaitOptions options, GenerationRequest request) {
    if (options.expectedSize().isPresent()) {
      return options;
    }
    WaitOptions.Builder b =
        WaitOptions.builder()
            .expectedSize(request.expectedPixelSize(resources.validator().catalog()).orElse(null));
    options.polling().ifPresent(b::polling);
    options.listener().ifPresent(b::listener);
    return b.build();
  }
}
