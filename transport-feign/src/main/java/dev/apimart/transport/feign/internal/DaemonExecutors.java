package dev.apimart.transport.feign.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Small, bounded pools of daemon threads that go away when idle. */
public final class DaemonExecutors {

  private DaemonExecutors() {}

  /**
   * A pool of at most {@code threads} daemon threads named {@code prefix-N}; idle threads end after
   * a minute, so an idle transport holds none. Tasks beyond {@code threads} wait in a queue.
   */
  public static ExecutorService bounded(String prefix, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory =
        runnable -> {
          Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
