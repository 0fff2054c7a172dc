package dev.apimart.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the live threads a client adds: a baseline of the thread ids alive before the client was
 * built, then a sampler thread (itself part of the baseline) that every few milliseconds counts
 * live threads that are neither in the baseline nor the fake server's (named {@code FakeApiMart-…}
 * or the JDK HTTP server's {@code HTTP-Dispatcher} and timer). The peak is what the client needed.
 */
public final class ThreadCensus implements AutoCloseable {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Set<Long> baseline = new HashSet<>();
  private final Set<String> peakNames = new TreeSet<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread sampler;
  private volatile int peakClientThreads;
  private volatile int peakJvmThreads;
  private volatile boolean counting;

  /** Starts sampling; call {@link #takeBaseline()} right before building the client. */
  public ThreadCensus() {
    sampler = new Thread(this::sample, "benchmark-thread-census");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Every thread alive now is not the client's. Resets the peaks. */
  public synchronized void takeBaseline() {
    counting = false;
    baseline.clear();
    for (long id : threads.getAllThreadIds()) {
      baseline.add(id);
    }
    peakClientThreads = 0;
    peakJvmThreads = 0;
    peakNames.clear();
    counting = true;
  }

  /** Starts counting the peaks again; the baseline stays. */
  public synchronized void resetPeaks() {
    peakClientThreads = 0;
    peakJvmThreads = 0;
    peakNames.clear();
  }

  /** The most client threads seen alive at once since the baseline or the last reset. */
  public int peakClientThreads() {
    return peakClientThreads;
  }

  /** The most JVM threads seen alive at once since the baseline (everything, the fake included). */
  public int peakJvmThreads() {
    return peakJvmThreads;
  }

  /** The client threads' names at the peak (numbers stripped), for diagnosis. */
  public synchronized Set<String> peakNames() {
    return Set.copyOf(peakNames);
  }

  /** Counts once, now (the sampler also does, every 5 ms). */
  public synchronized void sampleNow() {
    if (!counting) {
      return;
    }
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    int client = 0;
    Set<String> names = new TreeSet<>();
    for (ThreadInfo info : infos) {
      if (info == null || baseline.contains(info.getThreadId()) || isServer(info.getThreadName())) {
        continue;
      }
      client++;
      names.add(info.getThreadName().replaceAll("\\d+", "#"));
    }
    if (ids.length > peakJvmThreads) {
      peakJvmThreads = ids.length;
    }
    if (client > peakClientThreads) {
      peakClientThreads = client;
      peakNames.clear();
      peakNames.addAll(names);
    }
  }

  private static boolean isServer(String name) {
    return name.startsWith("FakeApiMart-")
        || name.startsWith("HTTP-Dispatcher")
        || name.equals("server-timer")
        || name.startsWith("idle-timeout-task")
        || name.startsWith("benchmark-");
  }

  private void sample() {
    while (running.get()) {
      sampleNow();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops the sampler. */
  @Override
  public void close() {
    running.set(false);
    sampler.interrupt();
  }
}
