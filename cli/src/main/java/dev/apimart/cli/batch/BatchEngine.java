package dev.apimart.cli.batch;

import dev.apimart.cli.batch.LineResult.Status;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.Scheduler;
import dev.apimart.core.client.WaitOptions;
import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.AuthenticationException;
import dev.apimart.core.error.ClientClosedException;
import dev.apimart.core.error.InsufficientBalanceException;
import dev.apimart.core.error.InvalidRequestException;
import dev.apimart.core.error.PermissionDeniedException;
import dev.apimart.core.error.RateLimitedException;
import dev.apimart.core.error.RequestRejectedException;
import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.SubmissionOutcomeUnknownException;
import dev.apimart.core.error.TaskCancelledException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.TransportException;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs the lines of a batch: submits them at the gate's pace, waits for their tasks, saves their
 * images, and writes every step to the ledger before the next one.
 *
 * <p>All state lives on one thread, the caller's: answers from the service (which arrive on the
 * clients' threads) and timer wake-ups are posted to a queue of events and handled there in order,
 * so nothing here needs a lock and the ledger sees one writer. Waiting is asynchronous — a line in
 * flight holds no thread — and timed pauses go through the injected {@link Scheduler}, so tests run
 * in virtual time.
 */
final class BatchEngine {

  /** How often one line may be refused (429, 503, unreachable) before it is left for a re-run. */
  static final int MAX_REFUSALS = 8;

  private static final Duration REDRAW = Duration.ofMillis(200);

  /** One line on its way through the batch. */
  static final class Job {
    final BatchInput.Line line;
    final String stem;
    final boolean afterUnknown;
    int refusals;
    int attempts;
    Instant notBefore = Instant.MIN;

    Job(BatchInput.Line line, String stem, boolean afterUnknown) {
      this.line = line;
      this.stem = stem;
      this.afterUnknown = afterUnknown;
    }

    int number() {
      return line.number();
    }

    String hash() {
      return line.hash();
    }
  }

  private final BatchOptions options;
  private final ApiMartClient submitter;
  private final ApiMartClient waiter;
  private final Scheduler scheduler;
  private final Clock clock;
  private final PrintStream err;
  private final Ledger ledger;
  private final SubmitGate gate;
  private final Executor saves;
  private final boolean terminal;

  private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final Deque<Job> ready = new ArrayDeque<>();
  private final PriorityQueue<Job> delayed =
      new PriorityQueue<>(
          Comparator.comparing((Job j) -> j.notBefore).thenComparingInt(Job::number));
  private final Map<Integer, LineResult> results = new TreeMap<>();
  private int inFlight;
  private int total;
  private @Nullable Instant wakeAt;
  private @Nullable String stopReason;
  private Status stopStatus = Status.NOT_SUBMITTED;
  private long submissions;
  private long refusals;
  private long images;
  private int finishedThisRun;
  private Instant started = Instant.EPOCH;
  private Instant lastDraw = Instant.MIN;
  private boolean barShown;
  private volatile String snapshot = "";
  private volatile int runningNow;

  BatchEngine(
      BatchOptions options,
      ApiMartClient submitter,
      ApiMartClient waiter,
      Scheduler scheduler,
      Clock clock,
      PrintStream err,
      Ledger ledger,
      SubmitGate gate,
      Executor saves) {
    this.options = options;
    this.submitter = submitter;
    this.waiter = waiter;
    this.scheduler = scheduler;
    this.clock = clock;
    this.err = err;
    this.ledger = ledger;
    this.gate = gate;
    this.saves = saves;
    this.terminal = options.terminal();
  }

  /** Results so far, by line number. */
  Map<Integer, LineResult> results() {
    return results;
  }

  long submissions() {
    return submissions;
  }

  long refusals() {
    return refusals;
  }

  long images() {
    return images;
  }

  SubmitGate gate() {
    return gate;
  }

  /** Lines in flight at the last event (read from other threads, for Ctrl-C). */
  int runningNow() {
    return runningNow;
  }

  /** The progress line's text at the last event (read from other threads). */
  String snapshot() {
    return snapshot;
  }

  /** A line finished by an earlier run, or left alone by this one. */
  void settled(LineResult result) {
    results.put(result.line(), result);
    total++;
  }

  /** A line whose task exists: wait for it (and save its images). */
  void resume(Job job, String taskId) {
    total++;
    inFlight++;
    note(job.number(), "waiting for task " + taskId + " (submitted by an earlier run)", false);
    startWait(job, taskId);
  }

  /** A line to submit. */
  void enqueue(Job job) {
    total++;
    ready.addLast(job);
  }

  /**
   * Runs until every line is settled.
   *
   * @throws InterruptedException when the calling thread is interrupted: nothing new is submitted,
   *     the ledger holds everything submitted so far
   */
  void run() throws InterruptedException {
    started = clock.instant();
    try {
      while (true) {
        pump();
        if (ready.isEmpty() && delayed.isEmpty() && inFlight == 0) {
          break;
        }
        Runnable event = terminal ? events.poll(1, TimeUnit.SECONDS) : events.take();
        while (event != null) {
          event.run();
          event = events.poll();
        }
        draw(false);
      }
    } finally {
      runningNow = inFlight;
      clearBar();
    }
  }

  /** Starts what the gate allows now; asks to be woken for what it allows later. */
  private void pump() {
    Instant now = clock.instant();
    while (!delayed.isEmpty() && !delayed.peek().notBefore.isAfter(now)) {
      ready.addLast(delayed.poll());
    }
    if (stopReason != null) {
      for (Job job : ready) {
        finish(job, stopStatus, null, List.of(), stopReason);
      }
      for (Job job : delayed) {
        finish(job, stopStatus, null, List.of(), stopReason);
      }
      ready.clear();
      delayed.clear();
      return;
    }
    while (!ready.isEmpty()) {
      Optional<Instant> at = gate.nextStart(now, inFlight);
      if (at.isEmpty()) {
        break;
      }
      if (at.get().isAfter(now)) {
        wakeUpAt(at.get(), now);
        break;
      }
      submit(ready.pollFirst(), now);
      now = clock.instant();
    }
    if (!delayed.isEmpty()) {
      wakeUpAt(delayed.peek().notBefore, now);
    }
    runningNow = inFlight;
  }

  private void wakeUpAt(Instant at, Instant now) {
    Instant pending = wakeAt;
    if (pending != null && !pending.isAfter(at) && pending.isAfter(now)) {
      return;
    }
    wakeAt = at;
    scheduler.schedule(
        Duration.between(now, at),
        () ->
            events.add(
                () -> {
                  if (at.equals(wakeAt)) {
                    wakeAt = null;
                  }
                }));
  }

  private void submit(Job job, Instant now) {
    SubmitGate.Ticket ticket = gate.started(now);
    job.attempts++;
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("attempt", job.attempts);
    if (job.afterUnknown && job.attempts == 1) {
      fields.put("after_unknown", true);
    }
    try {
      ledger.append(now, job.number(), job.hash(), "intent", fields);
    } catch (IOException e) {
      stopReason =
          "not submitted: the ledger '"
              + ledger.file()
              + "' cannot be written ("
              + e.getMessage()
              + "), and nothing is sent that it cannot record";
      finish(job, Status.NOT_SUBMITTED, null, List.of(), stopReason);
      return;
    }
    inFlight++;
    submissions++;
    submitter
        .submitAsync(job.line.request())
        .whenComplete((id, error) -> events.add(() -> onSubmitted(job, ticket, id, error)));
  }

  private void onSubmitted(
      Job job, SubmitGate.Ticket ticket, @Nullable TaskId id, @Nullable Throwable error) {
    Instant now = clock.instant();
    if (error == null && id != null) {
      boolean recorded = record(now, job, "submitted", Map.of("task_id", id.value()));
      gate.accepted(now, ticket);
      if (!recorded) {
        stopReason = "not submitted: the ledger '" + ledger.file() + "' could not record a task id";
        say(
            "line "
                + job.number()
                + ": task "
                + id
                + " was submitted but the ledger could not record it; keep this id — save its"
                + " images with: apimart wait "
                + id
                + " --out "
                + options.outDir());
      }
      note(job.number(), "submitted task " + id, false);
      startWait(job, id.value());
      return;
    }
    RuntimeException failure = unwrap(error);
    if (refusedBeforeWork(failure)) {
      Optional<Duration> retryAfter = retryAfter(failure);
      refusals++;
      job.refusals++;
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("reason", describe(failure));
      retryAfter.ifPresent(d -> fields.put("retry_after_ms", d.toMillis()));
      record(now, job, "refused", fields);
      gate.refused(now, ticket, retryAfter);
      inFlight--;
      if (job.refusals >= MAX_REFUSALS) {
        finish(
            job,
            Status.NOT_SUBMITTED,
            null,
            List.of(),
            "not submitted: refused "
                + job.refusals
                + " times ("
                + describe(failure)
                + "); nothing was created — re-run the same command to try it again");
        return;
      }
      Duration delay = gate.lineDelay(job.refusals, retryAfter);
      if (delay.isZero()) {
        ready.addFirst(job);
      } else {
        job.notBefore = now.plus(delay);
        delayed.add(job);
      }
      return;
    }
    inFlight--;
    if (failure instanceof SubmissionOutcomeUnknownException
        || failure instanceof ClientClosedException closed
            && (closed.submissionOutcomeUnknown() || closed.taskId().isPresent())
        || failure instanceof TransportException t
            && t.kind() == TransportException.Kind.CANCELLED) {
      record(now, job, "unknown", Map.of("reason", describe(failure)));
      finish(
          job,
          Status.UNKNOWN,
          null,
          List.of(),
          "submission outcome unknown ("
              + describe(failure)
              + "): a task may exist and be billed; it is not submitted again unless you re-run"
              + " with --resubmit-unknown");
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("reason", describe(failure));
    if (failure instanceof ApiMartException a && a.httpStatus().isPresent()) {
      fields.put("http_status", a.httpStatus().getAsInt());
    }
    record(now, job, "rejected", fields);
    Status status;
    if (failure instanceof AuthenticationException
        || failure instanceof InsufficientBalanceException) {
      status = Status.ACCOUNT;
      if (stopReason == null) {
        stopReason =
            "not submitted: the batch stopped submitting after "
                + describe(failure)
                + " — re-run the same command once that is fixed";
        stopStatus = Status.ACCOUNT;
      }
    } else if (failure instanceof PermissionDeniedException) {
      status = Status.ACCOUNT;
    } else if (failure instanceof InvalidRequestException
        || failure instanceof RequestRejectedException) {
      status = Status.INVALID;
    } else {
      status = Status.NOT_SUBMITTED;
    }
    finish(job, status, null, List.of(), "refused by the service: " + describe(failure));
  }

  private void startWait(Job job, String taskId) {
    WaitOptions.Builder wait = WaitOptions.builder();
    options
        .timeout()
        .ifPresent(t -> wait.polling(waiter.pollingOptions().toBuilder().timeout(t).build()));
    waiter
        .waitForAsync(TaskId.of(taskId), wait.build())
        .whenComplete((result, error) -> events.add(() -> onWaited(job, taskId, result, error)));
  }

  private void onWaited(
      Job job, String taskId, @Nullable GenerationResult result, @Nullable Throwable error) {
    Instant now = clock.instant();
    if (error == null && result != null) {
      List<GeneratedImage> found = result.images();
      saves.execute(
          () -> {
            ImageSaver.Saved saved;
            try {
              saved = ImageSaver.save(waiter, found, options.outDir(), job.stem, taskId);
            } catch (RuntimeException e) {
              saved = new ImageSaver.Saved(List.of(), List.of(String.valueOf(e.getMessage())));
            }
            ImageSaver.Saved done = saved;
            events.add(() -> onSaved(job, taskId, found, done, result.task()));
          });
      return;
    }
    inFlight--;
    RuntimeException failure = unwrap(error);
    if (failure instanceof TaskFailedException || failure instanceof TaskCancelledException) {
      record(now, job, "failed", Map.of("task_id", taskId, "reason", describe(failure)));
      finish(job, Status.FAILED, taskId, List.of(), "task " + taskId + " " + describe(failure));
    } else if (failure instanceof WaitTimeoutException timeout) {
      String seen = timeout.lastSeen().map(t -> " (last seen " + t.rawStatus() + ")").orElse("");
      record(now, job, "timed_out", Map.of("task_id", taskId));
      finish(
          job,
          Status.TIMED_OUT,
          taskId,
          List.of(),
          "task "
              + taskId
              + " did not finish"
              + options.timeout().map(t -> " within --timeout " + Durations.human(t)).orElse("")
              + seen
              + "; it may still — re-run the same command to keep waiting");
    } else {
      record(now, job, "wait_failed", Map.of("task_id", taskId, "reason", describe(failure)));
      finish(
          job,
          Status.WAIT_FAILED,
          taskId,
          List.of(),
          "waiting for task "
              + taskId
              + " failed: "
              + describe(failure)
              + " — re-run the same command to wait again");
    }
  }

  private void onSaved(
      Job job, String taskId, List<GeneratedImage> found, ImageSaver.Saved saved, Task task) {
    Instant now = clock.instant();
    inFlight--;
    images += saved.files().size();
    if (saved.complete()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("task_id", taskId);
      fields.put("files", saved.files());
      costFields(fields, task);
      record(now, job, "completed", fields);
      finish(job, Status.DONE, taskId, saved.files(), null, task);
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("task_id", taskId);
    fields.put("files", saved.files());
    costFields(fields, task);
    fields.put("reason", String.join("; ", saved.problems()));
    record(now, job, "save_failed", fields);
    String expiry =
        found.stream()
            .map(GeneratedImage::expiresAt)
            .filter(java.util.Objects::nonNull)
            .min(Comparator.naturalOrder())
            .map(at -> " before " + at)
            .orElse("");
    finish(
        job,
        Status.SAVE_FAILED,
        taskId,
        saved.files(),
        "task "
            + taskId
            + " finished, but "
            + String.join("; ", saved.problems())
            + " — the images are paid for: re-run the same command"
            + expiry
            + " to save them",
        task);
  }

  /** The task's reported cost in a ledger event; nothing when unknown (never a zero). */
  private static void costFields(Map<String, Object> fields, Task task) {
    if (task.cost() != null) {
      fields.put("cost", task.cost());
    }
    if (task.creditsCost() != null) {
      fields.put("credits_cost", task.creditsCost());
    }
  }

  /** Writes an event; a failure is said (the batch goes on) and reported as false. */
  private boolean record(Instant now, Job job, String event, Map<String, ?> fields) {
    try {
      ledger.append(now, job.number(), job.hash(), event, fields);
      return true;
    } catch (IOException e) {
      say(
          "warning: the ledger '"
              + ledger.file()
              + "' could not record line "
              + job.number()
              + " "
              + event
              + ": "
              + e.getMessage());
      return false;
    }
  }

  private void finish(
      Job job,
      Status status,
      @Nullable String taskId,
      List<String> files,
      @Nullable String message) {
    finish(job, status, taskId, files, message, null);
  }

  private void finish(
      Job job,
      Status status,
      @Nullable String taskId,
      List<String> files,
      @Nullable String message,
      @Nullable Task task) {
    results.put(
        job.number(),
        new LineResult(
            job.number(),
            status,
            taskId,
            files,
            message,
            false,
            task == null ? null : task.cost(),
            task == null ? null : task.creditsCost()));
    finishedThisRun++;
    if (status == Status.DONE) {
      note(
          job.number(),
          "done, " + files.size() + (files.size() == 1 ? " image" : " images"),
          false);
    } else {
      note(job.number(), message == null ? status.word() : message, true);
    }
  }

  /** A line's news: above the bar on a terminal (problems only), else one line each. */
  private void note(int line, String text, boolean problem) {
    if (terminal && !problem) {
      return;
    }
    say("line " + line + ": " + text);
  }

  private void say(String text) {
    clearBar();
    err.println(text);
    draw(true);
  }

  private void draw(boolean force) {
    Instant now = clock.instant();
    snapshot = progressLine(now);
    if (!terminal) {
      return;
    }
    if (!force && Duration.between(lastDraw, now).compareTo(REDRAW) < 0 && barShown) {
      return;
    }
    lastDraw = now;
    err.print("\r" + snapshot + "\u001b[K");
    err.flush();
    barShown = true;
  }

  private void clearBar() {
    if (terminal && barShown) {
      err.print("\r\u001b[K");
      err.flush();
      barShown = false;
    }
  }

  /** {@code 412 done · 3 failed · 48 running · 537 queued · 824 images · 0:41 · ETA 0:58}. */
  String progressLine(Instant now) {
    int done = 0;
    int failed = 0;
    for (LineResult r : results.values()) {
      if (r.status() == Status.DONE) {
        done++;
      } else {
        failed++;
      }
    }
    int queued = ready.size() + delayed.size();
    Duration elapsed = Duration.between(started, now);
    String eta = "";
    int left = queued + inFlight;
    if (finishedThisRun > 0 && left > 0 && !elapsed.isZero()) {
      double perLine = elapsed.toNanos() / (double) finishedThisRun;
      eta = " · ETA " + Durations.clock(Duration.ofNanos((long) (perLine * left)));
    }
    return String.format(
        Locale.ROOT,
        "%d done · %d failed · %d running · %d queued · %d images · %s%s · pace %s",
        done,
        failed,
        inFlight,
        queued,
        images,
        Durations.clock(elapsed),
        eta,
        gate.describe());
  }

  static boolean refusedBeforeWork(RuntimeException failure) {
    if (failure instanceof RateLimitedException) {
      return true;
    }
    if (failure instanceof ServerException s) {
      return s.httpStatus().orElse(0) == 503;
    }
    return failure instanceof TransportException t
        && t.kind() == TransportException.Kind.CONNECT_FAILED;
  }

  private static Optional<Duration> retryAfter(RuntimeException failure) {
    if (failure instanceof RateLimitedException r) {
      return r.retryAfter();
    }
    if (failure instanceof ServerException s) {
      return s.retryAfter();
    }
    return Optional.empty();
  }

  static RuntimeException unwrap(@Nullable Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new IllegalStateException(String.valueOf(cause), cause);
  }

  /** A failure in CLI words: HTTP status and the service's message, never a Java type alone. */
  static String describe(RuntimeException failure) {
    if (failure instanceof TaskFailedException f) {
      return "failed on the service" + (f.task().error() == null ? "" : ": " + f.task().error());
    }
    if (failure instanceof TaskCancelledException) {
      return "was cancelled on the service";
    }
    if (failure instanceof RateLimitedException r) {
      return "rate limited (HTTP 429"
          + r.retryAfter().map(d -> ", retry after " + Durations.human(d)).orElse("")
          + ")";
    }
    if (failure instanceof TransportException t) {
      return switch (t.kind()) {
        case CONNECT_FAILED -> "could not connect: " + t.getMessage();
        case TIMEOUT -> "no answer in time: " + t.getMessage();
        case CONNECTION_LOST -> "the connection broke: " + t.getMessage();
        case CANCELLED -> "stopped before an answer came";
        case OTHER -> t.getMessage();
      };
    }
    if (failure instanceof ClientClosedException) {
      return "the command stopped before an answer came";
    }
    if (failure instanceof SubmissionOutcomeUnknownException u) {
      Throwable cause = u.getCause();
      String why =
          cause instanceof RuntimeException r && cause != failure
              ? describe(r)
              : "no usable answer";
      return "sent, but " + why;
    }
    if (failure instanceof ApiMartException a) {
      String status = a.httpStatus().isPresent() ? "HTTP " + a.httpStatus().getAsInt() + ": " : "";
      return status + a.serverMessage().orElse(String.valueOf(a.getMessage()));
    }
    return String.valueOf(failure.getMessage());
  }

  /** Where the images go, for messages. */
  Path outDir() {
    return options.outDir();
  }

  /** Lines settled by this run so far. */
  List<LineResult> settledThisRun() {
    List<LineResult> list = new ArrayList<>();
    results.values().stream().filter(r -> !r.earlier()).forEach(list::add);
    return list;
  }

  int total() {
    return total;
  }
}
