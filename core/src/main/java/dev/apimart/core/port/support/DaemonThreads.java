package dev.apimart.core.port.support;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for a transport's own pools: daemon threads, so that a transport nobody closed never
 * keeps the JVM alive, named after the transport, so that a thread dump says whose they are.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /**
   * A factory of daemon threads named {@code prefix-1}, {@code prefix-2}…
   *
   * @param prefix the start of every thread's name, such as {@code "apimart-jdkhttp"}
   */
  public static ThreadFactory factory(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * A pool of at most {@code threads} daemon threads named {@code prefix-N}; idle threads end after
   * a minute, so an idle transport holds none. Tasks beyond {@code threads} wait in a queue: a
   * burst of calls does not create threads without limit.
   *
   * @param prefix the start of every thread's name
   * @param threads the most threads running at once, at least 1
   * @throws IllegalArgumentException when {@code threads} is less than 1
   */
  public static ExecutorService boundedPool(String prefix, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory(prefix));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
