package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.ClientObserver;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.client.WaitOptions;
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
import dev.apimart.core.error.Violation;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code apimart} command lines. Everything the command touches from outside — environment,
 * output streams, whether standard error is a terminal, the working directory, the clock — is
 * passed in, so tests run it in-process exactly as a user would from a shell.
 *
 * <p>Parsing is picocli's (one class per command, see {@link ApimartCommand}); this class collects
 * every problem of a command line before anything is sent, and turns every outcome into the exit
 * code, the message on standard error and, with {@code --json}, exactly one JSON object on standard
 * output.
 */
final class ApimartCli {

  static final String ENV_API_KEY = "APIMART_API_KEY";
  static final String ENV_BASE_URL = "APIMART_BASE_URL";

  /** Built on the first {@code --json} answer only: most runs print no JSON. */
  private static final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder().build();
  }

  final Map<String, String> env;
  final PrintStream out;
  final PrintStream err;
  final boolean terminal;
  final Path workingDir;
  final Clock clock;
  final Consumer<ApiMartClient.Builder> clientCustomizer;
  final ModelCatalog catalog;
  private final ProgressPrinter.Ticker ticker;
  private final Supplier<java.io.InputStream> stdin;

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
    this(
        env,
        out,
        err,
        terminal,
        workingDir,
        clock,
        clientCustomizer,
        catalog,
        ProgressPrinter.Ticker.daemon(),
        () -> System.in);
  }

  /**
   * Everything injected.
   *
   * @param terminal whether standard error is a terminal (the progress bar draws only then)
   * @param ticker makes the scheduler that redraws the progress bar every second
   * @param stdin what {@code --prompt-file -} reads
   */
  ApimartCli(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      boolean terminal,
      Path workingDir,
      Clock clock,
      Consumer<ApiMartClient.Builder> clientCustomizer,
      ModelCatalog catalog,
      ProgressPrinter.Ticker ticker,
      Supplier<java.io.InputStream> stdin) {
    this.catalog = catalog;
    this.env = Map.copyOf(env);
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.workingDir = workingDir;
    this.clock = clock;
    this.clientCustomizer = clientCustomizer;
    this.ticker = ticker;
    this.stdin = stdin;
  }

  /** The task being waited for, from its submission (or its first report) until the run ends. */
  private volatile @Nullable TaskId waitingFor;

  private volatile @Nullable String resumeOut;

  /** The batch being run, whose lines in flight a Ctrl-C reports. */
  private volatile dev.apimart.cli.batch.@Nullable BatchRunner runningBatch;

  void runningBatch(dev.apimart.cli.batch.@Nullable BatchRunner runner) {
    runningBatch = runner;
  }

  private @Nullable CliConfig config;

  /**
   * What to print when the process is stopped (Ctrl-C, SIGTERM) while a task is being waited for:
   * the task exists and may be billed, so its id and the command that resumes it.
   */
  Optional<String> interruptedMessage() {
    dev.apimart.cli.batch.BatchRunner batch = runningBatch;
    if (batch != null) {
      return batch.interruptedMessage();
    }
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
      resumeOut = null;
      runningBatch = null;
      currentProgress = null;
      named = null;
    }
  }

  /** The picocli model of the whole command, bound to this runner. */
  CommandLine commandLine() {
    return commandLine(ApimartCommand.SUBCOMMANDS);
  }

  /** The picocli model of the command with only the given subcommands, bound to this runner. */
  CommandLine commandLine(List<Class<? extends CliCommand>> subcommands) {
    CommandLine line = new CommandLine(new ApimartCommand(this));
    subcommands.forEach(line::addSubcommand);
    collectErrors(line);
    line.setUsageHelpWidth(helpWidth());
    line.setUsageHelpAutoWidth(terminal && !env.containsKey("COLUMNS"));
    line.setOut(new java.io.PrintWriter(out, true));
    line.setErr(new java.io.PrintWriter(err, true));
    return line;
  }

  private static void collectErrors(CommandLine line) {
    line.getCommandSpec().parser().collectErrors(true);
    line.getSubcommands().values().forEach(ApimartCli::collectErrors);
  }

  private int runCommand(String[] argv) {
    List<Class<? extends CliCommand>> needed = ApimartCommand.subcommandsFor(argv);
    CommandLine line = commandLine(needed);
    ParseResult parsed;
    try {
      parsed = line.parseArgs(argv);
      if (needed.size() < ApimartCommand.SUBCOMMANDS.size()
          && !ParseProblems.of(parsed).isEmpty()) {
        // The problems are told with every command known: an option of another command is
        // recognised as such, and its value is not taken for a stray argument.
        line = commandLine();
        parsed = line.parseArgs(argv);
      }
    } catch (ParameterException e) {
      // Only what picocli cannot collect, such as an @argfile that cannot be read.
      return invalid(List.of(e.getMessage()), "", false);
    }
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    CommandLine leafLine = leaf.commandSpec().commandLine();
    if (CommandLine.printHelpIfRequested(parsed)) {
      return ExitCode.OK.code();
    }
    Object command = leaf.commandSpec().userObject();
    List<String> problems = new ArrayList<>(ParseProblems.of(parsed));
    if (!(command instanceof CliCommand cli)) {
      if (problems.isEmpty()) {
        problems.add(
            "no command given: choose one of " + String.join(", ", line.getSubcommands().keySet()));
      }
      return invalid(problems, "", false);
    }
    boolean json = cli.json();
    try {
      cli.check(problems);
    } catch (RuntimeException e) {
      // A check must never hide the problems found so far.
      problems.add(String.valueOf(e.getMessage()));
    }
    if (!problems.isEmpty()) {
      return invalid(problems, leafLine.getCommandName(), json);
    }
    try {
      return cli.execute();
    } catch (WaitTimeoutException e) {
      return timedOut(e, cli);
    } catch (InvalidRequestException e) {
      List<String> described =
          cli instanceof GenerateCommand g
              ? e.violations().stream().map(g::describe).toList()
              : e.violations().stream().map(Violation::toString).toList();
      return invalid(described, cli.name(), json);
    } catch (ApiMartException e) {
      return failed(e, cli);
    } catch (UncheckedIOException e) {
      return fail(
          cli,
          new Failure("io_error", ExitCode.OTHER, CliWords.io(e.getCause()))
              .cause(e, global(cli).verbose));
    } catch (RuntimeException e) {
      return fail(
          cli,
          new Failure("error", ExitCode.OTHER, CliWords.of(String.valueOf(e)))
              .cause(e, global(cli).verbose));
    }
  }

  private static ApimartCommand global(CliCommand cli) {
    return cli.global();
  }

  /**
   * Columns for help and tables: {@code COLUMNS} when set; else 100 on a terminal, and 80 for help
   * (no limit for tables) when the output goes to a file or pipe.
   */
  int width() {
    Optional<Integer> columns = columns();
    if (columns.isPresent()) {
      return columns.get();
    }
    return terminal ? 100 : Integer.MAX_VALUE;
  }

  private int helpWidth() {
    return columns().orElse(terminal ? 100 : 80);
  }

  private Optional<Integer> columns() {
    String columns = env.get("COLUMNS");
    if (columns != null) {
      try {
        int width = Integer.parseInt(columns.strip());
        if (width > 0) {
          return Optional.of(width);
        }
      } catch (NumberFormatException e) {
        // not a number: the default
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ outcomes

  /**
   * Problems found before anything was sent: each on its own line on standard error, and with
   * {@code --json} one object listing them.
   */
  int invalid(List<String> problems, String command, boolean json) {
    String headline =
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " with the command line, nothing was sent";
    err.println("error: " + headline + ":");
    problems.forEach(p -> err.println("  - " + p));
    err.println("Run 'apimart " + (command.isEmpty() ? "" : command + " ") + "--help' for usage.");
    if (json) {
      Map<String, Object> error = errorJson("invalid_input", headline, ExitCode.INVALID_INPUT);
      error.put("problems", problems);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("task_id", null);
      body.put("error", error);
      printJson(body);
    }
    return ExitCode.INVALID_INPUT.code();
  }

  /** A failure to report: its kind, exit code, lines for a person and what JSON adds. */
  static final class Failure {
    final String type;
    final ExitCode code;
    final String message;
    final List<String> hints = new ArrayList<>();
    @Nullable TaskId taskId;
    @Nullable String status;
    @Nullable String resume;
    final Map<String, Object> extra = new LinkedHashMap<>();
    @Nullable Throwable trace;

    Failure(String type, ExitCode code, String message) {
      this.type = type;
      this.code = code;
      this.message = message;
    }

    Failure hint(String line) {
      hints.add(line);
      return this;
    }

    Failure task(@Nullable TaskId id, @Nullable String status) {
      if (id != null) {
        this.taskId = id;
      }
      if (status != null) {
        this.status = status;
      }
      return this;
    }

    Failure resume(String command) {
      this.resume = command;
      return this;
    }

    Failure with(String key, @Nullable Object value) {
      extra.put(key, value);
      return this;
    }

    Failure cause(Throwable t, boolean verbose) {
      this.trace = verbose ? t : null;
      return this;
    }
  }

  /**
   * Tells a failure: {@code error: …} and its hints on standard error, the stack trace with {@code
   * -v}, and with {@code --json} one object on standard output carrying {@code task_id} (once a
   * task exists), {@code status}, {@code error} {type, message, exit_code} and {@code resume}.
   */
  int fail(CliCommand cli, Failure f) {
    TaskId id = f.taskId != null ? f.taskId : waitingFor != null ? waitingFor : named;
    err.println("error: " + f.message);
    f.hints.forEach(err::println);
    if (f.trace != null) {
      f.trace.printStackTrace(err);
    }
    if (cli.json()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("task_id", id == null ? null : id.value());
      if (f.status != null) {
        body.put("status", f.status);
      }
      body.putAll(f.extra);
      body.put("error", errorJson(f.type, f.message, f.code));
      if (f.resume != null) {
        body.put("resume", f.resume);
      }
      printJson(body);
    }
    return f.code.code();
  }

  private static Map<String, Object> errorJson(String type, String message, ExitCode code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", type);
    error.put("message", message);
    error.put("exit_code", code.code());
    return error;
  }

  void printJson(Object value) {
    out.println(Json.MAPPER.writeValueAsString(value));
    out.flush();
  }

  /** The command that resumes waiting for {@code id}, with the folder it was saving to. */
  String resumeCommand(TaskId id, @Nullable String outDir) {
    return "apimart wait " + id + (outDir == null ? "" : " --out " + CliWords.quote(outDir));
  }

  /** A wait that reached --timeout: the task may still finish, so its id and resume command. */
  private int timedOut(WaitTimeoutException e, CliCommand cli) {
    String seen =
        e.lastSeen()
            .map(t -> " (last seen " + t.rawStatus() + ", " + t.progress() + "%)")
            .orElse("");
    SaveOptions save = cli instanceof SavingCommand s ? s.save() : null;
    String outDir = save == null ? null : save.outText(config());
    String resume = resumeCommand(e.taskId(), outDir);
    String within =
        save != null && save.timeoutText != null
            ? " within --timeout " + save.timeoutText
            : " in time";
    return fail(
        cli,
        new Failure(
                "timeout",
                ExitCode.TIMED_OUT,
                "task "
                    + e.taskId()
                    + " did not finish"
                    + within
                    + seen
                    + "; it may still complete")
            .hint("Resume later with: " + resume)
            .task(e.taskId(), e.lastSeen().map(Task::rawStatus).orElse(null))
            .resume(resume)
            .cause(e, cli.global().verbose));
  }

  private int failed(ApiMartException e, CliCommand cli) {
    ExitCode code = exitCode(e);
    boolean verbose = cli.global().verbose;
    TaskId id = waitingFor;
    String message = CliWords.describe(e);
    Failure f = new Failure(type(e), code, message).cause(e, verbose);
    if (e instanceof TaskFailedException failed) {
      f.task(failed.task().id(), failed.task().rawStatus());
    } else if (e instanceof TaskCancelledException cancelled) {
      f.task(cancelled.task().id(), cancelled.task().rawStatus());
    } else if (id != null && !(e instanceof NotFoundException && e.createdTask().isEmpty())) {
      // A task the service does not know (a mistyped id given to wait) cannot be resumed.
      SaveOptions save = cli instanceof SavingCommand s ? s.save() : null;
      String resume = resumeCommand(id, save == null ? null : save.outText(config()));
      f.hint("Task " + id + " exists and may still finish; resume with: " + resume).resume(resume);
    }
    if (e instanceof SubmissionOutcomeUnknownException) {
      f.hint(
          "The service may have created (and will bill) the task. Check with 'apimart balance'"
              + " before submitting again; if a task id appears in your ApiMart console, resume it"
              + " with 'apimart wait TASK_ID'.");
    }
    if (e instanceof RateLimitedException limited) {
      limited
          .retryAfter()
          .ifPresent(
              after -> f.hint("The service asks to wait " + Durations.words(after) + " first."));
    }
    return fail(cli, f);
  }

  static String type(ApiMartException e) {
    if (e instanceof InvalidRequestException
        || e instanceof RequestRejectedException
        || e instanceof ConfigurationException) {
      return "invalid_input";
    }
    if (e instanceof AuthenticationException) {
      return "authentication";
    }
    if (e instanceof InsufficientBalanceException) {
      return "insufficient_balance";
    }
    if (e instanceof PermissionDeniedException) {
      return "permission_denied";
    }
    if (e instanceof TaskFailedException) {
      return "task_failed";
    }
    if (e instanceof TaskCancelledException) {
      return "task_cancelled";
    }
    if (e instanceof WaitTimeoutException) {
      return "timeout";
    }
    if (e instanceof SubmissionOutcomeUnknownException) {
      return "outcome_unknown";
    }
    if (e instanceof RateLimitedException) {
      return "rate_limited";
    }
    if (e instanceof NotFoundException) {
      return "not_found";
    }
    if (e instanceof ServerException) {
      return "server_error";
    }
    if (e instanceof TransportException t) {
      return t.kind() == TransportException.Kind.CONNECT_FAILED ? "not_connected" : "network";
    }
    return "error";
  }

  static ExitCode exitCode(ApiMartException e) {
    if (e instanceof InvalidRequestException
        || e instanceof RequestRejectedException
        || e instanceof ConfigurationException) {
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

  // ------------------------------------------------------------------ connection and client

  /** The config file's values, read once per run. */
  CliConfig config() {
    if (config == null) {
      config = CliConfig.load(env);
    }
    return config;
  }

  /** Where to send requests: flags, then environment, then the config file; or the fake. */
  Connection connection(CliCommand cli, List<String> problems, boolean embeddedAllowed) {
    ApimartCommand g = cli.global();
    CliConfig file = config();
    problems.addAll(file.problems());
    Optional<String> apiKey =
        nonBlank(g.apiKey).or(() -> nonBlank(env.get(ENV_API_KEY))).or(() -> file.get("api-key"));
    Optional<String> baseUrl =
        nonBlank(g.baseUrl)
            .or(() -> nonBlank(env.get(ENV_BASE_URL)))
            .or(() -> file.get("base-url"));
    Optional<String> transport = nonBlank(g.transport).or(() -> file.get("transport"));
    if (transport.isPresent() && !ApimartCommand.Transports.NAMES.contains(transport.get())) {
      problems.add(
          "--transport: '"
              + transport.get()
              + "' is not one of "
              + String.join(", ", ApimartCommand.Transports.NAMES));
    }
    Optional<Proxies> proxies = Proxies.resolve(g.proxy, env, file, problems);
    if (apiKey.isEmpty() && baseUrl.isEmpty() && embeddedAllowed) {
      return new Connection(Optional.empty(), Optional.empty(), transport, proxies, true);
    }
    if (apiKey.isEmpty()) {
      problems.add(
          "no API key: pass --api-key KEY or set "
              + ENV_API_KEY
              + (embeddedAllowed
                  ? ""
                  : " (only generate can run without one, on the embedded fake)"));
    }
    if (baseUrl.isPresent()) {
      int before = problems.size();
      CliWords.checkBaseUrl(baseUrl.get(), g.allowInsecureHttp, problems);
      if (problems.size() == before && proxies.isEmpty()) {
        TlsProbe.check(baseUrl.get()).ifPresent(problems::add);
      }
    }
    return new Connection(apiKey, baseUrl, transport, proxies, false);
  }

  private static Optional<String> nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** A client for the connection (or the embedded fake), telling each submission at once. */
  ApiMartClient client(
      CliCommand cli,
      Connection connection,
      dev.apimart.testkit.@Nullable FakeApiMart embedded,
      @Nullable String outDir) {
    return clientBuilder(cli, connection, embedded).observer(submissions(outDir)).build();
  }

  /**
   * A client builder for the connection (or the embedded fake) with every global option applied,
   * for commands that report submissions in their own way ({@code batch}, {@code mcp}).
   */
  ApiMartClient.Builder clientBuilder(
      CliCommand cli, Connection connection, dev.apimart.testkit.@Nullable FakeApiMart embedded) {
    ApiMartClient.Builder builder = ApiMartClient.builder();
    if (embedded != null) {
      builder.baseUrl(embedded.baseUrl()).apiKey(embedded.apiKey());
      // Polls of a fake on this machine are free: poll often, so a short task is seen as done.
      builder.pollingOptions(
          PollingOptions.builder()
              .initialDelay(Duration.ofMillis(250))
              .minInterval(Duration.ofMillis(250))
              .maxInterval(Duration.ofSeconds(1))
              .build());
    } else {
      connection.baseUrl().ifPresent(builder::baseUrl);
      connection.apiKey().ifPresent(builder::apiKey);
    }
    builder.modelCatalog(catalog);
    builder.allowInsecureHttp(cli.global().allowInsecureHttp);
    connection.transport().ifPresent(builder::transportName);
    connection.proxies().ifPresent(p -> builder.transport(p.transport(connection.transport())));
    clientCustomizer.accept(builder);
    return builder;
  }

  /**
   * Notes each new task the moment the service answers the submission: its id goes to standard
   * error at once (a script, a log or a person has it even if the process dies later) and becomes
   * what a Ctrl-C reports.
   */
  private ClientObserver submissions(@Nullable String outDir) {
    return operation ->
        operation.kind() != ClientObserver.Kind.SUBMIT
            ? ClientObserver.Handle.NONE
            : new ClientObserver.Handle() {
              @Override
              public void succeeded(@Nullable TaskId taskId, @Nullable Task task) {
                if (taskId != null) {
                  waitingFor = taskId;
                  resumeOut = outDir;
                  err.println("submitted task " + taskId);
                  err.flush();
                  ProgressPrinter progress = currentProgress;
                  if (progress != null) {
                    progress.submitted(taskId);
                  }
                }
              }

              @Override
              public void failed(Throwable error) {}
            };
  }

  /**
   * Starts the embedded fake (no key and no base URL given) with tasks of {@code taskDuration},
   * saying on standard error that its images are placeholders; {@code purpose} completes "No API
   * key or base URL given: …" (e.g. "using", "serving MCP on").
   */
  dev.apimart.testkit.FakeApiMart startEmbeddedFake(Duration taskDuration, String purpose) {
    dev.apimart.testkit.FakeApiMart fake =
        dev.apimart.testkit.FakeApiMart.builder()
            .realTime(1)
            .unlimitedBalance()
            // Shorter tasks rather than a faster clock, so the estimate it reports scales too.
            .taskDuration(taskDuration)
            .anyModel(true)
            .start();
    err.println(
        "No API key or base URL given: "
            + purpose
            + " the embedded fake ApiMart server at "
            + fake.baseUrl()
            + " (placeholder images; set "
            + ENV_API_KEY
            + " to use the real service).");
    return fake;
  }

  /** Marks {@code id} as the task being waited for (what Ctrl-C and a failure report). */
  void waitingFor(TaskId id, @Nullable String outDir) {
    waitingFor = id;
    resumeOut = outDir;
  }

  @Nullable TaskId waitingFor() {
    return waitingFor;
  }

  /** Wait options reporting to {@code progress}, with the polling timeout when one was given. */
  WaitOptions waitOptions(
      boolean json, @Nullable Duration timeout, @Nullable String outDir, ProgressPrinter progress) {
    WaitOptions.Builder options = WaitOptions.builder();
    options.listener(
        event -> {
          waitingFor = event.taskId();
          resumeOut = outDir;
          if (!json) {
            progress.onProgress(event);
          }
        });
    if (timeout != null) {
      options.polling(PollingOptions.builder().timeout(timeout).build());
    }
    return options.build();
  }

  private volatile @Nullable ProgressPrinter currentProgress;

  /** The task a command was asked about ({@code status ID}), for its failure report. */
  private volatile @Nullable TaskId named;

  void named(@Nullable TaskId id) {
    named = id;
  }

  /**
   * A progress printer on standard error, ticking on its own scheduler while a bar is drawn; told
   * of the submission too unless {@code json} (then nothing is drawn).
   */
  ProgressPrinter progress(java.time.Instant started, boolean json) {
    ProgressPrinter printer = new ProgressPrinter(err, terminal && !json, clock, started, ticker);
    currentProgress = printer;
    return printer;
  }

  java.io.InputStream stdin() {
    return stdin.get();
  }

  /** Where to send requests: the given key and URL, or the embedded fake. */
  record Connection(
      Optional<String> apiKey,
      Optional<String> baseUrl,
      Optional<String> transport,
      Optional<Proxies> proxies,
      boolean embedded) {}
}
