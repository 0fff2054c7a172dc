package dev.apimart.spring.boot;

import dev.apimart.core.model.AspectRatio;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Resolution;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Starts generation requests with the application's defaults ({@code apimart.defaults.model},
 * {@code .size}, {@code .resolution}), so code names only what differs:
 *
 * <pre>{@code
 * GenerationResult result = client.generate(defaults.request("a lighthouse at dawn"));
 * GenerationRequest wide = defaults.builder().prompt("a harbour").size(AspectRatio.RATIO_16_9).build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class GenerationRequestDefaults {

  private final ImageModel model;
  private final @Nullable AspectRatio size;
  private final @Nullable Resolution resolution;

  /**
   * @param model the model of new requests
   * @param size the aspect ratio of new requests, or {@code null} for the service's default
   * @param resolution the tier of new requests, or {@code null} for the service's default
   */
  public GenerationRequestDefaults(
      ImageModel model, @Nullable AspectRatio size, @Nullable Resolution resolution) {
    this.model = Objects.requireNonNull(model, "model");
    this.size = size;
    this.resolution = resolution;
  }

  /** A builder holding the defaults; set the prompt and whatever else differs. */
  public GenerationRequest.Builder builder() {
    GenerationRequest.Builder builder = GenerationRequest.builder().model(model);
    if (size != null) {
      builder.size(size);
    }
    if (resolution != null) {
      builder.resolution(resolution);
    }
    return builder;
  }

  /** A request for this prompt with the defaults. */
  public GenerationRequest request(String prompt) {
    return builder().prompt(Objects.requireNonNull(prompt, "prompt")).build();
  }

  /** The default model. */
  public ImageModel model() {
    return model;
  }

  @Override
  public String toString() {
    return "GenerationRequestDefaults[model="
        + model
        + ", size="
        + (size == null ? "service default" : size)
        + ", resolution="
        + (resolution == null ? "service default" : resolution)
        + "]";
  }
}
