package dev.apimart.cli.mcp;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TaskCancelledException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * ApiMart as a Model Context Protocol server over stdio: four tools — {@code generate_image},
 * {@code get_task}, {@code list_models}, {@code get_balance} — on an {@link ApiMartClient}, with
 * the client's safety: every request is checked before the network, a submission is never repeated
 * when it may have created a task, and every outcome after a submission names the task.
 *
 * <p>The folder images are saved in is chosen by whoever starts the server, never by a tool
 * argument, and file names come from the task id only ({@code <task id>-<n>.<ext>}), so an agent
 * cannot make the server write anywhere else. Invalid arguments come back as a tool error naming
 * every problem; stdout carries nothing but protocol messages.
 */
public final class ApiMartMcpServer {

  /** The tools, in the order they are listed. */
  public static final List<String> TOOLS =
      List.of("generate_image", "get_task", "list_models", "get_balance");

  private final ApiMartClient client;
  private final Path outputDirectory;
  private final ImageModel defaultModel;
  private final String instructions;
  private final String version;
  private final AtomicInteger inFlight = new AtomicInteger();

  private ApiMartMcpServer(Builder b) {
    this.version = b.version;
    this.client = Objects.requireNonNull(b.client, "client");
    this.outputDirectory = Objects.requireNonNull(b.outputDirectory, "outputDirectory");
    this.defaultModel = b.defaultModel;
    this.instructions =
        "Generates images with ApiMart (generate_image waits for the task and saves the images"
            + " under "
            + outputDirectory.toAbsolutePath()
            + "). list_models tells which sizes, resolutions and counts each model takes."
            + (b.notice == null ? "" : " " + b.notice);
  }

  /** A builder; client and output directory are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Serves the protocol on {@code in}/{@code out} until {@code in} ends (the client closed it),
   * then closes the session.
   *
   * @throws InterruptedException when the thread is interrupted while serving
   */
  public void serve(InputStream in, OutputStream out) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    InputStream watched = new EndWatchingStream(in, ended);
    McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    StdioServerTransportProvider transport = new StdioServerTransportProvider(json, watched, out);
    McpSyncServer server =
        McpServer.sync(transport)
            .serverInfo("apimart", version)
            .instructions(instructions)
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .validateToolInputs(false)
            .tools(tools(json))
            .build();
    try {
      ended.await();
      awaitToolCalls();
    } finally {
      server.closeGracefully();
    }
  }

  /**
   * Waits for tool calls still running when the input ended: a generation that was submitted goes
   * on being waited for and saved, rather than being cut off with its images unsaved.
   */
  private void awaitToolCalls() throws InterruptedException {
    synchronized (inFlight) {
      while (inFlight.get() > 0) {
        inFlight.wait();
      }
    }
  }

  private CallToolResult counted(Supplier<CallToolResult> call) {
    inFlight.incrementAndGet();
    try {
      return call.get();
    } finally {
      synchronized (inFlight) {
        inFlight.decrementAndGet();
        inFlight.notifyAll();
      }
    }
  }

  List<SyncToolSpecification> tools(McpJsonMapper json) {
    return List.of(
        tool(
            json,
            "generate_image",
            "Generate images with ApiMart and wait for them: returns the task id, the saved file"
                + " paths, the image URLs and when they expire. Every argument is checked against"
                + " the model before anything is sent (and billed).",
            GENERATE_SCHEMA,
            this::generateImage),
        tool(
            json,
            "get_task",
            "Status, progress and images of an ApiMart task (free).",
            """
            {"type":"object","properties":{"task_id":{"type":"string",\
            "description":"the task id generate_image returned"}},"required":["task_id"]}""",
            this::getTask),
        tool(
            json,
            "list_models",
            "The image models ApiMart serves and what each takes: sizes, resolutions, image"
                + " counts, reference images, other fields.",
            "{\"type\":\"object\",\"properties\":{}}",
            args -> listModels()),
        tool(
            json,
            "get_balance",
            "The remaining and used balance of the API key (free; creates nothing).",
            "{\"type\":\"object\",\"properties\":{}}",
            args -> getBalance()));
  }

  private static final String GENERATE_SCHEMA =
      """
      {"type":"object","properties":{
      "prompt":{"type":"string","description":"what the image shows"},
      "model":{"type":"string","description":"an ApiMart model id (list_models), default %s"},
      "size":{"type":"string","description":"a ratio such as 16:9, auto, or pixels such as \
      1536x1024 where the model takes them"},
      "resolution":{"type":"string","description":"a tier such as 1K, 2K, 4K"},
      "n":{"type":"integer","minimum":1,"description":"how many images"},
      "negative_prompt":{"type":"string","description":"what the image should not show"},
      "image_urls":{"type":"array","items":{"type":"string"},\
      "description":"reference images: public http(s) URLs"},
      "params":{"type":"object","description":"other fields by name, e.g. {\\"seed\\": 42}"}},
      "required":["prompt"]}""";

  private SyncToolSpecification tool(
      McpJsonMapper json,
      String name,
      String description,
      String schema,
      Function<Map<String, Object>, CallToolResult> handler) {
    String resolved = schema.contains("%s") ? schema.formatted("z-image-turbo") : schema;
    return SyncToolSpecification.builder()
        .tool(McpSchema.Tool.builder(name, json, resolved).description(description).build())
        .callHandler(
            (exchange, request) -> {
              Map<String, Object> args =
                  request.arguments() == null ? Map.of() : request.arguments();
              try {
                return counted(() -> handler.apply(args));
              } catch (ApiMartException e) {
                return error(e.getMessage());
              } catch (RuntimeException e) {
                return error(name + " failed: " + e);
              }
            })
        .build();
  }

  // ------------------------------------------------------------------------------- tools

  CallToolResult generateImage(Map<String, Object> args) {
    List<String> problems = new ArrayList<>();
    GenerationRequest.Builder request = GenerationRequest.builder();
    String prompt = text(args, "prompt", problems);
    request.prompt(prompt);
    String model = text(args, "model", problems);
    request.model(model == null ? defaultModel.id() : model);
    String size = text(args, "size", problems);
    if (size != null) {
      request.size(size);
    }
    String resolution = text(args, "resolution", problems);
    if (resolution != null) {
      request.resolution(resolution);
    }
    Object n = args.get("n");
    if (n != null) {
      if (n instanceof Integer || n instanceof Long) {
        request.n(Math.toIntExact(((Number) n).longValue()));
      } else {
        problems.add("n: must be a whole number, got " + n);
      }
    }
    request.negativePrompt(text(args, "negative_prompt", problems));
    Object urls = args.get("image_urls");
    if (urls != null) {
      if (urls instanceof List<?> list && list.stream().allMatch(u -> u instanceof String)) {
        request.imageUrls(list.stream().map(String.class::cast).toList());
      } else {
        problems.add("image_urls: must be a list of URLs (text)");
      }
    }
    Object params = args.get("params");
    if (params != null) {
      if (params instanceof Map<?, ?> map) {
        map.forEach((k, v) -> request.param(String.valueOf(k), v));
      } else {
        problems.add("params: must be an object of field names to values");
      }
    }
    for (String key : args.keySet()) {
      if (!GENERATE_ARGUMENTS.contains(key)) {
        problems.add(
            key
                + ": not an argument of generate_image (other fields go in params; the folder"
                + " images are saved in is the server's, set when it starts)");
      }
    }
    GenerationRequest built = request.build();
    for (Violation v : RequestValidator.forCatalog(client.modelCatalog()).validate(built)) {
      problems.add(v.toString());
    }
    if (!problems.isEmpty()) {
      return error(
          "Invalid generate_image arguments ("
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + "), nothing was sent:\n - "
              + String.join("\n - ", problems));
    }
    GenerationResult result;
    try {
      result = client.generate(built);
    } catch (WaitTimeoutException e) {
      return error(
          "Task "
              + e.taskId()
              + " did not finish in time; it may still finish: call get_task with this task id"
              + " (do not generate again, that would be billed again).");
    } catch (TaskFailedException | TaskCancelledException e) {
      return error(e.getMessage());
    } catch (SubmissionOutcomeUnknownException e) {
      return error(
          e.getMessage()
              + " Do not retry blindly: a task may exist and be billed; check get_balance.");
    } catch (InvalidRequestException | RequestRejectedException e) {
      return error(e.getMessage());
    }
    return saved(result);
  }

  private static final List<String> GENERATE_ARGUMENTS =
      List.of(
          "prompt", "model", "size", "resolution", "n", "negative_prompt", "image_urls", "params");

  private CallToolResult saved(GenerationResult result) {
    String taskId = result.taskId().value();
    StringBuilder text = new StringBuilder("Task ").append(taskId).append(" completed.\n");
    List<String> failures = new ArrayList<>();
    List<GeneratedImage> images = result.images();
    for (int i = 0; i < images.size(); i++) {
      GeneratedImage image = images.get(i);
      text.append("Image ").append(i + 1).append(": ");
      try {
        Path file = save(image, taskId, i + 1);
        text.append("saved to ").append(file.toAbsolutePath()).append("; ");
      } catch (ApiMartException | UncheckedIOException e) {
        failures.add("image " + (i + 1) + ": " + e.getMessage());
        text.append("not saved; ");
      }
      text.append("URL ").append(image.url());
      if (image.expiresAt() != null) {
        text.append(" (expires ").append(image.expiresAt()).append(')');
      }
      if (image.expectedSize() != null) {
        text.append(", ").append(image.expectedSize()).append(" px");
      }
      text.append('\n');
    }
    if (!failures.isEmpty()) {
      text.append("Saving failed for ")
          .append(String.join("; ", failures))
          .append(". The URLs above still work until they expire; get_task ")
          .append(taskId)
          .append(" lists them again.");
      return CallToolResult.builder().addTextContent(text.toString()).isError(true).build();
    }
    return ok(text.toString());
  }

  /** Saves under the server's folder, named after the task id only. */
  private Path save(GeneratedImage image, String taskId, int index) {
    String safeId = taskId.replaceAll("[^A-Za-z0-9_-]", "_");
    try {
      Files.createDirectories(outputDirectory);
      Path part = outputDirectory.resolve(safeId + "-" + index + ".download");
      client.download(image, part);
      Path file = outputDirectory.resolve(safeId + "-" + index + extension(part));
      return Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String extension(Path file) throws IOException {
    byte[] head = new byte[12];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    }
    if (read >= 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N') {
      return ".png";
    }
    if (read >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
      return ".jpg";
    }
    if (read >= 12 && head[0] == 'R' && head[8] == 'W' && head[9] == 'E') {
      return ".webp";
    }
    if (read >= 3 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
      return ".gif";
    }
    return ".img";
  }

  CallToolResult getTask(Map<String, Object> args) {
    List<String> problems = new ArrayList<>();
    String id = text(args, "task_id", problems);
    if (id == null || id.isBlank()) {
      problems.add("task_id: required, the id generate_image returned");
    }
    if (!problems.isEmpty()) {
      return error("Invalid get_task arguments:\n - " + String.join("\n - ", problems));
    }
    Task task = client.getTask(TaskId.of(id.strip()));
    StringBuilder text =
        new StringBuilder("Task ")
            .append(task.id())
            .append(": ")
            .append(task.rawStatus())
            .append(", ")
            .append(task.progress())
            .append("%\n");
    if (task.error() != null) {
      text.append("Error: ").append(task.error()).append('\n');
    }
    for (int i = 0; i < task.images().size(); i++) {
      GeneratedImage image = task.images().get(i);
      text.append("Image ").append(i + 1).append(": URL ").append(image.url());
      if (image.expiresAt() != null) {
        text.append(" (expires ").append(image.expiresAt()).append(')');
      }
      text.append('\n');
    }
    return ok(text.toString());
  }

  CallToolResult listModels() {
    StringBuilder text = new StringBuilder();
    for (ModelCapabilities caps : client.modelCatalog().entries()) {
      text.append(caps.model().id());
      if (!caps.description().isEmpty()) {
        text.append(": ").append(caps.description());
      }
      text.append("\n  size: ")
          .append(caps.sizes().map(ApiMartMcpServer::joined).orElse("any"))
          .append(caps.pixelSizes().map(r -> " or WxH (" + r + ")").orElse(""))
          .append("; resolution: ")
          .append(caps.tiers().map(ApiMartMcpServer::joined).orElse("any"))
          .append("; n: ")
          .append(
              caps.counts()
                  .map(
                      c ->
                          c.size() > 2 && caps.maxImages() - caps.minImages() == c.size() - 1
                              ? caps.minImages() + "-" + caps.maxImages()
                              : joined(List.copyOf(c)))
                  .orElse("any"))
          .append("; reference images: ")
          .append(
              caps.maxReferenceImages()
                  .map(m -> m == 0 ? "none" : "up to " + m)
                  .orElse(caps.imageToImage() ? "yes" : "none"))
          .append(
              caps.options()
                  .filter(o -> !o.isEmpty())
                  .map(o -> "; params: " + String.join(" ", o.keySet()))
                  .orElse(""))
          .append('\n');
    }
    return ok(text.toString());
  }

  CallToolResult getBalance() {
    Balance balance = client.balance();
    return ok("Balance: " + balance);
  }

  private static String joined(List<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }

  private static @Nullable String text(
      Map<String, Object> args, String name, List<String> problems) {
    Object value = args.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    problems.add(name + ": must be text, got " + value);
    return null;
  }

  private static CallToolResult ok(String text) {
    return CallToolResult.builder().addTextContent(text).isError(false).build();
  }

  private static CallToolResult error(String text) {
    return CallToolResult.builder().addTextContent(text).isError(true).build();
  }

  /** Counts the latch down once the protocol input ends, so that {@link #serve} can return. */
  private static final class EndWatchingStream extends FilterInputStream {
    private final CountDownLatch ended;

    EndWatchingStream(InputStream in, CountDownLatch ended) {
      super(in);
      this.ended = ended;
    }

    @Override
    public int read() throws IOException {
      return watch(() -> super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return watch(() -> super.read(b, off, len));
    }

    private int watch(IoRead read) throws IOException {
      try {
        int n = read.get();
        if (n < 0) {
          ended.countDown();
        }
        return n;
      } catch (IOException e) {
        ended.countDown();
        throw e;
      }
    }

    @FunctionalInterface
    private interface IoRead {
      int get() throws IOException;
    }
  }

  /** Builds an {@link ApiMartMcpServer}. */
  public static final class Builder {
    private @Nullable ApiMartClient client;
    private @Nullable Path outputDirectory;
    private ImageModel defaultModel = ImageModel.Z_IMAGE_TURBO;
    private @Nullable String notice;
    private String version = "unknown";

    private Builder() {}

    /** The client every tool uses (required); not closed by the server. */
    public Builder client(ApiMartClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Where generate_image saves images (required): the person starting the server chooses. */
    public Builder outputDirectory(Path outputDirectory) {
      this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
      return this;
    }

    /** The model when generate_image names none (default z-image-turbo, like the command line). */
    public Builder defaultModel(ImageModel defaultModel) {
      this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
      return this;
    }

    /** A sentence added to the server's instructions (e.g. that it runs on the embedded fake). */
    public Builder notice(@Nullable String notice) {
      this.notice = notice;
      return this;
    }

    /** The version the server reports to its clients (the command line's own version). */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The server, not yet serving. */
    public ApiMartMcpServer build() {
      return new ApiMartMcpServer(this);
    }
  }
}
