package dev.apimart.core.port.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  @Test
  void factoryMakesNumberedDaemonThreads() {
    ThreadFactory factory = DaemonThreads.factory("apimart-test");

    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});

    assertThat(first.getName()).isEqualTo("apimart-test-1");
    assertThat(second.getName()).isEqualTo("apimart-test-2");
    assertThat(List.of(first, second)).allMatch(Thread::isDaemon);
    assertThat(first.isAlive()).as("not started by the factory").isFalse();
  }

  @Test
  void eachFactoryCountsOnItsOwn() {
    DaemonThreads.factory("a").newThread(() -> {});

    assertThat(DaemonThreads.factory("a").newThread(() -> {}).getName()).isEqualTo("a-1");
  }

  @Test
  void boundedPoolRunsAtMostItsThreadsAndQueuesTheRest() throws Exception {
    ExecutorService pool = DaemonThreads.boundedPool("apimart-bounded", 2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch twoRunning = new CountDownLatch(2);
    try {
      List<CompletableFuture<String>> calls =
          List.of(
              call(pool, twoRunning, release),
              call(pool, twoRunning, release),
              call(pool, twoRunning, release));
      assertThat(twoRunning.await(10, TimeUnit.SECONDS)).isTrue();

      ThreadPoolExecutor executor = (ThreadPoolExecutor) pool;
      assertThat(executor.getPoolSize()).isEqualTo(2);
      assertThat(executor.getQueue()).hasSize(1);
      release.countDown();

      for (CompletableFuture<String> call : calls) {
        assertThat(call.get(10, TimeUnit.SECONDS)).matches("apimart-bounded-[12] daemon");
      }
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void idleThreadsOfTheBoundedPoolEnd() {
    ThreadPoolExecutor pool = (ThreadPoolExecutor) DaemonThreads.boundedPool("apimart-idle", 3);
    try {
      assertThat(pool.allowsCoreThreadTimeOut()).isTrue();
      assertThat(pool.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(60);
      assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void argumentsAreChecked() {
    assertThatThrownBy(() -> DaemonThreads.boundedPool("x", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads");
    assertThatThrownBy(() -> DaemonThreads.factory(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("prefix");
  }

  private static CompletableFuture<String> call(
      ExecutorService pool, CountDownLatch running, CountDownLatch release) {
    CompletableFuture<String> result = new CompletableFuture<>();
    pool.execute(
        () -> {
          running.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
            Thread me = Thread.currentThread();
            result.complete(me.getName() + (me.isDaemon() ? " daemon" : " user"));
          } catch (InterruptedException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }
}
