package dev.apimart.spring.ai;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.DownloadException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Resolution;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.spring.ai.internal.LocalImages;
import dev.apimart.spring.ai.internal.PixelSizeMapping;
import io.micrometer.observation.ObservationRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.content.Media;
import org.springframework.ai.image.Image;
import org.springframework.ai.image.ImageGeneration;
import org.springframework.ai.image.ImageMessage;
import org.springframework.ai.image.ImageModel;
import org.springframework.ai.image.ImagePrompt;
import org.springframework.ai.image.ImageResponse;
import org.springframework.ai.image.observation.ImageModelObservationContext;
import org.springframework.ai.image.observation.ImageModelObservationConvention;
import org.springframework.ai.image.observation.ImageModelObservationDocumentation;

/**
 * Spring AI's {@link ImageModel} for every ApiMart image model, on an {@link ApiMartClient}: one
 * call submits one task, waits for it on the client's scheduler (polling guided by the task's
 * estimate, one overall deadline) and returns its images.
 *
 * <pre>{@code
 * ImageResponse response = imageModel.call(new ImagePrompt("a lighthouse at dawn",
 *     ApiMartImageOptions.builder().model("qwen-image-2.0").width(1280).height(720).n(2).build()));
 * }</pre>
 *
 * <ul>
 *   <li>Options: the model's {@link #getDefaultOptions() defaults} with the prompt's options laid
 *       over them ({@link ApiMartImageOptions#mergedWith}); plain Spring AI {@code ImageOptions}
 *       work too. How each field maps is on {@link ApiMartImageOptions}.
 *   <li>The prompt: exactly one {@link ImageMessage}; its media are reference images, in their
 *       order after the options' {@code imageUrls}: media given as URLs are sent as they are, media
 *       given as bytes (e.g. {@code Media.builder().mimeType(IMAGE_PNG).data(new
 *       FileSystemResource(path))}) are uploaded through ApiMart's upload endpoint and their URLs
 *       (valid 72 hours) sent; so are {@code data:…;base64,} URLs. The bytes must be a JPEG, PNG,
 *       WebP or GIF of at most 20 MB, and the Media's MIME type must agree with them ({@code
 *       application/octet-stream} lets the bytes decide). Weights other than 1 and several messages
 *       are refused: ApiMart takes one unweighted prompt.
 *   <li>Everything is checked before the network — the adapter's mapping, the media bytes and the
 *       model's catalog entry (with the media to upload counted as references) — and every problem
 *       is reported at once in an {@link InvalidRequestException}: an invalid request uploads
 *       nothing. Then the media are uploaded, one after the other, then the task is submitted. An
 *       upload failure is the SDK's typed exception naming the media; nothing is submitted after
 *       it.
 *   <li>Failures are the SDK's typed exceptions ({@code TaskFailedException}, {@code
 *       WaitTimeoutException} with the task id to resume, {@code
 *       SubmissionOutcomeUnknownException}, …), never an empty response. A submission is never
 *       repeated when it may have created a task.
 *   <li>Each {@link ImageGeneration} carries {@link ApiMartImageGenerationMetadata} (task id,
 *       expiry, pixel size); the response carries {@link ApiMartImageResponseMetadata}.
 *   <li>Observed with Spring AI's image-model conventions (provider {@value #PROVIDER}) when an
 *       {@link ObservationRegistry} is given.
 * </ul>
 *
 * <p>Thread-safe. The client is not closed by this model: it belongs to whoever built it.
 */
public final class ApiMartImageModel implements ImageModel {

  /** The provider name in observations ({@code gen_ai.system}). */
  public static final String PROVIDER = "apimart";

  private static final ImageModelObservationConvention DEFAULT_CONVENTION =
      new ApiMartImageModelObservationConvention();

  private final ApiMartClient client;
  private final ApiMartImageOptions defaultOptions;
  private final ObservationRegistry observationRegistry;
  private final @Nullable ImageModelObservationConvention observationConvention;
  private volatile @Nullable RequestValidator validator;

  private ApiMartImageModel(Builder b) {
    this.client =
        Objects.requireNonNull(b.client, "client: set ApiMartImageModel.builder().client");
    this.defaultOptions = b.defaultOptions;
    this.observationRegistry = b.observationRegistry;
    this.observationConvention = b.observationConvention;
  }

  /** A builder; {@link Builder#client} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options every call starts from. */
  public ApiMartImageOptions getDefaultOptions() {
    return defaultOptions;
  }

  /**
   * Generates the images the prompt asks for.
   *
   * @throws InvalidRequestException when the prompt, its media or its options cannot be sent (every
   *     problem at once; nothing was uploaded or sent)
   * @throws dev.apimart.core.error.PayloadTooLargeException when the upload endpoint refused a
   *     media as too large; like every upload failure its message names the media, and nothing was
   *     submitted
   * @throws dev.apimart.core.error.ApiMartException for every other failure, with the task id once
   *     a task exists
   */
  @Override
  public ImageResponse call(ImagePrompt prompt) {
    Objects.requireNonNull(prompt, "prompt");
    ApiMartImageOptions options = defaultOptions.mergedWith(prompt.getOptions());
    // The observation reports the options in force, so a call relying on defaults still shows its
    // model; Spring AI's context also insists on options being present.
    ImagePrompt observed = new ImagePrompt(prompt.getInstructions(), options);
    ImageModelObservationContext context =
        ImageModelObservationContext.builder().imagePrompt(observed).provider(PROVIDER).build();
    ImageResponse response =
        ImageModelObservationDocumentation.IMAGE_MODEL_OPERATION
            .observation(
                observationConvention, DEFAULT_CONVENTION, () -> context, observationRegistry)
            .observe(
                () -> {
                  ImageResponse r = generate(prompt.getInstructions(), options);
                  context.setResponse(r);
                  return r;
                });
    return Objects.requireNonNull(response);
  }

  private ImageResponse generate(List<ImageMessage> messages, ApiMartImageOptions options) {
    Plan plan = plan(messages, options);
    GenerationResult result = client.generate(withUploads(plan));
    Task task = result.task();
    String taskId = result.taskId().value();
    String model = Objects.requireNonNull(plan.request().modelName());
    List<GeneratedImage> images = result.images();
    if (images.isEmpty()) {
      throw new UnexpectedResponseException(
          "Task "
              + taskId
              + " completed without images (status '"
              + task.rawStatus()
              + "'); look at it with client.getTask(TaskId.of(\""
              + taskId
              + "\"))",
          ErrorDetails.NONE,
          null);
    }
    List<ImageGeneration> generations = new ArrayList<>(images.size());
    Instant earliest = null;
    for (int i = 0; i < images.size(); i++) {
      GeneratedImage image = images.get(i);
      Image output =
          plan.base64()
              ? new Image(null, encoded(image, taskId, i, images.size()))
              : new Image(image.url().toString(), null);
      generations.add(
          new ImageGeneration(
              output,
              new ApiMartImageGenerationMetadata(
                  taskId, model, i, image.expiresAt(), image.expectedSize())));
      Instant expiry = image.expiresAt();
      if (expiry != null && (earliest == null || expiry.isBefore(earliest))) {
        earliest = expiry;
      }
    }
    Instant created = task.createdAt() != null ? task.createdAt() : task.completedAt();
    long createdMillis = created != null ? created.toEpochMilli() : System.currentTimeMillis();
    return new ImageResponse(
        generations,
        new ApiMartImageResponseMetadata(createdMillis, taskId, model, earliest, task.cost()));
  }

  private String encoded(GeneratedImage image, String taskId, int index, int count) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      client.download(image, bytes);
    } catch (DownloadException e) {
      throw new DownloadException(
          "Task "
              + taskId
              + " completed, but downloading image "
              + (index + 1)
              + " of "
              + count
              + " for b64_json failed: "
              + e.getMessage()
              + ". The images stay available until they expire ("
              + image.expiresAt()
              + "): client.waitFor(TaskId.of(\""
              + taskId
              + "\")) returns them without a new task",
          e.details(),
          e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** The request to send and how to answer, or every reason it cannot be sent. */
  private Plan plan(List<ImageMessage> messages, ApiMartImageOptions options) {
    List<Violation> problems = new ArrayList<>();
    GenerationRequest.Builder request = GenerationRequest.builder();
    if (options.getModel() != null) {
      request.model(options.getModel());
    }
    List<String> references = new ArrayList<>(options.getImageUrls());
    List<Upload> uploads = new ArrayList<>();
    prompt(messages, request, references, uploads, problems);
    ModelCatalog catalog = validator().catalog();
    @Nullable ModelCapabilities caps =
        options.getModel() == null ? null : catalog.find(options.getModel()).orElse(null);
    size(options, caps, request, problems);
    boolean base64 = responseFormat(options.getResponseFormat(), problems);
    if (options.getStyle() != null) {
      style(options.getStyle(), options.getModel(), caps, request, problems);
    }
    request.n(options.getN());
    request.negativePrompt(options.getNegativePrompt());
    request.imageUrls(references);
    options.getParams().forEach(request::param);
    GenerationRequest built = request.build();
    problems.addAll(validator().validate(built));
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new Plan(built, base64, List.copyOf(uploads));
  }

  /**
   * The planned request with each media image uploaded, one after the other, and its URL in the
   * stand-in's place (so the references keep the prompt's order).
   */
  private GenerationRequest withUploads(Plan plan) {
    if (plan.uploads().isEmpty()) {
      return plan.request();
    }
    List<String> urls = new ArrayList<>(plan.request().imageUrls());
    for (Upload upload : plan.uploads()) {
      UploadedImage uploaded;
      try {
        uploaded = client.upload(new ByteArrayInputStream(upload.data()), upload.fileName());
      } catch (ApiMartException e) {
        throw LocalImages.naming(e, "image_urls", upload.label());
      }
      urls.set(upload.position(), uploaded.url().toString());
    }
    return plan.request().toBuilder().imageUrls(urls).build();
  }

  private static void prompt(
      List<ImageMessage> messages,
      GenerationRequest.Builder request,
      List<String> references,
      List<Upload> uploads,
      List<Violation> problems) {
    if (messages.isEmpty()) {
      problems.add(
          new Violation("prompt", null, "the ImagePrompt has no message: describe the image"));
      return;
    }
    if (messages.size() > 1) {
      problems.add(
          new Violation(
              "prompt",
              messages.size() + " messages",
              "ApiMart takes one prompt, the ImagePrompt has "
                  + messages.size()
                  + " messages: join them into one"));
    }
    ImageMessage message = messages.get(0);
    request.prompt(message.getText());
    Float weight = message.getWeight();
    if (weight != null && weight != 1.0f) {
      problems.add(
          new Violation(
              "prompt",
              "weight " + weight,
              "ApiMart does not weight prompts; use negativePrompt for what the image should not"
                  + " show"));
    }
    List<Media> media = message.getMedia();
    for (int i = 0; i < media.size(); i++) {
      Media item = media.get(i);
      Object data = item.getData();
      String declared = String.valueOf(item.getMimeType());
      if (data instanceof String text && text.regionMatches(true, 0, "data:", 0, 5)) {
        byte[] bytes = dataUrl(text, i, problems);
        if (bytes != null) {
          upload(bytes, declared, i, references, uploads, problems);
        }
      } else if (data instanceof String || data instanceof URI || data instanceof URL) {
        references.add(data.toString());
      } else if (data instanceof byte[] bytes) {
        upload(bytes, declared, i, references, uploads, problems);
      } else {
        problems.add(
            new Violation(
                "image_urls",
                "media " + (i + 1) + " (" + data.getClass().getName() + ")",
                "a reference image is a URL (String, URI, URL) or the image's bytes (byte[], as"
                    + " Media.builder().data(Resource) makes)"));
      }
    }
  }

  /**
   * Plans the upload of one media's bytes: checked now, uploaded once the whole request passed; a
   * stand-in URL holds its place in {@code image_urls} meanwhile, so it counts against the model's
   * reference limit.
   */
  private static void upload(
      byte[] bytes,
      String declared,
      int index,
      List<String> references,
      List<Upload> uploads,
      List<Violation> problems) {
    String name = "media " + (index + 1);
    Violation problem = LocalImages.check(bytes, declared, "image_urls", name);
    if (problem != null) {
      problems.add(problem);
    }
    String sniffed = LocalImages.sniff(bytes);
    String extension = sniffed == null ? "img" : sniffed.substring("image/".length());
    uploads.add(
        new Upload(
            references.size(),
            bytes,
            "reference-" + (index + 1) + "." + extension,
            name + " (" + declared + ", " + bytes.length + " bytes)"));
    references.add(LocalImages.STAND_IN + uploads.size());
  }

  /** The bytes of a {@code data:…;base64,} URL, or null with the problem added. */
  private static byte @Nullable [] dataUrl(String url, int index, List<Violation> problems) {
    int comma = url.indexOf(',');
    if (comma < 0 || !url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
      problems.add(
          new Violation(
              "image_urls",
              "media " + (index + 1) + " (data: URL)",
              "media "
                  + (index + 1)
                  + " is a data: URL that is not Base64-encoded: use"
                  + " data:image/png;base64,…"));
      return null;
    }
    try {
      return Base64.getDecoder().decode(url.substring(comma + 1).replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      problems.add(
          new Violation(
              "image_urls",
              "media " + (index + 1) + " (data: URL, " + url.length() + " characters)",
              "media " + (index + 1) + " is not valid Base64: " + e.getMessage()));
      return null;
    }
  }

  private static void size(
      ApiMartImageOptions options,
      @Nullable ModelCapabilities caps,
      GenerationRequest.Builder request,
      List<Violation> problems) {
    Integer width = options.getWidth();
    Integer height = options.getHeight();
    ImageSize size = options.getSize();
    Resolution tier = options.getResolution();
    if (width == null && height == null) {
      if (size != null) {
        request.size(size);
      }
      if (tier != null) {
        request.resolution(tier);
      }
      return;
    }
    if (width == null || height == null) {
      problems.add(
          new Violation(
              "size",
              width == null ? "height " + height : "width " + width,
              "width and height go together: set both, or neither"));
      return;
    }
    if (options.getModel() == null) {
      problems.add(
          new Violation(
              "size", width + "x" + height, "width x height needs a model to map it to a size"));
      return;
    }
    PixelSizeMapping.Result result = PixelSizeMapping.map(caps, options.getModel(), width, height);
    PixelSizeMapping.Mapped mapped = result.mapped();
    if (mapped == null) {
      problems.add(Objects.requireNonNull(result.violation()));
      return;
    }
    if (size != null && !size.equals(mapped.size())) {
      problems.add(
          new Violation(
              "size",
              size.value(),
              "conflicts with width x height "
                  + width
                  + "x"
                  + height
                  + " (size "
                  + mapped.size()
                  + "): set one of them"));
    }
    Resolution mappedTier = mapped.tier();
    if (tier != null && mappedTier != null && !tier.equals(mappedTier)) {
      problems.add(
          new Violation(
              "resolution",
              tier.value(),
              "conflicts with width x height "
                  + width
                  + "x"
                  + height
                  + " (resolution "
                  + mappedTier
                  + "): set one of them"));
    }
    request.size(mapped.size());
    if (mappedTier != null) {
      request.resolution(mappedTier);
    } else if (tier != null) {
      request.resolution(tier);
    }
  }

  private static boolean responseFormat(@Nullable String format, List<Violation> problems) {
    if (format == null) {
      return false;
    }
    String normalized = format.strip().toLowerCase(Locale.ROOT);
    if (normalized.equals(ApiMartImageOptions.URL)) {
      return false;
    }
    if (normalized.equals(ApiMartImageOptions.B64_JSON)) {
      return true;
    }
    problems.add(
        new Violation(
            "response_format",
            format,
            "must be "
                + ApiMartImageOptions.URL
                + " (the images' links, the default) or "
                + ApiMartImageOptions.B64_JSON
                + " (their bytes, Base64-encoded)"));
    return false;
  }

  private static void style(
      String style,
      @Nullable String model,
      @Nullable ModelCapabilities caps,
      GenerationRequest.Builder request,
      List<Violation> problems) {
    boolean documented =
        caps != null && caps.options().map(o -> o.containsKey("style")).orElse(false);
    if (caps == null || documented) {
      // A model outside the catalog gets its fields as given, like every other option.
      request.param("style", style);
      return;
    }
    problems.add(
        new Violation(
            "style",
            style,
            model
                + " documents no style option: describe the style in the prompt (or add 'style' to"
                + " the model's catalog entry if ApiMart takes it)"));
  }

  private RequestValidator validator() {
    ModelCatalog catalog = client.modelCatalog();
    RequestValidator v = validator;
    if (v == null || v.catalog() != catalog) {
      v = RequestValidator.forCatalog(catalog);
      validator = v;
    }
    return v;
  }

  @Override
  public String toString() {
    return "ApiMartImageModel[client=" + client + ", defaultOptions=" + defaultOptions + "]";
  }

  private record Plan(GenerationRequest request, boolean base64, List<Upload> uploads) {}

  /** Media bytes to upload; {@code position} is the stand-in's index in {@code image_urls}. */
  private record Upload(int position, byte[] data, String fileName, String label) {
    @Override
    public String toString() {
      return label; // never the bytes
    }
  }

  /** Builds an {@link ApiMartImageModel}. Not thread-safe. */
  public static final class Builder {
    private @Nullable ApiMartClient client;
    private ApiMartImageOptions defaultOptions = ApiMartImageOptions.builder().build();
    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
    private @Nullable ImageModelObservationConvention observationConvention;

    private Builder() {}

    /** The client that submits and waits (required); it is not closed by the model. */
    public Builder client(ApiMartClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The options every call starts from (a model, a size, params…); none by default. */
    public Builder defaultOptions(ApiMartImageOptions defaultOptions) {
      this.defaultOptions = Objects.requireNonNull(defaultOptions, "defaultOptions");
      return this;
    }

    /** Where calls are observed; none by default. */
    public Builder observationRegistry(ObservationRegistry observationRegistry) {
      this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
      return this;
    }

    /**
     * A convention replacing {@link ApiMartImageModelObservationConvention} (Spring AI's default
     * plus the task id); {@code null} for that default.
     */
    public Builder observationConvention(
        @Nullable ImageModelObservationConvention observationConvention) {
      this.observationConvention = observationConvention;
      return this;
    }

    /**
     * The model.
     *
     * @throws NullPointerException when no client was given
     */
    public ApiMartImageModel build() {
      return new ApiMartImageModel(this);
    }
  }
}
