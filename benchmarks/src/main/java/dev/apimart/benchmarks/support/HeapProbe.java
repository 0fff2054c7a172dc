package dev.apimart.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures how much live heap a download holds while it is under way: the used heap after a full
 * collection with the download held halfway by {@link ImageServer}, minus the same before it
 * started. Garbage does not count, only what the download keeps reachable — for a streaming
 * download its buffers, for one that collects the body in memory half of the image.
 */
public final class HeapProbe {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapProbe() {}

  /**
   * Runs {@code download} on another thread with the server holding it at half the image, and
   * returns the live-heap growth in bytes at that point.
   *
   * @param server serves the image; its next answer is held
   * @param download the download to measure, run to completion
   * @param progress bytes the client has handed on so far (e.g. a file's size), or {@code -1} when
   *     unknown; the measurement waits until the client has consumed what the server sent
   */
  public static long retainedMidway(ImageServer server, Runnable download, LongSupplier progress)
      throws Exception {
    long before = usedAfterGc();
    server.holdNextAtHalf();
    CompletableFuture<Void> running = CompletableFuture.runAsync(download, HeapProbe::daemon);
    try {
      server.awaitHalf();
      long half = server.imageSize() / 2;
      long start = System.nanoTime();
      // Wait until the client has moved what it received on (to a file, to its buffer); bytes
      // still in socket buffers are not on the heap.
      while (true) {
        long consumed = progress.getAsLong();
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        if (consumed < 0 ? elapsedMillis >= 500 : consumed >= half - 256 * 1024) {
          break;
        }
        if (elapsedMillis > 10_000) {
          throw new IllegalStateException(
              "The client consumed only " + consumed + " of the first " + half + " bytes in 10 s");
        }
        Thread.sleep(5);
      }
      long during = usedAfterGc();
      return during - before;
    } finally {
      server.release();
      running.get(1, TimeUnit.MINUTES);
    }
  }

  /** The used heap after two full collections. */
  public static long usedAfterGc() {
    System.gc();
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "benchmark-download");
    t.setDaemon(true);
    t.start();
  }
}
