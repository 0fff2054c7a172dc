package dev.apimart.core.capability;

import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.AspectRatio;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.Resolution;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link GenerationRequest} against ApiMart's documented limits and the chosen model's
 * {@link ModelCapabilities}, and returns every problem at once, each naming the field, the rejected
 * value and what would be accepted (including which model would take it).
 *
 * <p>Field constraints (prompt present, lengths in code points, {@code n} range) are Bean
 * Validation annotations on the request, checked by one Hibernate Validator built once per JVM with
 * parameter-only message interpolation, so no Jakarta EL is needed at run time. Rules that depend
 * on the model are plain code over the capability data. Thread-safe; share one instance.
 */
public final class RequestValidator {

  private static final List<String> FIELD_ORDER =
      List.of(
          "model",
          "prompt",
          "size",
          "resolution",
          "n",
          "negative_prompt",
          "image_urls",
          "prompt_extend");

  private static final int GENERIC_PROMPT_LIMIT = 800;
  private static final int GENERIC_NEGATIVE_PROMPT_LIMIT = 500;

  private static final RequestValidator INSTANCE = new RequestValidator();

  private RequestValidator() {}

  /** The shared validator. */
  public static RequestValidator instance() {
    return INSTANCE;
  }

  /**
   * All violations of the request, in field order; empty when it may be sent.
   *
   * <p>Never throws for bad values and never touches the network (image URL hosts are not
   * resolved).
   */
  public List<Violation> validate(GenerationRequest request) {
    List<Violation> violations = new ArrayList<>();
    for (ConstraintViolation<GenerationRequest> cv : BeanValidation.VALIDATOR.validate(request)) {
      String field = wireName(cv.getPropertyPath().toString());
      violations.add(new Violation(field, shorten(cv.getInvalidValue()), cv.getMessage()));
    }
    Optional<ImageModel> model = checkModel(request, violations);
    checkSize(request, violations);
    checkResolution(request, violations);
    model.ifPresent(m -> checkModelRules(m, request, violations));
    checkImageUrls(request, model, violations);
    violations.sort(Comparator.comparingInt(v -> fieldRank(v.field())));
    return List.copyOf(violations);
  }

  /**
   * Validates and throws when anything is wrong.
   *
   * @throws InvalidRequestException with every violation
   */
  public GenerationRequest requireValid(GenerationRequest request) {
    List<Violation> violations = validate(request);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    return request;
  }

  private static Optional<ImageModel> checkModel(
      GenerationRequest request, List<Violation> violations) {
    String name = request.modelName();
    if (name == null || name.isBlank()) {
      violations.add(
          new Violation(
              "model", name, "model is required: choose one of " + ImageModel.allowedIds()));
      return Optional.empty();
    }
    Optional<ImageModel> model = ImageModel.fromId(name);
    if (model.isEmpty()) {
      violations.add(
          new Violation(
              "model",
              shorten(name),
              "unknown model '"
                  + shorten(name)
                  + "': ApiMart's image models are "
                  + ImageModel.allowedIds()));
    }
    return model;
  }

  private static void checkSize(GenerationRequest request, List<Violation> violations) {
    String size = request.sizeValue();
    if (size != null && AspectRatio.fromWireValue(size).isEmpty()) {
      violations.add(
          new Violation(
              "size",
              shorten(size),
              "unsupported aspect ratio '"
                  + shorten(size)
                  + "': use one of "
                  + AspectRatio.allowedValues()
                  + " (default 1:1)"));
    }
  }

  private static void checkResolution(GenerationRequest request, List<Violation> violations) {
    String resolution = request.resolutionValue();
    if (resolution != null && Resolution.fromWireValue(resolution).isEmpty()) {
      violations.add(
          new Violation(
              "resolution",
              shorten(resolution),
              "unsupported resolution '"
                  + shorten(resolution)
                  + "': use one of "
                  + Resolution.allowedValues()
                  + " (default 1K)"));
    }
  }

  private static void checkModelRules(
      ImageModel model, GenerationRequest request, List<Violation> violations) {
    ModelCapabilities caps = model.capabilities();
    Integer n = request.n();
    if (n != null && n >= 1 && n <= 6) {
      if (!caps.acceptsCount() && n != 1) {
        violations.add(
            new Violation(
                "n",
                n,
                model.id()
                    + " always makes exactly 1 image; n="
                    + n
                    + " is not supported — use "
                    + modelsThat(c -> c.maxImages() >= n)
                    + " for up to 6"));
      } else if (n < caps.minImages() || n > caps.maxImages()) {
        violations.add(
            new Violation(
                "n",
                n,
                model.id()
                    + " makes "
                    + caps.minImages()
                    + " to "
                    + caps.maxImages()
                    + " images; n="
                    + n
                    + " is not supported"));
      }
    }
    String negative = request.negativePrompt();
    if (negative != null && !caps.negativePrompt()) {
      violations.add(
          new Violation(
              "negative_prompt",
              shorten(negative),
              model.id()
                  + " does not take a negative prompt — use "
                  + modelsThat(ModelCapabilities::negativePrompt)
                  + ", or describe what you want in the prompt"));
    } else if (negative != null
        && exceedsModelLimitOnly(
            negative, caps.maxNegativePromptCodePoints(), GENERIC_NEGATIVE_PROMPT_LIMIT)) {
      violations.add(
          new Violation(
              "negative_prompt",
              shorten(negative),
              "negative_prompt for "
                  + model.id()
                  + " must be at most "
                  + caps.maxNegativePromptCodePoints()
                  + " characters"));
    }
    if (Boolean.TRUE.equals(request.promptExtend()) && !caps.promptExtend()) {
      violations.add(
          new Violation(
              "prompt_extend",
              true,
              "prompt_extend is documented only for "
                  + modelsThat(ModelCapabilities::promptExtend)
                  + "; "
                  + model.id()
                  + " does not take it (it would be billed without a documented effect) —"
                  + " leave it unset"));
    }
    String prompt = request.prompt();
    if (prompt != null
        && exceedsModelLimitOnly(prompt, caps.maxPromptCodePoints(), GENERIC_PROMPT_LIMIT)) {
      violations.add(
          new Violation(
              "prompt",
              shorten(prompt),
              "prompt for "
                  + model.id()
                  + " must be at most "
                  + caps.maxPromptCodePoints()
                  + " characters"));
    }
  }

  private static void checkImageUrls(
      GenerationRequest request, Optional<ImageModel> model, List<Violation> violations) {
    List<String> urls = request.imageUrls();
    if (urls.isEmpty()) {
      return;
    }
    if (model.isPresent()) {
      ModelCapabilities caps = model.get().capabilities();
      if (!caps.imageToImage()) {
        violations.add(
            new Violation(
                "image_urls",
                urls.size() + " URL(s)",
                model.get().id()
                    + " does not take reference images (image-to-image) — use "
                    + modelsThat(ModelCapabilities::imageToImage)));
        return;
      }
      if (urls.size() > caps.maxReferenceImages()) {
        violations.add(
            new Violation(
                "image_urls",
                urls.size() + " URLs",
                model.get().id()
                    + " takes at most "
                    + caps.maxReferenceImages()
                    + " reference images, got "
                    + urls.size()));
      }
    }
    for (int i = 0; i < urls.size(); i++) {
      String url = urls.get(i);
      int index = i;
      ImageUrlRules.problem(url)
          .ifPresent(
              problem ->
                  violations.add(
                      new Violation("image_urls[" + index + "]", shorten(url), problem)));
    }
  }

  /**
   * Whether text breaks a model's own limit while staying within the limit every model shares (the
   * annotation on the request already reports that one).
   */
  private static boolean exceedsModelLimitOnly(String text, int modelLimit, int genericLimit) {
    int length = text.codePointCount(0, text.length());
    return length > modelLimit && length <= genericLimit;
  }

  private static String modelsThat(Predicate<ModelCapabilities> accepts) {
    return Arrays.stream(ImageModel.values())
        .filter(m -> accepts.test(m.capabilities()))
        .map(ImageModel::id)
        .collect(Collectors.joining(" or "));
  }

  private static String wireName(String propertyPath) {
    return switch (propertyPath) {
      case "negativePrompt" -> "negative_prompt";
      case "imageUrls" -> "image_urls";
      case "promptExtend" -> "prompt_extend";
      default -> propertyPath;
    };
  }

  private static int fieldRank(String field) {
    int bracket = field.indexOf('[');
    int rank = FIELD_ORDER.indexOf(bracket < 0 ? field : field.substring(0, bracket));
    return rank < 0 ? FIELD_ORDER.size() : rank;
  }

  private static @Nullable Object shorten(@Nullable Object value) {
    if (!(value instanceof String text)) {
      return value;
    }
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints <= 60) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, 57)) + "… (" + codePoints + " characters)";
  }

  /** Holds the one Hibernate Validator; built on first use, costly, thread-safe. */
  private static final class BeanValidation {
    static final Validator VALIDATOR =
        Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
  }
}
