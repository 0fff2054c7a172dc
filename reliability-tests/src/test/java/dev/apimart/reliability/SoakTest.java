package dev.apimart.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.error.TaskCancelledException;
import dev.apimart.core.error.TaskFailedException;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.reliability.support.CountingTransport;
import dev.apimart.reliability.support.TransportKind;
import dev.apimart.reliability.support.VirtualTime;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.Route;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generations through the fake, as a busy application would run them ({@code
 * generateAsync}, {@value #IN_FLIGHT} at a time), with 5 % of task GETs answered 429 (with {@code
 * Retry-After}) and 1 % answered 5xx (500, 502 HTML page, 503, 504 in turn). Every task must reach
 * a terminal state; none may be lost or submitted twice; every poll is accounted for; each
 * completed task is billed exactly once; threads and retained heap stay bounded.
 *
 * <p>Waits run in virtual time (recorded, not slept), so the run takes as long as its ~4 requests
 * per task take over loopback. {@code verify} runs {@code soak.tasks} tasks (100, set in the pom)
 * without measuring the heap; the full run is {@code -Psoak}: 10,000 tasks and {@code
 * soak.heapCheck}, which forces garbage collections before and after and bounds the retained heap
 * the run adds — meaningful only at that size, and too slow for every build. {@code
 * -Dsoak.transport=FEIGN} picks the transport. The figures of a run are printed and written to
 * {@code target/soak-report.txt}.
 */
class SoakTest {

  static final int TASKS = Integer.getInteger("soak.tasks", 100);

  /** Whether to measure the retained heap (System.gc() before and after); on with -Psoak. */
  static final boolean HEAP_CHECK = Boolean.getBoolean("soak.heapCheck");

  static final TransportKind TRANSPORT =
      TransportKind.valueOf(System.getProperty("soak.transport", "JDK"));
  static final long SEED = Long.getLong("soak.seed", 20261121L);
  static final int IN_FLIGHT = 64;
  static final double RATE_429 = 0.05;
  static final double RATE_5XX = 0.01;
  static final int POLLS_PER_TASK = 3;
  static final BigDecimal PRICE = new BigDecimal("0.02");

  /**
   * Retained heap the run may add, whatever the number of tasks: the fake keeps at most 1,000 tasks
   * and 1,000 journal entries, the test a map of task ids (about 1.5 MB for 10,000).
   */
  static final long MAX_RETAINED_GROWTH = 24L << 20;

  @Test
  void everyTaskReachesATerminalStateOnceAndIsBilledOnceDespiteFaultsOnTaskGets()
      throws InterruptedException, IOException {
    FaultScript script = FaultScript.arm(TASKS * POLLS_PER_TASK * 5 / 4 + 200, SEED);
    HttpTransport transport = TRANSPORT.create();
    CountingTransport counting = CountingTransport.countingOnly(transport);
    Map<String, TaskStatus> outcomes = new ConcurrentHashMap<>();
    Set<String> unexpected = ConcurrentHashMap.newKeySet();
    AtomicInteger peakThreads = new AtomicInteger();
    long heapBefore = HEAP_CHECK ? retainedHeap() : 0;
    int threadsBefore = soakThreads();
    resetPeaks();
    long started = System.nanoTime();

    try (FakeApiMart fake =
            FakeApiMart.builder()
                .balance(new BigDecimal("1000000"))
                .finishAfterPolls(POLLS_PER_TASK)
                .maxTasks(1000)
                .start();
        VirtualTime time = VirtualTime.counting(4);
        ApiMartClient client =
            ApiMartClient.builder()
                .apiKey(fake.apiKey())
                .baseUrl(fake.baseUrl())
                .transport(counting)
                .scheduler(time)
                .build()) {
      fake.onPromptMatching("#fail", Outcome.fails("content_policy_violation", "refused"));
      fake.onPromptMatching("#cancel", Outcome.getsCancelled());
      script.injectInto(fake);

      Semaphore window = new Semaphore(IN_FLIGHT);
      CountDownLatch done = new CountDownLatch(TASKS);
      for (int i = 0; i < TASKS; i++) {
        window.acquire();
        CompletableFuture<GenerationResult> generation = client.generateAsync(request(i));
        generation.whenComplete(
            (result, error) -> {
              record(result, error, outcomes, unexpected);
              if (done.getCount() % 50 == 0) {
                peakThreads.accumulateAndGet(soakThreads(), Math::max);
              }
              window.release();
              done.countDown();
            });
      }
      assertThat(done.await(10, TimeUnit.MINUTES)).as("every generation ended").isTrue();
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      // Every task reached a terminal state, each exactly once, none submitted twice.
      assertThat(unexpected).as("generations that ended in an error").isEmpty();
      assertThat(outcomes).as("distinct tasks").hasSize(TASKS);
      long completed = count(outcomes, TaskStatus.COMPLETED);
      long failed = count(outcomes, TaskStatus.FAILED);
      long cancelled = count(outcomes, TaskStatus.CANCELLED);
      assertThat(failed).isEqualTo(expected(i -> i % 50 == 7));
      assertThat(cancelled).isEqualTo(expected(i -> i % 50 != 7 && i % 100 == 13));
      assertThat(completed + failed + cancelled).isEqualTo(TASKS);
      assertThat(fake.journal().received(Route.SUBMIT_GENERATION)).isEqualTo(TASKS);

      // The fake's view agrees: the tasks it still holds are terminal, as the client saw them.
      List<FakeTask> kept = fake.tasks();
      assertThat(kept).isNotEmpty().allMatch(FakeTask::isTerminal);
      for (FakeTask task : kept) {
        assertThat(outcomes.get(task.id())).as(task.id()).isEqualTo(task.status());
      }

      // Every poll is accounted for: 3 answered per task, plus one per injected fault.
      int injected429 = script.consumed(fake, 429);
      int injected5xx = script.consumed5xx(fake);
      assertThat(script.exhausted(fake)).as("the fault rate held to the end").isFalse();
      int gets = fake.journal().received(Route.GET_TASK);
      assertThat(gets).isEqualTo(POLLS_PER_TASK * TASKS + injected429 + injected5xx);
      assertThat((double) injected429 / gets).isBetween(RATE_429 * 0.7, RATE_429 * 1.3);
      assertThat((double) injected5xx / gets).isBetween(RATE_5XX * 0.5, RATE_5XX * 1.5);
      assertThat(counting.attempts()).isEqualTo(TASKS + gets);

      // Billed exactly once per completed task, never for failed or cancelled ones.
      assertThat(fake.usedBalance())
          .isEqualByComparingTo(PRICE.multiply(BigDecimal.valueOf(completed)));

      // Bounded: no thread per task, no heap kept per finished task.
      assertThat(peakThreads.get() - threadsBefore).as("threads added").isLessThan(IN_FLIGHT);
      long heapAfter = HEAP_CHECK ? retainedHeap() : 0;
      if (HEAP_CHECK) {
        assertThat(heapAfter - heapBefore)
            .as("retained heap added")
            .isLessThan(MAX_RETAINED_GROWTH);
      }

      report(
          String.format(
              "soak: %d tasks via %s in %.1f s (%.0f tasks/s): %d completed, %d failed, %d"
                  + " cancelled; %d task GETs (%d answered 429, %d answered 5xx, each costing one"
                  + " more GET),"
                  + " %d requests in all; waits asked for %s (virtual); peak heap used %d MB"
                  + " (sum of pool peaks), retained heap %s; peak threads %d (+%d)",
              TASKS,
              TRANSPORT,
              elapsedMillis / 1000.0,
              TASKS * 1000.0 / Math.max(1, elapsedMillis),
              completed,
              failed,
              cancelled,
              gets,
              injected429,
              injected5xx,
              counting.attempts(),
              time.totalWaited(),
              peakHeap() >> 20,
              HEAP_CHECK
                  ? String.format("%+d MB", (heapAfter - heapBefore) >> 20)
                  : "not measured (-Psoak measures it)",
              peakThreads.get(),
              peakThreads.get() - threadsBefore));
    } finally {
      transport.close();
    }
  }

  /**
   * Live threads of the kinds this run starts: the transport's and HTTP client's, the fake's and
   * the virtual scheduler's. Counting only these keeps the bound independent of what earlier test
   * classes in the same JVM left to wind down.
   */
  private static int soakThreads() {
    int count = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith("apimart-")
          || name.startsWith("FakeApiMart-")
          || name.startsWith("HttpClient-")
          || name.startsWith("virtual-time")
          || name.startsWith("OkHttp")) {
        count++;
      }
    }
    return count;
  }

  private static GenerationRequest request(int i) {
    String tag = i % 50 == 7 ? " #fail" : i % 100 == 13 ? " #cancel" : "";
    return GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "soak task " + i + tag);
  }

  private static long expected(java.util.function.IntPredicate which) {
    long n = 0;
    for (int i = 0; i < TASKS; i++) {
      if (which.test(i)) {
        n++;
      }
    }
    return n;
  }

  private static void record(
      GenerationResult result,
      Throwable error,
      Map<String, TaskStatus> outcomes,
      Set<String> unexpected) {
    Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
    String id;
    TaskStatus status;
    if (cause == null) {
      id = result.taskId().value();
      status = result.task().status();
    } else if (cause instanceof TaskFailedException f) {
      id = f.task().id().value();
      status = f.task().status();
    } else if (cause instanceof TaskCancelledException c) {
      id = c.task().id().value();
      status = c.task().status();
    } else {
      unexpected.add(String.valueOf(cause));
      return;
    }
    if (outcomes.putIfAbsent(id, status) != null) {
      unexpected.add("task " + id + " ended twice");
    }
  }

  private static long count(Map<String, TaskStatus> outcomes, TaskStatus status) {
    return outcomes.values().stream().filter(status::equals).count();
  }

  private static long retainedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static void report(String line) throws IOException {
    System.out.println(line);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("soak-report.txt"), line + System.lineSeparator());
    }
  }

  /**
   * The faults for the stream of task GETs, decided up front from a seed: each GET, in the order
   * they arrive, is answered 429, 5xx or normally. The fake takes armed faults in order, so runs of
   * normal answers are armed as one pass-through fault ({@code delay(0)}) hitting that many GETs.
   */
  static final class FaultScript {
    private final List<Fault> faults;
    private final int armed429;
    private final int armed5xx;

    private FaultScript(List<Fault> faults, int armed429, int armed5xx) {
      this.faults = faults;
      this.armed429 = armed429;
      this.armed5xx = armed5xx;
    }

    static FaultScript arm(int gets, long seed) {
      Random random = new Random(seed);
      List<Fault> faults = new ArrayList<>();
      Fault[] serverErrors = {
        Fault.status(500), Fault.htmlErrorPage(502), Fault.status(503), Fault.status(504)
      };
      int run = 0;
      int n429 = 0;
      int n5xx = 0;
      for (int i = 0; i < gets; i++) {
        double r = random.nextDouble();
        Fault fault = null;
        if (r < RATE_429) {
          fault = Fault.status(429).withRetryAfter(Duration.ofSeconds(1));
          n429++;
        } else if (r < RATE_429 + RATE_5XX) {
          fault = serverErrors[n5xx++ % serverErrors.length];
        }
        if (fault == null) {
          run++;
          continue;
        }
        if (run > 0) {
          faults.add(Fault.delay(Duration.ZERO).on(Route.GET_TASK).times(run));
          run = 0;
        }
        faults.add(fault.on(Route.GET_TASK));
      }
      if (run > 0) {
        faults.add(Fault.delay(Duration.ZERO).on(Route.GET_TASK).times(run));
      }
      return new FaultScript(List.copyOf(faults), n429, n5xx);
    }

    void injectInto(FakeApiMart fake) {
      faults.forEach(fake::inject);
    }

    /** How many of the armed faults with this status were used. */
    int consumed(FakeApiMart fake, int status) {
      long left =
          fake.pendingFaults().stream()
              .filter(f -> f.kind() == Fault.Kind.STATUS && f.status() == status)
              .count();
      return (status == 429 ? armed429 : 0) - (int) left;
    }

    int consumed5xx(FakeApiMart fake) {
      long left =
          fake.pendingFaults().stream()
              .filter(f -> f.kind() != Fault.Kind.DELAY && f.status() >= 500)
              .count();
      return armed5xx - (int) left;
    }

    boolean exhausted(FakeApiMart fake) {
      return fake.pendingFaults().isEmpty();
    }
  }
}
