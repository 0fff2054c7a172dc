package dev.apimart.core.internal.polling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPlannerTest {

  private final PollPlanner planner =
      new PollPlanner(
          new PollSettings(
              Duration.ofSeconds(2),
              Duration.ofSeconds(1),
              Duration.ofSeconds(10),
              Duration.ofMinutes(10),
              5));

  private static Task task(TaskStatus status, int progress, Integer estimateSeconds) {
    return Task.builder(TaskId.of("t"), status)
        .progress(progress)
        .estimatedTime(estimateSeconds == null ? null : Duration.ofSeconds(estimateSeconds))
        .build();
  }

  @Test
  void waitsUntilJustAfterTheEstimatedCompletion() {
    Task t = task(TaskStatus.PENDING, 0, 8);
    assertThat(planner.nextDelay(t, null, Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofMillis(6250));
  }

  @Test
  void neverWaitsLongerThanTheMaximumInterval() {
    Task t = task(TaskStatus.PENDING, 0, 60);
    assertThat(planner.nextDelay(t, null, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void risingProgressCorrectsAWrongEstimate() {
    // 50% after 10 s means ~20 s in total, although the service estimated 60 s.
    Task before = task(TaskStatus.PROCESSING, 20, 60);
    Task now = task(TaskStatus.PROCESSING, 50, 60);
    assertThat(planner.nextDelay(now, before, Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofMillis(10_000));
    assertThat(PollPlanner.predictedCompletion(now, before, Duration.ofSeconds(10)))
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void stalledProgressFallsBackToTheEstimate() {
    Task before = task(TaskStatus.PROCESSING, 90, 30);
    Task now = task(TaskStatus.PROCESSING, 90, 30);
    assertThat(PollPlanner.predictedCompletion(now, before, Duration.ofSeconds(20)))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void overdueTasksArePolledTightlyFirstThenLessOften() {
    Task t = task(TaskStatus.PROCESSING, 0, 20);
    assertThat(planner.nextDelay(t, null, Duration.ofMillis(20_250)))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(planner.nextDelay(t, null, Duration.ofSeconds(24))).isEqualTo(Duration.ofSeconds(2));
    assertThat(planner.nextDelay(t, null, Duration.ofSeconds(200)))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anOverdueTaskIsPolledWithinATenthOfItsAgeSoLateCompletionIsNoticedWithinTenPercent() {
    // 7 s estimate, 26 s old: half the overdue time would be 9.5 s; a tenth of the age is 2.6 s.
    Task t = task(TaskStatus.PROCESSING, 0, 7);
    assertThat(planner.nextDelay(t, null, Duration.ofSeconds(26)))
        .isEqualTo(Duration.ofMillis(2600));
  }

  @Test
  void withoutAnyHintTheWaitGrowsWithTheTasksAge() {
    Task t = task(TaskStatus.PENDING, 0, null);
    assertThat(planner.nextDelay(t, null, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
    assertThat(planner.nextDelay(t, null, Duration.ofSeconds(8))).isEqualTo(Duration.ofSeconds(4));
    assertThat(planner.nextDelay(t, null, Duration.ofSeconds(60)))
        .isEqualTo(Duration.ofSeconds(10));
  }
}
