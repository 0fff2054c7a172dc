package dev.apimart.langchain4j;

import static dev.langchain4j.spi.ServiceHelper.loadFactories;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.client.WaitOptions;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.DownloadException;
import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.UploadedImage;
import dev.apimart.langchain4j.internal.LocalImages;
import dev.apimart.langchain4j.spi.ApiMartImageModelBuilderFactory;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j's {@link ImageModel} for every ApiMart image model. One call submits one task, waits
 * for it on the client's scheduler and returns its images:
 *
 * <pre>{@code
 * ImageModel model = ApiMartImageModel.builder()
 *     .apiKey(System.getenv("APIMART_API_KEY"))
 *     .modelName("qwen-image-2.0")
 *     .size("16:9")
 *     .resolution("2K")
 *     .build();
 * Response<List<Image>> images = model.generate("A cute orange cat napping in the sunshine", 2);
 * }</pre>
 *
 * <ul>
 *   <li>{@link #generate(String)} and {@link #generate(String, int)}: text to image; {@code n} is
 *       checked against what the model documents (z-image-turbo makes exactly one).
 *   <li>{@link #edit(Image, String)} and {@link #edit(Image, Image, String)}: image to image for
 *       models that take reference images (and a mask, for the gpt-image official models). An
 *       http(s) URL is sent as it is; a {@code file:} URL or Base64 data ({@code
 *       Image.builder().base64Data(…).mimeType("image/png")}, or a {@code data:image/png;base64,…}
 *       URL in {@code base64Data}) is uploaded through ApiMart's upload endpoint and its URL (valid
 *       72 hours) sent. Such an image must be a JPEG, PNG, WebP or GIF of at most 20 MB, and a
 *       given {@code mimeType} must agree with its bytes. The order is: check everything (the
 *       images, and the request against the model's catalog entry with the images counted), then
 *       upload (image, then mask), then submit — an invalid request uploads nothing, and a model
 *       that takes no references refuses before any upload. An upload failure is the SDK's typed
 *       exception naming the image or mask; nothing is submitted after it.
 *   <li>Every request is checked against the model's catalog entry before anything is sent, with
 *       every problem at once ({@link InvalidRequestException}). Failures are the SDK's typed
 *       exceptions ({@code TaskFailedException}, {@code WaitTimeoutException} with the task id to
 *       resume, {@code SubmissionOutcomeUnknownException} when a submission may have created a task
 *       — it is never repeated blindly).
 *   <li>{@link Response#metadata()}: {@value #TASK_ID} (the task id), {@value #MODEL}, {@value
 *       #EXPIRES_AT} (the earliest {@link Instant} the images' links expire), {@value #PIXEL_SIZE}
 *       ({@code "1280x720"}, when the model documents it) and {@value #COST} (US dollars, when the
 *       service reports it).
 * </ul>
 *
 * <p>Thread-safe. Close it to close the client it made from {@code baseUrl}/{@code apiKey}; a
 * client given to {@link ApiMartImageModelBuilder#client} is left open.
 */
public final class ApiMartImageModel implements ImageModel, AutoCloseable {

  /** Metadata key of the task id ({@link String}). */
  public static final String TASK_ID = "task_id";

  /** Metadata key of the model id ({@link String}). */
  public static final String MODEL = "model";

  /** Metadata key of the earliest expiry of the images' links ({@link Instant}). */
  public static final String EXPIRES_AT = "expires_at";

  /** Metadata key of the images' pixel size ({@link String} such as {@code "1280x720"}). */
  public static final String PIXEL_SIZE = "pixel_size";

  /** Metadata key of the cost in US dollars ({@link java.math.BigDecimal}), when reported. */
  public static final String COST = "cost";

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final ApiMartClient client;
  private final boolean ownsClient;
  private final GenerationRequest template;
  private final String modelName;
  private final boolean base64;
  private final @Nullable Duration timeout;
  private volatile @Nullable RequestValidator validator;

  private ApiMartImageModel(ApiMartImageModelBuilder b) {
    if (b.modelName == null || b.modelName.isBlank()) {
      throw new IllegalArgumentException(
          "modelName is required: any ApiMart image model id, e.g. qwen-image-2.0 or gpt-image-2");
    }
    this.modelName = b.modelName.strip();
    this.base64 = base64(b.responseFormat);
    if (b.timeout != null && (b.timeout.isNegative() || b.timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + b.timeout);
    }
    this.timeout = b.timeout;
    GenerationRequest.Builder template = GenerationRequest.builder().model(modelName);
    if (b.size != null) {
      template.size(b.size);
    }
    if (b.resolution != null) {
      template.resolution(b.resolution);
    }
    template.negativePrompt(b.negativePrompt);
    b.params.forEach(template::param);
    this.template = template.build();
    if (b.client != null) {
      this.client = b.client;
      this.ownsClient = false;
    } else {
      ApiMartClient.Builder builder = ApiMartClient.builder();
      if (b.baseUrl != null) {
        builder.baseUrl(b.baseUrl);
      }
      if (b.apiKey != null) {
        builder.apiKey(b.apiKey);
      }
      if (b.pollingOptions != null) {
        builder.pollingOptions(b.pollingOptions);
      }
      this.client = builder.build();
      this.ownsClient = true;
    }
    List<Violation> problems = new ArrayList<>();
    for (Violation v :
        RequestValidator.forCatalog(client.modelCatalog())
            .validate(this.template.toBuilder().prompt("build-time check").build())) {
      if (!v.field().equals("prompt")) {
        problems.add(v);
      }
    }
    if (!problems.isEmpty()) {
      close();
      throw new InvalidRequestException(problems);
    }
  }

  private static boolean base64(@Nullable String responseFormat) {
    if (responseFormat == null) {
      return false;
    }
    return switch (responseFormat.strip().toLowerCase(Locale.ROOT)) {
      case "url" -> false;
      case "b64_json" -> true;
      default ->
          throw new IllegalArgumentException(
              "responseFormat must be url (the images' links) or b64_json (their bytes, Base64),"
                  + " got "
                  + responseFormat);
    };
  }

  /**
   * A builder: from the first {@link ApiMartImageModelBuilderFactory} on the class path when there
   * is one (LangChain4j's builder-factory SPI), else a plain one.
   */
  public static ApiMartImageModelBuilder builder() {
    for (ApiMartImageModelBuilderFactory factory :
        loadFactories(ApiMartImageModelBuilderFactory.class)) {
      return factory.get();
    }
    return new ApiMartImageModelBuilder();
  }

  /** The ApiMart model id every request uses. */
  public String modelName() {
    return modelName;
  }

  /** The client that submits and waits. */
  public ApiMartClient client() {
    return client;
  }

  /** One image for the prompt. */
  @Override
  public Response<Image> generate(String prompt) {
    Response<List<Image>> images = run(request(prompt).build());
    return first(images);
  }

  /**
   * {@code n} images for the prompt, from one task.
   *
   * @throws InvalidRequestException when the model does not make {@code n} images per task
   */
  @Override
  public Response<List<Image>> generate(String prompt, int n) {
    return run(request(prompt).n(n).build());
  }

  /**
   * The image edited as the prompt says, for models that take reference images.
   *
   * @param image a public http(s) URL, a {@code file:} URL, or Base64 data; the last two are
   *     uploaded (see the class documentation)
   * @throws InvalidRequestException when the model takes no reference image or the image cannot be
   *     uploaded (every problem at once; nothing was uploaded or sent)
   */
  @Override
  public Response<Image> edit(Image image, String prompt) {
    Objects.requireNonNull(image, "image");
    List<Violation> problems = new ArrayList<>();
    GenerationRequest.Builder request = request(prompt);
    Reference reference = reference(image, "image_urls[0]", "image", problems);
    request.addImageUrl(reference.url());
    checked(request, problems);
    if (reference.pending()) {
      request.imageUrls(List.of(uploaded(reference)));
    }
    return first(run(request.build()));
  }

  /**
   * The image edited where the mask is transparent, for models that take a mask ({@code
   * gpt-image-2-official}, {@code gpt-image-1-official}, {@code gpt-image-1.5-official}).
   *
   * @param image a public http(s) URL, a {@code file:} URL, or Base64 data
   * @param mask a PNG with an alpha channel, the size of {@code image}: a public http(s) URL, a
   *     {@code file:} URL, or Base64 data
   * @throws InvalidRequestException when the model takes no mask or references, or an image cannot
   *     be uploaded (every problem at once; nothing was uploaded or sent)
   */
  @Override
  public Response<Image> edit(Image image, Image mask, String prompt) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(mask, "mask");
    List<Violation> problems = new ArrayList<>();
    GenerationRequest.Builder request = request(prompt);
    Reference reference = reference(image, "image_urls[0]", "image", problems);
    request.addImageUrl(reference.url());
    Reference maskReference = reference(mask, "mask_url", "mask", problems);
    request.maskUrl(maskReference.url());
    checked(request, problems);
    if (reference.pending()) {
      request.imageUrls(List.of(uploaded(reference)));
    }
    if (maskReference.pending()) {
      request.maskUrl(uploaded(maskReference));
    }
    return first(run(request.build()));
  }

  /** Closes the client when this model made it. */
  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private GenerationRequest.Builder request(String prompt) {
    return template.toBuilder().prompt(prompt);
  }

  /**
   * Where an image comes from: a URL sent as it is, or a local file or Base64 data that is uploaded
   * once the whole request has been checked (until then a stand-in URL takes its place).
   */
  private Reference reference(Image image, String field, String name, List<Violation> problems) {
    URI url = image.url();
    String declared = image.mimeType();
    if (url != null) {
      String scheme = url.getScheme();
      if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        return new Reference(url.toString(), name, null, null, null, field);
      }
      if (scheme != null && scheme.equalsIgnoreCase("file")) {
        Path file;
        try {
          file = Path.of(url);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
          problems.add(new Violation(field, url.toString(), "is not a usable file: URL"));
          return refused(name, field);
        }
        Violation problem = LocalImages.check(file, declared, field, name);
        if (problem != null) {
          problems.add(problem);
          return refused(name, field);
        }
        return new Reference(standIn(name), name + " (" + file + ")", file, null, null, field);
      }
      problems.add(
          new Violation(
              field,
              scheme + " URL",
              "must be a public http(s) URL, a file: URL or Base64 data (the last two are"
                  + " uploaded)"));
      return refused(name, field);
    }
    String base64 = image.base64Data();
    if (base64 == null) {
      problems.add(new Violation(field, null, "the image has neither a URL nor data"));
      return refused(name, field);
    }
    String data = base64;
    if (data.startsWith("data:")) {
      int comma = data.indexOf(',');
      String header = comma < 0 ? data : data.substring(5, comma);
      if (comma < 0 || !header.endsWith(";base64")) {
        problems.add(
            new Violation(
                field,
                "data: URL",
                "a data: URL must be Base64-encoded (data:image/png;base64,…)"));
        return refused(name, field);
      }
      if (declared == null && !header.equals(";base64")) {
        declared = header.substring(0, header.length() - ";base64".length());
      }
      data = data.substring(comma + 1);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(WHITESPACE.matcher(data).replaceAll(""));
    } catch (IllegalArgumentException e) {
      problems.add(
          new Violation(
              field,
              "Base64 image (" + base64.length() + " characters)",
              "is not valid Base64: " + e.getMessage()));
      return refused(name, field);
    }
    String label = name + " (Base64, " + declared + ", " + bytes.length + " bytes)";
    Violation problem = LocalImages.check(bytes, declared, field, name + " (Base64)");
    if (problem != null) {
      problems.add(problem);
      return refused(name, field);
    }
    String sniffed = Objects.requireNonNull(LocalImages.sniff(bytes));
    String fileName = name + "." + sniffed.substring("image/".length());
    return new Reference(standIn(name), label, null, bytes, fileName, field);
  }

  /**
   * An image already reported as a problem: its stand-in still counts, so that the model's own
   * rules (no references, no mask, too many) are reported in the same exception.
   */
  private static Reference refused(String name, String field) {
    return new Reference(standIn(name), name, null, null, null, field);
  }

  private static String standIn(String name) {
    return LocalImages.STAND_IN + name;
  }

  /**
   * Checks the request (with stand-ins for the images still to upload) against the model's catalog
   * entry and throws every problem, the images' own included, before anything is uploaded.
   */
  private void checked(GenerationRequest.Builder request, List<Violation> problems) {
    problems.addAll(validator().validate(request.build()));
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }

  /** Uploads a checked local or Base64 image and returns its URL (valid 72 hours). */
  private String uploaded(Reference reference) {
    try {
      UploadedImage uploaded =
          reference.file() != null
              ? client.upload(reference.file())
              : client.upload(
                  new ByteArrayInputStream(Objects.requireNonNull(reference.bytes())),
                  Objects.requireNonNull(reference.fileName()));
      return uploaded.url().toString();
    } catch (ApiMartException e) {
      throw LocalImages.naming(e, reference.field(), reference.label());
    }
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

  /** An image of an edit: its URL, or a stand-in and what to upload in its place. */
  private record Reference(
      String url,
      String label,
      @Nullable Path file,
      byte @Nullable [] bytes,
      @Nullable String fileName,
      String field) {

    boolean pending() {
      return file != null || bytes != null;
    }

    @Override
    public String toString() {
      return label; // never the bytes
    }
  }

  private Response<List<Image>> run(GenerationRequest request) {
    GenerationResult result =
        timeout == null
            ? client.generate(request)
            : client.generate(
                request,
                WaitOptions.builder()
                    .polling(client.pollingOptions().toBuilder().timeout(timeout).build())
                    .build());
    String taskId = result.taskId().value();
    List<GeneratedImage> generated = result.images();
    if (generated.isEmpty()) {
      throw new UnexpectedResponseException(
          "Task "
              + taskId
              + " completed without images; look at it with client.getTask(TaskId.of(\""
              + taskId
              + "\"))",
          ErrorDetails.NONE,
          null);
    }
    List<Image> images = new ArrayList<>(generated.size());
    Instant earliest = null;
    for (int i = 0; i < generated.size(); i++) {
      GeneratedImage image = generated.get(i);
      images.add(base64 ? encoded(image, taskId, i, generated.size()) : linked(image));
      Instant expiry = image.expiresAt();
      if (expiry != null && (earliest == null || expiry.isBefore(earliest))) {
        earliest = expiry;
      }
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(TASK_ID, taskId);
    metadata.put(MODEL, Objects.requireNonNull(request.modelName()));
    if (earliest != null) {
      metadata.put(EXPIRES_AT, earliest);
    }
    if (generated.get(0).expectedSize() != null) {
      metadata.put(PIXEL_SIZE, generated.get(0).expectedSize().toString());
    }
    if (result.task().cost() != null) {
      metadata.put(COST, result.task().cost());
    }
    return Response.from(images, null, null, metadata);
  }

  private static Image linked(GeneratedImage image) {
    return Image.builder().url(image.url()).build();
  }

  private Image encoded(GeneratedImage image, String taskId, int index, int count) {
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
              + " failed: "
              + e.getMessage()
              + ". The images stay available until they expire ("
              + image.expiresAt()
              + "): client.waitFor(TaskId.of(\""
              + taskId
              + "\")) returns them without a new task",
          e.details(),
          e);
    }
    byte[] data = bytes.toByteArray();
    return Image.builder()
        .base64Data(Base64.getEncoder().encodeToString(data))
        .mimeType(mimeType(data))
        .build();
  }

  /** The image type from its first bytes; the downloader already refused anything else. */
  static String mimeType(byte[] data) {
    if (startsWith(data, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if (startsWith(data, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (startsWith(data, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (startsWith(data, 'R', 'I', 'F', 'F')
        && data.length >= 12
        && data[8] == 'W'
        && data[9] == 'E'
        && data[10] == 'B'
        && data[11] == 'P') {
      return "image/webp";
    }
    return "application/octet-stream";
  }

  private static boolean startsWith(byte[] data, int... prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((data[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Response<Image> first(Response<List<Image>> images) {
    return Response.from(images.content().get(0), null, null, images.metadata());
  }

  @Override
  public String toString() {
    return "ApiMartImageModel[model=" + modelName + ", client=" + client + "]";
  }

  /**
   * Builds an {@link ApiMartImageModel} the LangChain4j way. Public and not final so that an {@link
   * ApiMartImageModelBuilderFactory} can hand out a builder with its own defaults. Not thread-safe.
   */
  public static class ApiMartImageModelBuilder {
    private @Nullable ApiMartClient client;
    private @Nullable String baseUrl;
    private @Nullable String apiKey;
    private @Nullable String modelName;
    private @Nullable String size;
    private @Nullable String resolution;
    private @Nullable String negativePrompt;
    private @Nullable String responseFormat;
    private @Nullable Duration timeout;
    private @Nullable PollingOptions pollingOptions;
    private final Map<String, @Nullable Object> params = new LinkedHashMap<>();

    /** A builder with nothing set; for subclasses and factories. */
    public ApiMartImageModelBuilder() {}

    /** ApiMart's address; default {@code APIMART_BASE_URL}, else {@code https://api.apimart.ai}. */
    public ApiMartImageModelBuilder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The API key; default {@code APIMART_API_KEY}. Never logged. */
    public ApiMartImageModelBuilder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** The ApiMart model id (required): {@code qwen-image-2.0}, {@code gpt-image-2}, … */
    public ApiMartImageModelBuilder modelName(String modelName) {
      this.modelName = modelName;
      return this;
    }

    /** The model from the catalog's constants. */
    public ApiMartImageModelBuilder modelName(dev.apimart.core.model.ImageModel modelName) {
      this.modelName = modelName.id();
      return this;
    }

    /**
     * ApiMart's {@code size}: a ratio ({@code 16:9}), {@code auto}, or pixels ({@code 1536x1024})
     * where the model takes them; checked against the model. Default: the model's.
     */
    public ApiMartImageModelBuilder size(String size) {
      this.size = size;
      return this;
    }

    /** ApiMart's {@code resolution} tier ({@code 1K}, {@code 2K}, {@code 4K}, any case). */
    public ApiMartImageModelBuilder resolution(String resolution) {
      this.resolution = resolution;
      return this;
    }

    /** What the images should not show, for models that take a negative prompt. */
    public ApiMartImageModelBuilder negativePrompt(String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /**
     * {@code url} (the default: the images' expiring links) or {@code b64_json} (the model
     * downloads each image with the client's limits and returns its bytes, Base64).
     */
    public ApiMartImageModelBuilder responseFormat(String responseFormat) {
      this.responseFormat = responseFormat;
      return this;
    }

    /**
     * How long one call may wait for its task in all (default: the client's polling timeout, 10
     * minutes). A call that times out throws {@code WaitTimeoutException} with the task id.
     */
    public ApiMartImageModelBuilder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** How the client this builder makes polls; for tests against a fake server, mostly. */
    public ApiMartImageModelBuilder pollingOptions(PollingOptions pollingOptions) {
      this.pollingOptions = pollingOptions;
      return this;
    }

    /**
     * Any other field by wire name ({@code seed}, {@code quality}, {@code watermark}, …): a typed
     * option when the value has its type, else sent as given; checked against the model.
     */
    public ApiMartImageModelBuilder param(String name, @Nullable Object value) {
      params.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * An existing client (its base URL, key, transport, retries, catalog and polling), used instead
     * of {@code baseUrl}, {@code apiKey} and {@code pollingOptions}; it is not closed by the model.
     */
    public ApiMartImageModelBuilder client(ApiMartClient client) {
      this.client = client;
      return this;
    }

    /**
     * The model.
     *
     * @throws IllegalArgumentException when the model name is missing or an option is malformed
     * @throws InvalidRequestException when the model refuses the size, resolution, negative prompt
     *     or a param (checked against its catalog entry now rather than on the first call)
     * @throws dev.apimart.core.error.ConfigurationException when no client can be made (no API key,
     *     an insecure base URL)
     */
    public ApiMartImageModel build() {
      return new ApiMartImageModel(this);
    }
  }
}
