package dev.apimart.cli.batch;

import dev.apimart.cli.batch.LineResult.Status;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.RetryPolicy;
import dev.apimart.core.client.Scheduler;
import dev.apimart.core.error.ApiMartException;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code apimart batch FILE}: every line of the file becomes one generation, submitted at a
 * pace the service can take, waited for, and saved as {@code line-0042-1.png}; a ledger in the
 * output folder makes re-running the same command resume instead of paying twice.
 *
 * <pre>{@code
 * ApiMartClient.Builder clients = ApiMartClient.builder().apiKey(key);   // as for generate
 * int exit = BatchRunner.builder().clients(clients).out(System.out).err(System.err).build()
 *     .run(BatchOptions.builder().input(Path.of("prompts.jsonl")).outDir(Path.of("out")).build());
 * }</pre>
 *
 * <h2>Contract for the {@code batch} command</h2>
 *
 * <ul>
 *   <li><b>Clients</b>: pass the {@link ApiMartClient.Builder} configured exactly as for {@code
 *       generate} (key, base URL, {@code --transport}, model catalog; in tests clock, scheduler and
 *       polling) but without generate's submission observer — the batch prints its own lines. The
 *       runner builds two clients from it: one as configured, for waiting and downloading, and one
 *       for submitting whose {@link RetryPolicy} makes a single attempt and never repeats an
 *       ambiguous submission, so that every refusal (429, 503) reaches the batch's pace and a line
 *       is sent again only when the service provably did no work. The builder is consumed.
 *   <li><b>Validation</b>: every line is checked against the client's catalog before anything is
 *       sent. Invalid lines stop the batch before it starts (exit 2, all of them listed with line
 *       numbers, nothing submitted) unless {@code --skip-invalid}. An unusable {@code --out}, an
 *       unreadable ledger, or a line changed since its task was created also exit 2 with nothing
 *       sent. Flag syntax ({@code --n abc}, {@code --param} without {@code =}) is the command's to
 *       check before calling.
 *   <li><b>Output</b>: standard output gets the summary, or with {@code --json} exactly one JSON
 *       object (also on failure, with an {@code error} object). Standard error gets notes and each
 *       line's news — one line per event, or on a terminal a live progress line with problems above
 *       it.
 *   <li><b>Exit code</b>: 0 when every line's images are saved, else the most urgent of the lines'
 *       codes (those of {@code apimart generate}): 6 a submission's outcome is unknown, 3 key or
 *       balance refused, 5 a task did not finish within {@code --timeout}, 4 a task failed, 7 a
 *       task finished but its images were not all saved, 1 anything else (refused too often), 2
 *       invalid input.
 *   <li><b>Ctrl-C</b>: call {@link #interruptedMessage()} from the shutdown hook; everything
 *       submitted is in the ledger and a re-run resumes it.
 * </ul>
 *
 * <p>The ledger's format and the resume rules are described in {@code docs/batch.md}.
 */
public final class BatchRunner {

  /** Lines in flight at most with the adaptive pace (the cap on concurrent polling). */
  public static final int ADAPTIVE_MAX_IN_FLIGHT = 256;

  private static final int MAX_LISTED = 50;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ApiMartClient.Builder clients;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final @Nullable Scheduler scheduler;
  private volatile @Nullable BatchEngine running;
  private volatile @Nullable BatchOptions runningOptions;

  private BatchRunner(Builder b) {
    this.clients = Objects.requireNonNull(b.clients, "clients");
    this.out = b.out;
    this.err = b.err;
    this.clock = b.clock;
    this.scheduler = b.scheduler;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs a batch with the system clock and a scheduler of its own.
   *
   * @return the exit code
   */
  public static int run(
      BatchOptions options, ApiMartClient.Builder clients, PrintStream out, PrintStream err) {
    return builder().clients(clients).out(out).err(err).build().run(options);
  }

  /**
   * What to print when the process is stopped while the batch runs: how many lines were in flight,
   * that their tasks are in the ledger, and the command that resumes; empty when nothing runs.
   */
  public Optional<String> interruptedMessage() {
    BatchEngine engine = running;
    BatchOptions options = runningOptions;
    if (engine == null || options == null) {
      return Optional.empty();
    }
    int inFlight = engine.runningNow();
    return Optional.of(
        "\ninterrupted: "
            + inFlight
            + (inFlight == 1 ? " line was" : " lines were")
            + " in flight; every task submitted so far is recorded in "
            + options.outDir().resolve(Ledger.FILE_NAME)
            + " and may still finish (and be billed). Resume with: "
            + options.commandLine());
  }

  /**
   * Runs the batch.
   *
   * @return the process exit code (see the class documentation)
   */
  public int run(BatchOptions options) {
    Objects.requireNonNull(options, "options");
    Instant started = clock.instant();
    List<String> problems = new ArrayList<>();
    checkOutDir(options.outDir(), problems);
    if (!problems.isEmpty()) {
      return refuse(options, "invalid_input", problems, List.of());
    }
    ApiMartClient waiter;
    ApiMartClient submitter;
    try {
      waiter = clients.build();
      RetryPolicy single =
          waiter.retryPolicy().toBuilder().maxAttempts(1).retryAmbiguousSubmissions(false).build();
      submitter = clients.retryPolicy(single).build();
    } catch (ApiMartException e) {
      return refuse(options, "invalid_input", List.of(String.valueOf(e.getMessage())), List.of());
    }
    ScheduledThreadPoolExecutor ownTimer = null;
    ExecutorService saves = Executors.newFixedThreadPool(4, new Daemons("apimart-batch-save-"));
    try (waiter;
        submitter) {
      Scheduler timers = scheduler;
      if (timers == null) {
        ownTimer = new ScheduledThreadPoolExecutor(1, new Daemons("apimart-batch-timer-"));
        ownTimer.setRemoveOnCancelPolicy(true);
        timers = Scheduler.of(ownTimer);
      }
      return runWith(options, waiter, submitter, timers, saves, started);
    } finally {
      saves.shutdownNow();
      if (ownTimer != null) {
        ownTimer.shutdownNow();
      }
    }
  }

  private int runWith(
      BatchOptions options,
      ApiMartClient waiter,
      ApiMartClient submitter,
      Scheduler timers,
      ExecutorService saves,
      Instant started) {
    BatchInput input = BatchInput.read(options, waiter.modelCatalog());
    List<BatchInput.Problem> invalid = input.problems();
    boolean fileProblem = invalid.stream().anyMatch(p -> p.line() == 0);
    if (!invalid.isEmpty() && (!options.skipInvalid() || fileProblem || input.lines().isEmpty())) {
      return refuseLines(options, invalid);
    }
    Ledger ledger;
    try {
      Files.createDirectories(options.outDir());
      ledger = Ledger.open(options.outDir(), clock);
    } catch (Ledger.Unreadable e) {
      return refuse(options, "invalid_input", List.of(e.getMessage()), List.of());
    } catch (IOException e) {
      return refuse(
          options,
          "invalid_input",
          List.of("--out: cannot use '" + options.outDir() + "': " + e.getMessage()),
          List.of());
    }
    try (ledger) {
      ledger.notes().forEach(n -> err.println("note: " + n));
      SubmitGate gate =
          options.concurrency().isPresent()
              ? new FixedConcurrency(options.concurrency().getAsInt())
              : new AdaptiveRate(ADAPTIVE_MAX_IN_FLIGHT);
      BatchEngine engine =
          new BatchEngine(options, submitter, waiter, timers, clock, err, ledger, gate, saves);
      List<String> conflicts = plan(options, input, ledger, engine);
      if (!conflicts.isEmpty()) {
        return refuse(
            options,
            "changed_input",
            conflicts,
            List.of(
                "A line whose task exists is never mixed with a different request: restore those"
                    + " lines, or run the changed file with a new --out folder."));
      }
      Map<String, Object> start = new LinkedHashMap<>();
      start.put("input", options.input().toAbsolutePath().toString());
      start.put("lines", input.lines().size());
      start.put("pace", pace(options));
      ledger.append(clock.instant(), 0, null, "start", start);
      running = engine;
      runningOptions = options;
      try {
        engine.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        interruptedMessage().ifPresent(err::println);
        return LineResult.Status.NOT_SUBMITTED.exitCode();
      } finally {
        running = null;
      }
      return report(options, engine, started);
    } catch (IOException e) {
      return refuse(
          options,
          "invalid_input",
          List.of("the ledger in '" + options.outDir() + "' cannot be written: " + e.getMessage()),
          List.of());
    }
  }

  /**
   * Decides each line's fate from the ledger: skip what is done, wait for what exists, submit what
   * does not, leave alone what may exist. Returns the lines that changed since their task was
   * created (nothing may run then).
   */
  private List<String> plan(
      BatchOptions options, BatchInput input, Ledger ledger, BatchEngine engine) {
    Map<Integer, Ledger.LineHistory> history = ledger.history();
    List<String> conflicts = new ArrayList<>();
    Map<Integer, BatchInput.Line> valid = new TreeMap<>();
    input.lines().forEach(l -> valid.put(l.number(), l));
    for (Ledger.LineHistory h : history.values()) {
      if (!valid.containsKey(h.line) && h.state != Ledger.State.NOT_CREATED) {
        conflicts.add(
            "line "
                + h.line
                + ": "
                + describeEarlier(h)
                + ", but the file has "
                + (input.invalidLines().contains(h.line) ? "an invalid line" : "no such line")
                + " there now");
      }
    }
    List<Runnable> actions = new ArrayList<>();
    int lastLine =
        Math.max(
            input.lastLineNumber(), history.keySet().stream().mapToInt(i -> i).max().orElse(0));
    for (BatchInput.Line line : input.lines()) {
      Ledger.LineHistory h = history.get(line.number());
      String stem = ImageSaver.stem(line.number(), lastLine);
      BatchEngine.Job job = new BatchEngine.Job(line, stem, false);
      if (h == null) {
        actions.add(() -> engine.enqueue(job));
        continue;
      }
      boolean changed = !h.hash.isEmpty() && !h.hash.equals(line.hash());
      if (changed && h.state != Ledger.State.NOT_CREATED) {
        conflicts.add(
            "line " + line.number() + " changed since the last run: " + describeEarlier(h));
        continue;
      }
      if (changed) {
        err.println(
            "note: line "
                + line.number()
                + " changed since the last run; its earlier version created no task, so the"
                + " new one is submitted");
      }
      switch (h.state) {
        case NOT_CREATED -> actions.add(() -> engine.enqueue(job));
        case DONE ->
            actions.add(
                () ->
                    engine.settled(
                        new LineResult(
                            line.number(),
                            Status.DONE,
                            h.taskId,
                            h.files,
                            null,
                            true,
                            h.cost,
                            h.creditsCost)));
        case SUBMITTED -> {
          String taskId = Objects.requireNonNull(h.taskId, "task id");
          actions.add(() -> engine.resume(job, taskId));
        }
        case FAILED -> {
          if (options.retryFailed()) {
            actions.add(() -> engine.enqueue(job));
          } else {
            actions.add(
                () ->
                    engine.settled(
                        new LineResult(
                            line.number(),
                            Status.FAILED,
                            h.taskId,
                            List.of(),
                            "task "
                                + h.taskId
                                + " "
                                + (h.reason == null ? "failed" : h.reason)
                                + " (earlier run); --retry-failed submits it again",
                            true)));
          }
        }
        case UNKNOWN -> {
          if (options.resubmitUnknown()) {
            err.println(
                "note: line "
                    + line.number()
                    + ": its earlier submission's outcome is unknown; submitting it again as"
                    + " --resubmit-unknown asks (it may be billed twice)");
            BatchEngine.Job again = new BatchEngine.Job(line, stem, true);
            actions.add(() -> engine.enqueue(again));
          } else {
            err.println(
                "note: line "
                    + line.number()
                    + ": its earlier submission's outcome is unknown (a task may exist and be"
                    + " billed); left alone — --resubmit-unknown submits it again");
            actions.add(
                () ->
                    engine.settled(
                        new LineResult(
                            line.number(),
                            Status.UNKNOWN,
                            null,
                            List.of(),
                            "submission outcome unknown since "
                                + h.lastEventAt
                                + " ("
                                + h.reason
                                + "); left alone — a task may exist and be billed. Check your"
                                + " ApiMart console; --resubmit-unknown submits it again",
                            true)));
          }
        }
      }
    }
    if (conflicts.isEmpty()) {
      if (options.skipInvalid()) {
        for (BatchInput.Problem p : input.problems()) {
          actions.add(
              () ->
                  engine.settled(
                      new LineResult(
                          p.line(), Status.INVALID, null, List.of(), p.message(), false)));
        }
      }
      actions.forEach(Runnable::run);
    }
    return conflicts;
  }

  private static String describeEarlier(Ledger.LineHistory h) {
    return switch (h.state) {
      case DONE -> "it was generated as task " + h.taskId + " (" + String.join(", ", h.files) + ")";
      case SUBMITTED -> "it was submitted as task " + h.taskId;
      case FAILED -> "its task " + h.taskId + " failed";
      case UNKNOWN -> "its submission's outcome is unknown (a task may exist)";
      case NOT_CREATED -> "it was refused";
    };
  }

  private int report(BatchOptions options, BatchEngine engine, Instant started) {
    Map<Integer, LineResult> results = engine.results();
    int exit = LineResult.exitCode(results.values());
    Duration elapsed = Duration.between(started, clock.instant());
    Map<Status, Integer> counts = new LinkedHashMap<>();
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    long totalImages = 0;
    BigDecimal cost = null;
    BigDecimal credits = null;
    int paid = 0;
    int withoutCost = 0;
    for (LineResult r : results.values()) {
      if (r.paid()) {
        paid++;
        if (r.cost() == null && r.creditsCost() == null) {
          withoutCost++;
        }
        if (r.cost() != null) {
          cost = cost == null ? r.cost() : cost.add(r.cost());
        }
        if (r.creditsCost() != null) {
          credits = credits == null ? r.creditsCost() : credits.add(r.creditsCost());
        }
      }
      counts.merge(r.status(), 1, Integer::sum);
      if (r.status() == Status.DONE) {
        totalImages += r.files().size();
      }
    }
    if (options.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("input", options.input().toString());
      json.put("out", options.outDir().toString());
      json.put("ledger", options.outDir().resolve(Ledger.FILE_NAME).toString());
      json.put("pace", pace(options));
      json.put("exit_code", exit);
      json.put("elapsed_ms", elapsed.toMillis());
      Map<String, Object> countJson = new LinkedHashMap<>();
      countJson.put("lines", results.size());
      counts.forEach((s, n) -> countJson.put(s.word(), n));
      json.put("counts", countJson);
      json.put("images", totalImages);
      json.put("cost", cost);
      json.put("credits_cost", credits);
      json.put("lines_without_cost", withoutCost);
      json.put("submissions", engine.submissions());
      json.put("refused", engine.refusals());
      List<Map<String, Object>> lines = new ArrayList<>();
      for (LineResult r : results.values()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line", r.line());
        line.put("status", r.status().word());
        line.put("task_id", r.taskId());
        line.put(
            "files", r.files().stream().map(f -> options.outDir().resolve(f).toString()).toList());
        line.put("earlier_run", r.earlier());
        line.put("cost", r.cost());
        line.put("credits_cost", r.creditsCost());
        if (r.status() != Status.DONE) {
          line.put("error", r.message());
        }
        lines.add(line);
      }
      json.put("lines", lines);
      if (exit != 0) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "incomplete");
        error.put(
            "message",
            (results.size() - counts.get(Status.DONE))
                + " of "
                + results.size()
                + " lines did not produce their images");
        error.put("exit_code", exit);
        json.put("error", error);
        json.put("resume", options.commandLine());
      }
      out.println(JSON.writeValueAsString(json));
      return exit;
    }
    StringBuilder summary = new StringBuilder();
    summary
        .append("batch ")
        .append(options.input().getFileName())
        .append(": ")
        .append(counts.get(Status.DONE))
        .append(" of ")
        .append(results.size())
        .append(results.size() == 1 ? " line" : " lines")
        .append(" done, ")
        .append(totalImages)
        .append(totalImages == 1 ? " image" : " images")
        .append(" in ")
        .append(Durations.clock(elapsed));
    List<String> others = new ArrayList<>();
    counts.forEach(
        (s, n) -> {
          if (s != Status.DONE && n > 0) {
            others.add(n + " " + s.word().replace('_', ' '));
          }
        });
    if (!others.isEmpty()) {
      summary.append(" — ").append(String.join(", ", others));
    }
    summary
        .append(" (")
        .append(pace(options))
        .append("; ")
        .append(engine.submissions())
        .append(engine.submissions() == 1 ? " submission" : " submissions")
        .append(", ")
        .append(engine.refusals())
        .append(" refused by the service for its rate)");
    out.println(summary);
    costLine(paid, withoutCost, cost, credits).ifPresent(out::println);
    int listed = 0;
    for (LineResult r : results.values()) {
      if (r.status() == Status.DONE) {
        continue;
      }
      if (listed++ == MAX_LISTED) {
        out.println("  … and more: see the ledger or run with --json");
        break;
      }
      out.println("  line " + r.line() + ": " + r.status().word() + " — " + r.message());
    }
    if (exit != 0) {
      out.println(
          "Ledger: "
              + options.outDir().resolve(Ledger.FILE_NAME)
              + " — re-run the same command to resume: "
              + options.commandLine());
    }
    return exit;
  }

  /**
   * The cost of the lines whose tasks finished: the sum of what the service reported and how many
   * had no reported cost (their cost is unknown, not zero); empty when no task finished.
   */
  static java.util.Optional<String> costLine(
      int paid, int withoutCost, @Nullable BigDecimal cost, @Nullable BigDecimal credits) {
    if (paid == 0) {
      return java.util.Optional.empty();
    }
    String unknown =
        withoutCost == 0
            ? ""
            : withoutCost
                + (withoutCost == 1 ? " line" : " lines")
                + " had no reported cost (unknown, not free)";
    if (withoutCost == paid) {
      return java.util.Optional.of("cost: not reported by the service; " + unknown);
    }
    String known =
        cost != null
            ? cost.toPlainString()
                + " USD"
                + (credits == null ? "" : " (" + credits.toPlainString() + " credits)")
            : credits.toPlainString() + " credits";
    return java.util.Optional.of(
        "cost: "
            + known
            + (withoutCost == 0
                ? ""
                : " for the " + (paid - withoutCost) + " lines that reported it; " + unknown));
  }

  private static String pace(BatchOptions options) {
    return options.concurrency().isPresent()
        ? "fixed concurrency " + options.concurrency().getAsInt()
        : "adaptive";
  }

  private int refuseLines(BatchOptions options, List<BatchInput.Problem> problems) {
    Set<Integer> lines = new java.util.LinkedHashSet<>();
    problems.forEach(p -> lines.add(p.line()));
    lines.remove(0);
    List<String> messages = problems.stream().map(BatchInput.Problem::toString).toList();
    String hint =
        lines.isEmpty()
            ? "Nothing was submitted."
            : "Nothing was submitted. Fix "
                + (lines.size() == 1 ? "it" : "them")
                + " and run again, or pass --skip-invalid to run the valid lines only.";
    return refuse(options, "invalid_input", messages, List.of(hint));
  }

  /** Nothing was submitted: says why (all of it) and exits 2. */
  private int refuse(BatchOptions options, String type, List<String> problems, List<String> hints) {
    int exit = Status.INVALID.exitCode();
    String headline =
        problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + " with the batch, nothing was submitted";
    err.println("error: " + headline + ":");
    int listed = 0;
    for (String p : problems) {
      if (listed++ == MAX_LISTED) {
        err.println("  … and " + (problems.size() - MAX_LISTED) + " more");
        break;
      }
      err.println("  - " + p);
    }
    hints.forEach(err::println);
    if (options.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("input", options.input().toString());
      json.put("out", options.outDir().toString());
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("type", type);
      error.put("message", headline);
      error.put("exit_code", exit);
      json.put("error", error);
      json.put("problems", problems);
      out.println(JSON.writeValueAsString(json));
    }
    return exit;
  }

  /** The output folder must be creatable and writable before anything is paid for: try it. */
  private static void checkOutDir(Path dir, List<String> problems) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      problems.add("--out: '" + dir + "' exists and is not a folder");
      return;
    }
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".apimart-batch-", ".probe");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException e) {
      problems.add("--out: cannot write into '" + dir + "' (" + e.getMessage() + ")");
    }
  }

  /** Builds a {@link BatchRunner}; only the clients are required. Not thread-safe. */
  public static final class Builder {
    private ApiMartClient.@Nullable Builder clients;
    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private Clock clock = Clock.systemUTC();
    private @Nullable Scheduler scheduler;

    private Builder() {}

    /** The client configuration, as for generate (see the class documentation). Required. */
    public Builder clients(ApiMartClient.Builder clients) {
      this.clients = Objects.requireNonNull(clients, "clients");
      return this;
    }

    /** Where the summary or the JSON report goes; default {@code System.out}. */
    public Builder out(PrintStream out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /** Where notes, line news and the progress line go; default {@code System.err}. */
    public Builder err(PrintStream err) {
      this.err = Objects.requireNonNull(err, "err");
      return this;
    }

    /** The clock for the pace, the ledger's times and elapsed times; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the batch schedules its pauses (the pace, {@code Retry-After}); default a daemon thread
     * of its own. Tests give a virtual-time one, with the same clock.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The runner. */
    public BatchRunner build() {
      return new BatchRunner(this);
    }
  }

  private static final class Daemons implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    Daemons(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
