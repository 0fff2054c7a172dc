package dev.apimart.spring.boot;

import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Resolution;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Starts generation requests with the application's defaults ({@code apimart.defaults.model},
 * {@code .size}, {@code .resolution}, {@code .params.*}), so code names only what differs:
 *
 * <pre>{@code
 * GenerationResult result = client.generate(defaults.request("a lighthouse at dawn"));
 * GenerationRequest wide = defaults.builder().prompt("a harbour").size(ImageSize.RATIO_16_9).build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class GenerationRequestDefaults {

  /** Fields that have a default of their own, or none at all, and so are not params. */
  private static final Set<String> NOT_PARAMS = Set.of("model", "prompt", "size", "resolution");

  private final ImageModel model;
  private final @Nullable ImageSize size;
  private final @Nullable Resolution resolution;
  private final GenerationRequest template;

  /**
   * @param model the model of new requests
   * @param size the size of new requests, or {@code null} for the model's default
   * @param resolution the tier of new requests, or {@code null} for the model's default
   */
  public GenerationRequestDefaults(
      ImageModel model, @Nullable ImageSize size, @Nullable Resolution resolution) {
    this(model, size, resolution, Map.of());
  }

  /**
   * @param model the model of new requests
   * @param size the size of new requests, or {@code null} for the model's default
   * @param resolution the tier of new requests, or {@code null} for the model's default
   * @param params further fields of new requests by wire name, each set with {@link
   *     GenerationRequest.Builder#param(String, Object)}: a typed option when the value has its
   *     type ({@code "seed"} → 42L), else a field sent as given; copied
   * @throws IllegalArgumentException when a param is {@code model}, {@code prompt}, {@code size} or
   *     {@code resolution}, which have parameters of their own or no default
   */
  public GenerationRequestDefaults(
      ImageModel model,
      @Nullable ImageSize size,
      @Nullable Resolution resolution,
      Map<String, ? extends @Nullable Object> params) {
    this.model = Objects.requireNonNull(model, "model");
    this.size = size;
    this.resolution = resolution;
    Objects.requireNonNull(params, "params");
    GenerationRequest.Builder builder = GenerationRequest.builder().model(model);
    if (size != null) {
      builder.size(size);
    }
    if (resolution != null) {
      builder.resolution(resolution);
    }
    params.forEach(
        (name, value) -> {
          if (NOT_PARAMS.contains(name)) {
            throw new IllegalArgumentException(
                "'"
                    + name
                    + "' cannot be a default param: "
                    + (name.equals("prompt")
                        ? "every request has its own prompt"
                        : "set apimart.defaults." + name + " instead"));
          }
          builder.param(name, value);
        });
    // An immutable request holds the values; every builder starts as a copy of it.
    this.template = builder.build();
  }

  /** A builder holding the defaults; set the prompt and whatever else differs. */
  public GenerationRequest.Builder builder() {
    return template.toBuilder();
  }

  /** A request for this prompt with the defaults. */
  public GenerationRequest request(String prompt) {
    return builder().prompt(Objects.requireNonNull(prompt, "prompt")).build();
  }

  /** The default model. */
  public ImageModel model() {
    return model;
  }

  /** The default size, when one is configured. */
  public Optional<ImageSize> size() {
    return Optional.ofNullable(size);
  }

  /** The default tier, when one is configured. */
  public Optional<Resolution> resolution() {
    return Optional.ofNullable(resolution);
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("GenerationRequestDefaults[model=")
            .append(model)
            .append(", size=")
            .append(size == null ? "model default" : size)
            .append(", resolution=")
            .append(resolution == null ? "model default" : resolution);
    if (!template.options().isEmpty()) {
      sb.append(", options=").append(template.options().keySet());
    }
    if (template.n() != null) {
      sb.append(", n=").append(template.n());
    }
    if (!template.extraBody().isEmpty()) {
      sb.append(", extraBody=").append(template.extraBody().keySet());
    }
    return sb.append(']').toString();
  }
}
