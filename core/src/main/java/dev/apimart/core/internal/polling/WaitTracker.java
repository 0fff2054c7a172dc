package dev.apimart.core.internal.polling;

import dev.apimart.core.error.ApiMartException;
import dev.apimart.core.error.TaskCancelledException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.error.WaitTimeoutException;
import dev.apimart.core.internal.retry.RetryEngine;
import dev.apimart.core.model.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one wait: turns each snapshot or failed status request into the next step. Not
 * thread-safe; the drivers call it one step at a time.
 */
final class WaitTracker {

  private static final Logger LOG = LoggerFactory.getLogger(WaitTracker.class);

  /** Creation times further off than this are not trusted as the task's age. */
  private static final Duration MAX_TRUSTED_AGE = Duration.ofDays(1);

  /** Server clocks may run a little ahead; up to this, a creation time "in the future" is fine. */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  enum Kind {
    POLL,
    DONE,
    FAILED
  }

  record Step(Kind kind, Duration delay, @Nullable Task task, @Nullable RuntimeException error) {
    static Step poll(Duration delay) {
      return new Step(Kind.POLL, delay, null, null);
    }

    static Step done(Task task) {
      return new Step(Kind.DONE, Duration.ZERO, task, null);
    }

    static Step failed(RuntimeException error) {
      return new Step(Kind.FAILED, Duration.ZERO, null, error);
    }
  }

  private final WaitSpec spec;
  private final Clock clock;
  private final PollPlanner planner;
  private final Instant start;
  private final Instant deadline;
  private @Nullable Task last;
  private @Nullable Task previous;
  private int failedPolls;
  private @Nullable RuntimeException lastFailure;
  private boolean finalPoll;
  private int polls;

  WaitTracker(WaitSpec spec, Clock clock) {
    this.spec = spec;
    this.clock = clock;
    this.planner = new PollPlanner(spec.settings());
    this.start = clock.instant();
    this.deadline = start.plus(spec.settings().timeout());
  }

  Instant deadline() {
    return deadline;
  }

  Step first() {
    Instant submittedAt = spec.submittedAt();
    if (submittedAt == null) {
      return pollAfter(Duration.ZERO);
    }
    Duration sinceSubmit = Duration.between(submittedAt, clock.instant());
    Duration wait = spec.settings().initialDelay().minus(sinceSubmit);
    return pollAfter(wait.isNegative() ? Duration.ZERO : wait);
  }

  Step afterSnapshot(Task task) {
    polls++;
    previous = last;
    last = task;
    failedPolls = 0;
    lastFailure = null;
    Duration age = age(task);
    try {
      spec.listener().onSnapshot(task, age);
    } catch (RuntimeException e) {
      LOG.warn("Progress listener failed for task {}; waiting goes on", task.id(), e);
    }
    switch (task.status()) {
      case COMPLETED:
        LOG.debug("Task {} completed after {} status requests", task.id(), polls);
        return Step.done(task);
      case FAILED:
        LOG.debug("Task {} failed: {}", task.id(), task.error());
        return Step.failed(new TaskFailedException(task));
      case CANCELLED:
        LOG.debug("Task {} was cancelled by the service", task.id());
        return Step.failed(new TaskCancelledException(task));
      default:
        Duration delay = planner.nextDelay(task, previous, age);
        LOG.debug(
            "Task {} is {} at {}% after {} ms (estimate {}): next status request in {} ms",
            task.id(),
            task.rawStatus(),
            task.progress(),
            age.toMillis(),
            task.estimatedTime(),
            delay.toMillis());
        return pollAfter(delay);
    }
  }

  Step afterFailure(Throwable error) {
    RuntimeException failure = RetryEngine.normalize(error);
    if (!(failure instanceof ApiMartException typed) || !typed.isTransient()) {
      LOG.debug("Waiting for task {} ends: {}", spec.taskId(), failure.getClass().getSimpleName());
      return Step.failed(failure);
    }
    failedPolls++;
    lastFailure = failure;
    if (failedPolls >= spec.settings().maxFailedPolls()) {
      LOG.debug(
          "Waiting for task {} ends: {} status requests in a row failed",
          spec.taskId(),
          failedPolls);
      return Step.failed(failure);
    }
    Task seen = last;
    Duration delay =
        seen == null ? spec.settings().minInterval() : planner.nextDelay(seen, previous, age(seen));
    Optional<Duration> retryAfter = RetryEngine.retryAfter(failure);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
      delay = retryAfter.get();
    }
    LOG.debug(
        "Status request for task {} failed ({}); next one in {} ms",
        spec.taskId(),
        failure.getClass().getSimpleName(),
        delay.toMillis());
    return pollAfter(delay);
  }

  private Step pollAfter(Duration delay) {
    Instant now = clock.instant();
    if (finalPoll || !now.isBefore(deadline)) {
      WaitTimeoutException timeout =
          new WaitTimeoutException(spec.taskId(), spec.settings().timeout(), last);
      if (lastFailure != null) {
        timeout.addSuppressed(lastFailure);
      }
      LOG.debug("Waiting for task {} passed its deadline", spec.taskId());
      return Step.failed(timeout);
    }
    Instant at = now.plus(delay);
    if (!at.isBefore(deadline)) {
      // One last look exactly at the deadline rather than none, and none after it.
      finalPoll = true;
      return Step.poll(Duration.between(now, deadline));
    }
    return Step.poll(delay);
  }

  /**
   * How long the task has existed: since this process submitted it, else since the service says it
   * was created (when that is plausible), else since the wait began.
   */
  private Duration age(Task task) {
    Instant now = clock.instant();
    Instant submittedAt = spec.submittedAt();
    if (submittedAt != null) {
      return nonNegative(Duration.between(submittedAt, now));
    }
    Instant created = task.createdAt();
    if (created != null) {
      Duration sinceCreated = Duration.between(created, now);
      if (sinceCreated.compareTo(CLOCK_SKEW.negated()) >= 0
          && sinceCreated.compareTo(MAX_TRUSTED_AGE) <= 0) {
        return nonNegative(sinceCreated);
      }
    }
    return nonNegative(Duration.between(start, now));
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
