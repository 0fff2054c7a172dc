package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.client.WaitOptions;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.error.DownloadException;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TaskCancelledException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.Violation;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.model.Balance;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeApiMartMain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code apimart} command. Everything it touches from outside — environment, output streams,
 * whether standard error is a terminal, the working directory — is passed in, so tests run it
 * in-process exactly as a user would from a shell.
 */
final class ApimartCli {

  static final String ENV_API_KEY = "APIMART_API_KEY";
  static final String ENV_BASE_URL = "APIMART_BASE_URL";

  private static final Duration EMBEDDED_TASK_TIME = Duration.ofSeconds(3);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final Path workingDir;
  private final Clock clock;
  private final Consumer<ApiMartClient.Builder> clientCustomizer;
  private final ModelCatalog catalog;

  ApimartCli(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      boolean terminal,
      Path workingDir,
      Clock clock,
      Consumer<ApiMartClient.Builder> clientCustomizer) {
    this(env, out, err, terminal, workingDir, clock, clientCustomizer, ModelCatalog.defaults());
  }

  /** With a model catalog other than the client's default one (for tests). */
  ApimartCli(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      boolean terminal,
      Path workingDir,
      Clock clock,
      Consumer<ApiMartClient.Builder> clientCustomizer,
      ModelCatalog catalog) {
    this.catalog = catalog;
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.workingDir = workingDir;
    this.clock = clock;
    this.clientCustomizer = clientCustomizer;
  }

  /** The task being waited for, from its submission (or its first report) until the run ends. */
  private volatile @Nullable TaskId waitingFor;

  private volatile @Nullable String resumeOut;

  /**
   * What to print when the process is stopped (Ctrl-C, SIGTERM) while a task is being waited for:
   * the task exists and may be billed, so its id and the command that resumes it.
   */
  Optional<String> interruptedMessage() {
    TaskId id = waitingFor;
    if (id == null) {
      return Optional.empty();
    }
    String out = resumeOut;
    return Optional.of(
        "\ninterrupted: task "
            + id
            + " may still finish (and be billed); resume with: apimart wait "
            + id
            + (out == null ? "" : " --out " + out));
  }

  /** Runs one command line and returns the process exit code. */
  int run(String[] argv) {
    try {
      return runCommand(argv);
    } finally {
      waitingFor = null;
    }
  }

  private int runCommand(String[] argv) {
    ParsedArgs args = ArgsParser.parse(argv);
    boolean verbose = args.has("verbose");
    if (args.has("help")) {
      out.print(Help.text(args.command()));
      return ExitCode.OK.code();
    }
    if (!args.problems().isEmpty()) {
      return invalid(args.problems(), args.command());
    }
    try {
      return switch (args.command()) {
        case "generate" -> generate(args);
        case "status" -> status(args);
        case "wait" -> waitFor(args);
        case "balance" -> balance(args);
        case "fake" -> fake(args);
        case "models" -> models(args);
        default -> invalid(List.of("unknown command '" + args.command() + "'"), "");
      };
    } catch (WaitTimeoutException e) {
      return timedOut(e, args, verbose);
    } catch (ApiMartException e) {
      return failed(e, verbose);
    } catch (UncheckedIOException e) {
      err.println("error: " + e.getCause().getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCode.OTHER.code();
    } catch (RuntimeException e) {
      err.println("error: " + e);
      if (verbose) {
        e.printStackTrace(err);
      }
      return ExitCode.OTHER.code();
    }
  }

  private int generate(ParsedArgs args) {
    GenerateArgs generate = GenerateArgs.read(args, catalog);
    List<String> problems = new ArrayList<>(generate.problems());
    Optional<Duration> timeout = timeout(args, problems);
    Optional<Path> outDir = outDir(args, problems);
    Connection connection = connection(args, problems, true);
    if (!problems.isEmpty()) {
      return invalid(problems, "generate");
    }
    try (FakeApiMart embedded = connection.startEmbedded(err);
        ApiMartClient client = client(args, connection, embedded)) {
      Instant started = clock.instant();
      ProgressPrinter progress = new ProgressPrinter(err, terminal);
      GenerationResult result;
      noteUnlistedModel(generate.request(), err);
      try {
        result = client.generate(generate.request(), waitOptions(args, timeout, progress));
      } catch (InvalidRequestException e) {
        if (e.violations().isEmpty()) {
          throw e;
        }
        return invalid(e.violations().stream().map(generate::describe).toList(), "generate");
      } finally {
        progress.finish();
      }
      return reportOrResume(client, result, args, outDir, started);
    }
  }

  private int models(ParsedArgs args) {
    boolean json = args.has("json");
    if (args.positionals().isEmpty()) {
      out.print(
          json ? toJson(ModelsView.json(catalog)) + "\n" : ModelsView.table(catalog, width()));
      return ExitCode.OK.code();
    }
    String name = args.positionals().get(0);
    Optional<ModelCapabilities> entry = catalog.find(name);
    if (entry.isEmpty()) {
      return invalid(
          List.of(
              "'"
                  + name
                  + "' is not in the model catalog (run 'apimart models' for the list); it can"
                  + " still be used with --model, with only the checks every request shares"),
          "models");
    }
    out.print(
        json
            ? toJson(ModelsView.json(entry.get())) + "\n"
            : ModelsView.details(entry.get(), width()));
    return ExitCode.OK.code();
  }

  /**
   * Columns to fit tables in: {@code COLUMNS} when set; else 100 on a terminal, and no limit when
   * the output goes to a file or pipe (one line per row is what grep wants).
   */
  private int width() {
    String columns = env.get("COLUMNS");
    if (columns != null) {
      try {
        int width = Integer.parseInt(columns.strip());
        if (width > 0) {
          return width;
        }
      } catch (NumberFormatException e) {
        // not a number: fall through to the default
      }
    }
    return terminal ? 100 : Integer.MAX_VALUE;
  }

  private int status(ParsedArgs args) {
    List<String> problems = new ArrayList<>();
    Optional<TaskId> id = taskId(args, problems);
    Connection connection = connection(args, problems, false);
    if (!problems.isEmpty()) {
      return invalid(problems, "status");
    }
    try (ApiMartClient client = client(args, connection, null)) {
      Task task = client.getTask(id.orElseThrow());
      if (args.has("json")) {
        out.println(toJson(taskJson(task)));
      } else {
        out.println("task      " + task.id());
        out.println("status    " + task.rawStatus() + " (" + task.progress() + "%)");
        if (task.estimatedTime() != null) {
          out.println("estimated " + Durations.human(task.estimatedTime()));
        }
        if (task.actualTime() != null) {
          out.println("took      " + Durations.human(task.actualTime()));
        }
        if (task.error() != null) {
          out.println("error     " + task.error());
        }
        for (GeneratedImage image : task.images()) {
          out.println("image     " + image.url());
        }
      }
      return ExitCode.OK.code();
    }
  }

  private int waitFor(ParsedArgs args) {
    List<String> problems = new ArrayList<>();
    Optional<TaskId> id = taskId(args, problems);
    Optional<Duration> timeout = timeout(args, problems);
    Optional<Path> outDir = outDir(args, problems);
    Connection connection = connection(args, problems, false);
    if (!problems.isEmpty()) {
      return invalid(problems, "wait");
    }
    try (ApiMartClient client = client(args, connection, null)) {
      Instant started = clock.instant();
      ProgressPrinter progress = new ProgressPrinter(err, terminal);
      GenerationResult result;
      try {
        result = client.waitFor(id.orElseThrow(), waitOptions(args, timeout, progress));
      } finally {
        progress.finish();
      }
      return reportOrResume(client, result, args, outDir, started);
    }
  }

  /**
   * {@link #report}, and when saving fails after the task finished (its images are paid for), says
   * so with the task id and the command that saves them.
   */
  private int reportOrResume(
      ApiMartClient client,
      GenerationResult result,
      ParsedArgs args,
      Optional<Path> outDir,
      Instant started) {
    try {
      return report(client, result, args, outDir, started);
    } catch (UncheckedIOException | DownloadException e) {
      String reason =
          e instanceof UncheckedIOException io ? String.valueOf(io.getCause()) : e.getMessage();
      String resume = "apimart wait " + result.taskId() + " --out DIR";
      err.println(
          "error: task "
              + result.taskId()
              + " finished, but its images could not be saved: "
              + reason);
      err.println("The images are paid for; save them (before they expire) with: " + resume);
      if (args.has("json")) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task_id", result.taskId().value());
        json.put("status", result.task().rawStatus());
        json.put("error", "save_failed: " + reason);
        json.put("resume", resume);
        out.println(toJson(json));
      }
      return ExitCode.OTHER.code();
    }
  }

  private int balance(ParsedArgs args) {
    List<String> problems = new ArrayList<>();
    Connection connection = connection(args, problems, false);
    if (!problems.isEmpty()) {
      return invalid(problems, "balance");
    }
    try (ApiMartClient client = client(args, connection, null)) {
      Balance balance = client.balance();
      if (args.has("json")) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("remaining", balance.remaining());
        json.put("used", balance.used());
        json.put("unlimited", balance.unlimited());
        out.println(toJson(json));
      } else {
        out.println(
            "remaining "
                + (balance.unlimited() ? "unlimited" : balance.remaining().toPlainString()));
        out.println("used      " + balance.used().toPlainString());
      }
      return ExitCode.OK.code();
    }
  }

  private int fake(ParsedArgs args) {
    List<String> fakeArgs = new ArrayList<>();
    for (String option : List.of("port", "key", "speed", "url-shape")) {
      args.value(option)
          .ifPresent(
              v -> {
                fakeArgs.add("--" + option);
                fakeArgs.add(v);
              });
    }
    FakeApiMart fake;
    try {
      fake = FakeApiMartMain.run(fakeArgs.toArray(String[]::new), out);
    } catch (IllegalArgumentException e) {
      return invalid(List.of(e.getMessage()), "fake");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  fake.close();
                  stopped.countDown();
                },
                "apimart-fake-shutdown"));
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fake.close();
    }
    return ExitCode.OK.code();
  }

  private int report(
      ApiMartClient client,
      GenerationResult result,
      ParsedArgs args,
      Optional<Path> outDir,
      Instant started) {
    List<Map<String, Object>> images = new ArrayList<>();
    int index = 0;
    for (GeneratedImage image : result.images()) {
      index++;
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("url", image.url().toString());
      json.put("expires_at", image.expiresAt() == null ? null : image.expiresAt().toString());
      PixelSize size = image.expectedSize();
      if (!args.has("no-download")) {
        Path file = save(client, image, outDir.orElseThrow(), result.taskId(), index);
        json.put("file", file.toString());
        try {
          Optional<PixelSize> actual = ImageFiles.pngSize(ImageFiles.head(file));
          if (actual.isPresent()) {
            size = actual.get();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      // Unknown for a model without a pixel table, unless the saved file tells.
      json.put("width", size == null ? null : size.width());
      json.put("height", size == null ? null : size.height());
      images.add(json);
    }
    Duration took = Duration.between(started, clock.instant());
    if (args.has("json")) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("task_id", result.taskId().value());
      json.put("status", result.task().rawStatus());
      json.put("elapsed_ms", took.toMillis());
      json.put("images", images);
      out.println(toJson(json));
    } else {
      for (Map<String, Object> image : images) {
        Object where = image.containsKey("file") ? image.get("file") : image.get("url");
        Object width = image.get("width");
        out.println(where + (width == null ? "" : "  " + width + "x" + image.get("height")));
      }
      out.println(
          "task "
              + result.taskId()
              + ": "
              + result.images().size()
              + (result.images().size() == 1 ? " image" : " images")
              + " in "
              + Durations.human(took));
    }
    return ExitCode.OK.code();
  }

  private static Path save(
      ApiMartClient client, GeneratedImage image, Path dir, TaskId taskId, int index) {
    try {
      Files.createDirectories(dir);
      Path partial = dir.resolve(taskId.value() + "-" + index + ".download");
      client.download(image, partial);
      String extension = ImageFiles.extension(ImageFiles.head(partial));
      Path file = dir.resolve(taskId.value() + "-" + index + "." + extension);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ApiMartClient client(
      ParsedArgs args, Connection connection, @Nullable FakeApiMart embedded) {
    ApiMartClient.Builder builder = ApiMartClient.builder();
    if (embedded != null) {
      builder.baseUrl(embedded.baseUrl()).apiKey(embedded.apiKey());
    } else {
      connection.baseUrl().ifPresent(builder::baseUrl);
      connection.apiKey().ifPresent(builder::apiKey);
    }
    builder.modelCatalog(catalog);
    args.value("transport").ifPresent(builder::transportName);
    builder.observer(submissions(args));
    clientCustomizer.accept(builder);
    return builder.build();
  }

  /**
   * Notes each new task the moment the service answers the submission: its id goes to standard
   * error at once (a script, a log or a person has it even if the process dies later) and becomes
   * what a Ctrl-C reports.
   */
  private ClientObserver submissions(ParsedArgs args) {
    return operation ->
        operation.kind() != ClientObserver.Kind.SUBMIT
            ? ClientObserver.Handle.NONE
            : new ClientObserver.Handle() {
              @Override
              public void succeeded(@Nullable TaskId taskId, @Nullable Task task) {
                if (taskId != null) {
                  waitingFor = taskId;
                  resumeOut = args.value("out").orElse(null);
                  err.println("submitted task " + taskId);
                }
              }

              @Override
              public void failed(Throwable error) {}
            };
  }

  private WaitOptions waitOptions(
      ParsedArgs args, Optional<Duration> timeout, ProgressPrinter progress) {
    WaitOptions.Builder options = WaitOptions.builder();
    boolean json = args.has("json");
    options.listener(
        event -> {
          waitingFor = event.taskId();
          resumeOut = args.value("out").orElse(null);
          if (!json) {
            progress.onProgress(event);
          }
        });
    timeout.ifPresent(t -> options.polling(PollingOptions.builder().timeout(t).build()));
    return options.build();
  }

  private static Optional<Duration> timeout(ParsedArgs args, List<String> problems) {
    Optional<String> text = args.value("timeout");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> timeout = Durations.parse(text.get());
    if (timeout.isEmpty()) {
      problems.add("--timeout: '" + text.get() + "' is not a duration; write e.g. 90s, 5m or 1h");
    }
    return timeout;
  }

  private Optional<Path> outDir(ParsedArgs args, List<String> problems) {
    Path dir = workingDir.resolve(args.value("out").orElse("apimart-images")).normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      problems.add("--out: '" + dir + "' exists and is not a directory");
      return Optional.empty();
    }
    // Checked before anything is submitted: a folder that cannot be made would lose paid images.
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      problems.add(
          "--out: '" + dir + "' cannot be created: '" + existing + "' is a file, not a folder");
      return Optional.empty();
    }
    if (existing != null && !Files.isWritable(existing)) {
      problems.add("--out: '" + existing + "' is not writable, so '" + dir + "' cannot be used");
      return Optional.empty();
    }
    return Optional.of(dir);
  }

  private static Optional<TaskId> taskId(ParsedArgs args, List<String> problems) {
    try {
      return Optional.of(TaskId.of(args.positionals().get(0)));
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }

  private Connection connection(ParsedArgs args, List<String> problems, boolean embeddedAllowed) {
    Optional<String> apiKey = args.value("api-key").or(() -> nonBlank(env.get(ENV_API_KEY)));
    Optional<String> baseUrl = args.value("base-url").or(() -> nonBlank(env.get(ENV_BASE_URL)));
    if (apiKey.isEmpty() && baseUrl.isEmpty() && embeddedAllowed) {
      return new Connection(Optional.empty(), Optional.empty(), true);
    }
    if (apiKey.isEmpty()) {
      problems.add(
          "no API key: pass --api-key KEY or set "
              + ENV_API_KEY
              + (embeddedAllowed
                  ? ""
                  : " (only generate can run without one, on the embedded fake)"));
    }
    return new Connection(apiKey, baseUrl, false);
  }

  private static Optional<String> nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private int invalid(List<String> problems, String command) {
    err.println(
        "error: "
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " with the command line, nothing was sent:");
    problems.forEach(p -> err.println("  - " + p));
    err.println("Run 'apimart " + (command.isEmpty() ? "" : command + " ") + "--help' for usage.");
    return ExitCode.INVALID_INPUT.code();
  }

  /** A wait that reached --timeout: the task may still finish, so its id and resume command. */
  private int timedOut(WaitTimeoutException e, ParsedArgs args, boolean verbose) {
    String seen =
        e.lastSeen()
            .map(t -> " (last seen " + t.rawStatus() + ", " + t.progress() + "%)")
            .orElse("");
    String resume =
        "apimart wait " + e.taskId() + args.value("out").map(o -> " --out " + o).orElse("");
    err.println(
        "error: task "
            + e.taskId()
            + " did not finish"
            + args.value("timeout").map(t -> " within --timeout " + t).orElse(" in time")
            + seen
            + "; it may still complete");
    err.println("Resume later with: " + resume);
    if (args.has("json")) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("task_id", e.taskId().value());
      json.put("status", e.lastSeen().map(Task::rawStatus).orElse(null));
      json.put("error", "timeout");
      json.put("resume", resume);
      out.println(toJson(json));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    return ExitCode.TIMED_OUT.code();
  }

  private int failed(ApiMartException e, boolean verbose) {
    ExitCode code = exitCode(e);
    if (e instanceof InvalidRequestException invalid && !invalid.violations().isEmpty()) {
      return invalid(invalid.violations().stream().map(Violation::toString).toList(), "generate");
    }
    err.println("error: " + e.getMessage());
    if (e instanceof SubmissionOutcomeUnknownException) {
      err.println(
          "The service may have created (and will bill) the task. Check with 'apimart balance'"
              + " before submitting again; if a task id appears in your ApiMart console, resume it"
              + " with 'apimart wait TASK_ID'.");
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    return code.code();
  }

  static ExitCode exitCode(ApiMartException e) {
    if (e instanceof InvalidRequestException || e instanceof ConfigurationException) {
      return ExitCode.INVALID_INPUT;
    }
    if (e instanceof AuthenticationException
        || e instanceof InsufficientBalanceException
        || e instanceof PermissionDeniedException) {
      return ExitCode.ACCOUNT;
    }
    if (e instanceof TaskFailedException || e instanceof TaskCancelledException) {
      return ExitCode.TASK_FAILED;
    }
    if (e instanceof WaitTimeoutException) {
      return ExitCode.TIMED_OUT;
    }
    if (e instanceof SubmissionOutcomeUnknownException) {
      return ExitCode.OUTCOME_UNKNOWN;
    }
    return ExitCode.OTHER;
  }

  private static Map<String, Object> taskJson(Task task) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", task.id().value());
    json.put("status", task.rawStatus());
    json.put("progress", task.progress());
    json.put(
        "estimated_seconds",
        task.estimatedTime() == null ? null : task.estimatedTime().toSeconds());
    json.put("actual_seconds", task.actualTime() == null ? null : task.actualTime().toSeconds());
    json.put("error", task.error() == null ? null : task.error().toString());
    json.put(
        "images", task.images().stream().map(i -> i.url().toString()).collect(Collectors.toList()));
    return json;
  }

  private static String toJson(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** One line in the command's words for a model the catalog has no entry for. */
  private void noteUnlistedModel(GenerationRequest request, PrintStream err) {
    request
        .model()
        .filter(model -> !catalog.contains(model))
        .ifPresent(
            model ->
                err.println(
                    "note: model '"
                        + model.id()
                        + "' is not in the catalog ('apimart models' lists it), so only the"
                        + " checks every request shares were made; it is sent as given"));
  }

  /** Where to send requests: the given key and URL, or the embedded fake. */
  private record Connection(Optional<String> apiKey, Optional<String> baseUrl, boolean embedded) {

    @Nullable FakeApiMart startEmbedded(PrintStream err) {
      if (!embedded) {
        return null;
      }
      FakeApiMart fake =
          FakeApiMart.builder()
              .realTime(1.0)
              .unlimitedBalance()
              .taskDuration(EMBEDDED_TASK_TIME)
              .anyModel(true)
              .start();
      err.println(
          "No API key or base URL given: using the embedded fake ApiMart server at "
              + fake.baseUrl()
              + " (placeholder images; set "
              + ENV_API_KEY
              + " to use the real service).");
      return fake;
    }
  }
}
