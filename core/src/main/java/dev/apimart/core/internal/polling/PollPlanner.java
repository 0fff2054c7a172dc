package dev.apimart.core.internal.polling;

import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskStatus;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decides when to ask for a task's status next. Pure: the same snapshot and age give the same
 * answer.
 *
 * <p>The plan predicts when the task will finish and polls just after that: from progress when it
 * is rising (age × 100 / progress, which corrects a wrong estimate), else from the service's {@code
 * estimated_time}. Before the predicted completion it waits until then (never more than the maximum
 * interval, which bounds the cost of an estimate that is too long); once the prediction has passed
 * it polls at the minimum interval and backs off as the task runs later (half the overdue time, but
 * never more than a tenth of the task's age, so a late completion is still noticed within 10 % of
 * the task's duration: the task is at least as old as the last poll). Without any prediction the
 * wait grows with the task's age.
 */
public final class PollPlanner {

  /** Slack after a predicted completion, so the poll lands just after it rather than before. */
  static final Duration MARGIN = Duration.ofMillis(250);

  /** Progress below this is too coarse to extrapolate from. */
  static final int MIN_PROGRESS_FOR_PREDICTION = 5;

  private final PollSettings settings;

  /**
   * @param settings the intervals
   */
  public PollPlanner(PollSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The wait before the next status request.
   *
   * @param snapshot the latest snapshot (not terminal)
   * @param previous the one before, or {@code null}
   * @param age how long the task has existed
   */
  public Duration nextDelay(Task snapshot, @Nullable Task previous, Duration age) {
    Duration predicted = predictedCompletion(snapshot, previous, age);
    Duration wait;
    if (predicted == null) {
      wait = age.dividedBy(2);
    } else if (age.compareTo(predicted) < 0) {
      wait = predicted.minus(age).plus(MARGIN);
    } else {
      Duration backoff = age.minus(predicted).dividedBy(2);
      Duration tenthOfAge = age.dividedBy(10);
      wait = backoff.compareTo(tenthOfAge) < 0 ? backoff : tenthOfAge;
    }
    return clamp(wait);
  }

  /**
   * When the task is expected to have finished, counted from its creation; {@code null} when
   * nothing is known.
   */
  public static @Nullable Duration predictedCompletion(
      Task snapshot, @Nullable Task previous, Duration age) {
    int progress = snapshot.progress();
    boolean rising = previous == null || progress > previous.progress();
    if (snapshot.status() == TaskStatus.PROCESSING
        && progress >= MIN_PROGRESS_FOR_PREDICTION
        && progress < 100
        && rising
        && age.compareTo(Duration.ZERO) > 0) {
      return Duration.ofNanos((long) (age.toNanos() * (100.0 / progress)));
    }
    Duration estimate = snapshot.estimatedTime();
    if (estimate != null && estimate.compareTo(Duration.ZERO) > 0) {
      return estimate;
    }
    return null;
  }

  private Duration clamp(Duration wait) {
    if (wait.compareTo(settings.minInterval()) < 0) {
      return settings.minInterval();
    }
    if (wait.compareTo(settings.maxInterval()) > 0) {
      return settings.maxInterval();
    }
    return wait;
  }
}
