package dev.apimart.testkit.internal;

import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.UrlShape;
import dev.apimart.testkit.internal.SubmissionParser.Submission;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fake's state: tasks, scripts and the balance. A task's status is a function of the fake clock
 * (and, when enabled, of how often it was polled), computed when asked, so no thread drives tasks;
 * tasks whose time has come are settled — billed or released — at the start of every operation.
 * Every method is thread-safe (one lock; work done under it is small).
 */
public final class TaskStore {

  private static final long NEVER = Long.MAX_VALUE;
  private static final int STALLED_PROGRESS = 95;

  private final FakeSettings settings;
  private final FakeClock clock;
  private final String baseUrl;
  private final Object lock = new Object();

  private final LinkedHashMap<String, TaskRecord> tasks = new LinkedHashMap<>();
  private final PriorityQueue<TaskRecord> due = new PriorityQueue<>(new ByDueTime());
  private final Deque<Outcome> nextOutcomes = new ArrayDeque<>();
  private final List<PromptRule> promptRules = new ArrayList<>();
  private @Nullable BigDecimal remaining;
  private BigDecimal used = BigDecimal.ZERO;
  private BigDecimal reserved = BigDecimal.ZERO;
  private @Nullable String lastTaskId;

  /**
   * @param settings the configuration
   * @param clock the fake clock
   * @param baseUrl the server's base URL, for image URLs
   */
  public TaskStore(FakeSettings settings, FakeClock clock, String baseUrl) {
    this.settings = settings;
    this.clock = clock;
    this.baseUrl = baseUrl;
    this.remaining = settings.initialBalance();
  }

  /** What a submission led to. */
  public sealed interface SubmitResult {}

  /** The task was created. */
  public record Created(String taskId) implements SubmitResult {}

  /** The balance cannot pay for the images asked for. */
  public record InsufficientBalance(BigDecimal cost, BigDecimal available)
      implements SubmitResult {}

  /** What the balance endpoints show. */
  public record BalanceView(@Nullable BigDecimal remaining, BigDecimal used) {}

  /** Where an image file stands. */
  public sealed interface ImageLookup {}

  /** The file exists. */
  public record ImageFound(PixelSize size, long seed, String comment) implements ImageLookup {}

  /** No such file (unknown task or index, not completed, or scripted missing). */
  public record ImageMissing() implements ImageLookup {}

  /** The URL's lifetime is over. */
  public record ImageExpired() implements ImageLookup {}

  /** Creates a task for a valid submission, unless the balance cannot pay for it. */
  public SubmitResult submit(Submission s) {
    synchronized (lock) {
      long now = clock.nanos();
      settleDue(now);
      BigDecimal unit =
          settings
              .price(s.model())
              .add(s.promptExtend() ? settings.promptExtendSurcharge() : BigDecimal.ZERO);
      BigDecimal cost = unit.multiply(BigDecimal.valueOf(s.n()));
      if (remaining != null) {
        BigDecimal available = remaining.subtract(reserved);
        if (available.compareTo(cost) < 0) {
          return new InsufficientBalance(cost, available.max(BigDecimal.ZERO));
        }
        reserved = reserved.add(cost);
      }
      Outcome outcome = pickOutcome(s.prompt());
      long estimated = FakeClock.toNanos(settings.duration(s.model()));
      long actual =
          outcome.kind() == Outcome.Kind.NEVER_FINISHES
              ? NEVER
              : outcome.duration().map(FakeClock::toNanos).orElse(estimated);
      String id;
      do {
        id = TaskIds.next(clock.instant(now));
      } while (tasks.containsKey(id));
      TaskRecord t =
          new TaskRecord(
              id,
              s.model(),
              s.prompt(),
              s.pixelSize(),
              s.n(),
              cost,
              now,
              estimated,
              actual,
              outcome,
              outcome.urlShape().orElse(settings.urlShape()));
      tasks.put(id, t);
      if (actual != NEVER) {
        due.add(t);
      }
      lastTaskId = id;
      evictIfFull();
      return new Created(id);
    }
  }

  /** Reads a task as a client's poll: counts the poll, then snapshots. */
  public Optional<FakeTask> poll(String taskId) {
    synchronized (lock) {
      long now = clock.nanos();
      settleDue(now);
      TaskRecord t = tasks.get(taskId);
      if (t == null) {
        return Optional.empty();
      }
      t.polls++;
      return Optional.of(snapshot(t, now));
    }
  }

  /** Reads a task without counting a poll. */
  public Optional<FakeTask> peek(String taskId) {
    synchronized (lock) {
      long now = clock.nanos();
      settleDue(now);
      TaskRecord t = tasks.get(taskId);
      return t == null ? Optional.empty() : Optional.of(snapshot(t, now));
    }
  }

  /** Every task held, oldest first. */
  public List<FakeTask> all() {
    synchronized (lock) {
      long now = clock.nanos();
      settleDue(now);
      List<FakeTask> list = new ArrayList<>(tasks.size());
      for (TaskRecord t : tasks.values()) {
        list.add(snapshot(t, now));
      }
      return list;
    }
  }

  /** The most recently submitted task, if it is still held. */
  public Optional<FakeTask> last() {
    synchronized (lock) {
      return lastTaskId == null ? Optional.empty() : peek(lastTaskId);
    }
  }

  /** How many tasks are held. */
  public int size() {
    synchronized (lock) {
      return tasks.size();
    }
  }

  /** Finishes a task now as completed, failed or cancelled. */
  public FakeTask finishNow(
      String taskId, TaskStatus status, @Nullable String code, @Nullable String message) {
    synchronized (lock) {
      long now = clock.nanos();
      settleDue(now);
      TaskRecord t = tasks.get(taskId);
      if (t == null) {
        throw new IllegalArgumentException("FakeApiMart holds no task '" + taskId + "'");
      }
      if (t.terminal != null) {
        throw new IllegalStateException(
            "task "
                + taskId
                + " already finished as "
                + t.terminal.name().toLowerCase(Locale.ROOT));
      }
      finish(t, status, now, effectiveElapsed(t, now), code, message);
      return snapshot(t, now);
    }
  }

  /** Moves the clock and settles what became due. */
  public void advance(Duration duration) {
    synchronized (lock) {
      clock.advance(duration);
      settleDue(clock.nanos());
    }
  }

  /** Where an image file stands. */
  public ImageLookup image(String taskId, int index) {
    synchronized (lock) {
      long now = clock.nanos();
      settleDue(now);
      TaskRecord t = tasks.get(taskId);
      if (t == null
          || t.terminal != TaskStatus.COMPLETED
          || index < 1
          || index > t.n
          || t.outcome.imagesMissing()) {
        return new ImageMissing();
      }
      long lifetime = FakeClock.toNanos(settings.imageLifetime());
      if (now - t.finished >= lifetime) {
        return new ImageExpired();
      }
      long seed = t.id.hashCode() * 31L + index;
      return new ImageFound(t.size, seed, "FakeApiMart " + t.id + " image " + index + " of " + t.n);
    }
  }

  /** The balance. */
  public BalanceView balance() {
    synchronized (lock) {
      settleDue(clock.nanos());
      return new BalanceView(remaining, used);
    }
  }

  /** Sets the remaining balance. */
  public void setBalance(BigDecimal balance) {
    synchronized (lock) {
      settleDue(clock.nanos());
      remaining = balance;
    }
  }

  /** Scripts the outcome of the next task (queued, first in first out). */
  public void onNextTask(Outcome outcome) {
    synchronized (lock) {
      nextOutcomes.add(outcome);
    }
  }

  /** Scripts the outcome of tasks whose prompt matches (first matching rule wins). */
  public void onPromptMatching(Pattern pattern, Outcome outcome) {
    synchronized (lock) {
      promptRules.add(new PromptRule(pattern, outcome));
    }
  }

  /** Forgets tasks and scripts and restores the starting balance; the clock keeps running. */
  public void reset() {
    synchronized (lock) {
      tasks.clear();
      due.clear();
      nextOutcomes.clear();
      promptRules.clear();
      remaining = settings.initialBalance();
      used = BigDecimal.ZERO;
      reserved = BigDecimal.ZERO;
      lastTaskId = null;
    }
  }

  private Outcome pickOutcome(String prompt) {
    Outcome next = nextOutcomes.poll();
    if (next != null) {
      return next;
    }
    for (PromptRule rule : promptRules) {
      if (rule.pattern.matcher(prompt).find()) {
        return rule.outcome;
      }
    }
    return Outcome.completes();
  }

  private void settleDue(long now) {
    TaskRecord t;
    while ((t = due.peek()) != null && t.dueAt <= now) {
      due.poll();
      if (t.terminal == null) {
        settleAtEnd(t, t.dueAt);
      }
    }
  }

  /** The task reached the end of its scripted duration at {@code when}. */
  private void settleAtEnd(TaskRecord t, long when) {
    finish(t, terminalOf(t.outcome), when, t.actual, code(t), message(t));
  }

  private void finish(
      TaskRecord t,
      TaskStatus status,
      long when,
      long elapsed,
      @Nullable String code,
      @Nullable String message) {
    t.terminal = status;
    t.finished = when;
    // Finished early (by polls or on demand): its time need not come, and the queue must not keep
    // it alive after maxTasks has forgotten it.
    due.remove(t);
    t.finalProgress = status == TaskStatus.COMPLETED ? 100 : progressAt(t, elapsed);
    t.errorCode = status == TaskStatus.FAILED ? code : null;
    t.errorMessage = status == TaskStatus.FAILED ? message : null;
    if (remaining != null) {
      reserved = reserved.subtract(t.cost);
    }
    if (status == TaskStatus.COMPLETED) {
      t.charged = t.cost;
      used = used.add(t.cost);
      if (remaining != null) {
        remaining = remaining.subtract(t.cost);
      }
    }
  }

  /** How far along the task is: by the clock, or by its polls when those are further. */
  private long effectiveElapsed(TaskRecord t, long now) {
    long elapsed = now - t.created;
    int pollsToFinish = settings.pollsToFinish();
    if (pollsToFinish > 0 && t.polls > 0) {
      long span = t.actual != NEVER ? t.actual : t.estimated;
      double fraction =
          pollsToFinish == 1 ? 1.0 : Math.min(1.0, (t.polls - 1) / (double) (pollsToFinish - 1));
      long byPolls = fraction >= 1.0 ? span : (long) (span * fraction);
      elapsed = Math.max(elapsed, byPolls);
    }
    return elapsed;
  }

  private int progressAt(TaskRecord t, long elapsed) {
    if (elapsed < queueTime(t)) {
      return 0;
    }
    int cap = t.actual == NEVER ? STALLED_PROGRESS : 99;
    if (t.estimated <= 0) {
      return cap;
    }
    long percent = (long) (100.0 * elapsed / t.estimated);
    return (int) Math.max(1, Math.min(cap, percent));
  }

  /** A task waits in the queue for the first tenth of its run. */
  private static long queueTime(TaskRecord t) {
    return Math.min(t.actual, t.estimated) / 10;
  }

  private FakeTask snapshot(TaskRecord t, long now) {
    TaskStatus status;
    int progress;
    if (t.terminal == null) {
      long elapsed = effectiveElapsed(t, now);
      if (elapsed >= t.actual) {
        finish(t, terminalOf(t.outcome), Math.min(now, t.dueAt), elapsed, code(t), message(t));
      }
    }
    if (t.terminal != null) {
      status = t.terminal;
      progress = t.finalProgress;
    } else {
      long elapsed = effectiveElapsed(t, now);
      status = elapsed < queueTime(t) ? TaskStatus.PENDING : TaskStatus.PROCESSING;
      progress = progressAt(t, elapsed);
    }
    List<URI> urls = List.of();
    if (status == TaskStatus.COMPLETED) {
      List<URI> list = new ArrayList<>(t.n);
      for (int i = 1; i <= t.n; i++) {
        list.add(URI.create(baseUrl + "/files/" + t.id + "/" + i + ".png"));
      }
      urls = List.copyOf(list);
    }
    return new FakeTask(
        t.id,
        t.model.id(),
        t.prompt,
        status,
        progress,
        t.n,
        t.size,
        urls,
        clock.instant(t.created),
        t.terminal == null ? null : clock.instant(t.finished),
        Duration.ofNanos(t.estimated),
        t.polls,
        t.charged,
        t.errorCode,
        t.errorMessage,
        t.outcome);
  }

  /** The URL shape a task's answers use. */
  public UrlShape urlShape(String taskId) {
    synchronized (lock) {
      TaskRecord t = tasks.get(taskId);
      return t == null ? settings.urlShape() : t.urlShape;
    }
  }

  private static TaskStatus terminalOf(Outcome outcome) {
    return switch (outcome.kind()) {
      case FAILS -> TaskStatus.FAILED;
      case GETS_CANCELLED -> TaskStatus.CANCELLED;
      default -> TaskStatus.COMPLETED;
    };
  }

  private static @Nullable String code(TaskRecord t) {
    return t.outcome.errorCode().orElse(null);
  }

  private static @Nullable String message(TaskRecord t) {
    return t.outcome.errorMessage().orElse(null);
  }

  private void evictIfFull() {
    if (tasks.size() <= settings.maxTasks()) {
      return;
    }
    Iterator<TaskRecord> it = tasks.values().iterator();
    while (it.hasNext()) {
      TaskRecord t = it.next();
      if (t.terminal != null) {
        it.remove();
        return;
      }
    }
    // Every task is still running: forget the oldest and release what it reserved.
    TaskRecord oldest = tasks.values().iterator().next();
    tasks.remove(oldest.id);
    due.remove(oldest);
    if (remaining != null) {
      reserved = reserved.subtract(oldest.cost);
    }
  }

  private record PromptRule(Pattern pattern, Outcome outcome) {}

  /** Orders tasks by when they finish (a class, not a lambda: no bootstrap on the start path). */
  private static final class ByDueTime implements Comparator<TaskRecord> {
    @Override
    public int compare(TaskRecord a, TaskRecord b) {
      return Long.compare(a.dueAt, b.dueAt);
    }
  }

  /** One task's state; guarded by the store's lock. */
  private static final class TaskRecord {
    final String id;
    final ModelSpec model;
    final String prompt;
    final PixelSize size;
    final int n;
    final BigDecimal cost;
    final long created;
    final long estimated;
    final long actual;
    final long dueAt;
    final Outcome outcome;
    final UrlShape urlShape;
    int polls;
    @Nullable TaskStatus terminal;
    long finished;
    int finalProgress;
    @Nullable String errorCode;
    @Nullable String errorMessage;
    BigDecimal charged = BigDecimal.ZERO;

    TaskRecord(
        String id,
        ModelSpec model,
        String prompt,
        PixelSize size,
        int n,
        BigDecimal cost,
        long created,
        long estimated,
        long actual,
        Outcome outcome,
        UrlShape urlShape) {
      this.id = Objects.requireNonNull(id);
      this.model = model;
      this.prompt = prompt;
      this.size = size;
      this.n = n;
      this.cost = cost;
      this.created = created;
      this.estimated = estimated;
      this.actual = actual;
      this.dueAt = actual == NEVER ? NEVER : saturatedAdd(created, actual);
      this.outcome = outcome;
      this.urlShape = urlShape;
    }

    private static long saturatedAdd(long a, long b) {
      long sum = a + b;
      return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
  }
}
