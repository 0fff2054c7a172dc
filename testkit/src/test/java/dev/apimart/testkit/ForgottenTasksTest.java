package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code maxTasks} bounds the fake's memory in long runs: a task that finished before its time (by
 * polls, or on demand) and was then forgotten is not kept alive by the queue of tasks waiting for
 * their time. Seen in the reliability module's soak run, where retained heap grew by about 4 KB per
 * task in virtual time.
 */
class ForgottenTasksTest {

  private static final String TURBO = "{\"model\":\"z-image-turbo\",\"prompt\":\"a cat\"}";

  @Test
  void tasksFinishedByPollsAndForgottenCanBeCollected() throws InterruptedException {
    List<WeakReference<Outcome>> scripts = new ArrayList<>();
    try (FakeApiMart fake = FakeApiMart.builder().maxTasks(2).finishAfterPolls(1).start()) {
      Http http = new Http(fake);
      for (int i = 0; i < 10; i++) {
        // Each task holds its own script: whether that can be collected shows whether the task can.
        Outcome outcome = Outcome.completes();
        scripts.add(new WeakReference<>(outcome));
        fake.onNextTask(outcome);
        String id = http.submitOk(TURBO);
        assertThat(http.poll(id).path("status").asString()).isEqualTo("completed");
      }
      assertThat(fake.tasks()).hasSize(2);

      List<WeakReference<Outcome>> forgotten = scripts.subList(0, 8);
      for (int i = 0; i < 20 && forgotten.stream().anyMatch(r -> r.get() != null); i++) {
        System.gc();
        Thread.onSpinWait();
      }
      assertThat(forgotten).as("forgotten tasks are collectable").allMatch(r -> r.get() == null);
      assertThat(scripts.get(9).get()).as("a kept task is still there").isNotNull();
    }
  }
}
