package dev.apimart.benchmarks;

import dev.apimart.benchmarks.support.ThreadCensus;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Target 4, concurrency: {@code tasks} {@code generateAsync} calls started at once by one thread
 * against a loopback {@link FakeApiMart} in real time, each task taking 1 s; the operation ends
 * when every future has finished. Measured: wall time (the score), and as secondary results the
 * tasks that completed and failed (together they must be {@code tasks}: every task accounted for),
 * the submissions the fake received (exactly {@code tasks}: nothing sent twice), status requests
 * per task, and the peak number of live threads the client added (target: at most 50) next to all
 * the JVM's threads, counted from before the client was built. The client polls first after 500 ms,
 * otherwise with the default plan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class ConcurrencyBenchmark {

  /** How many generations run at once. */
  @Param({"1000", "10000"})
  public int tasks = 1000;

  /** The SDK transport. */
  @Param({"jdk", "feign"})
  public String transport = "jdk";

  /** How long the whole batch may take before it counts as lost. */
  static final Duration BATCH_TIMEOUT = Duration.ofMinutes(3);

  private FakeApiMart fake;
  private ThreadCensus census;
  private ApiMartClient client;

  /** The batch's figures as JMH secondary results (mean over measurement iterations). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Figures {
    private double weight;

    /** Futures that completed with images. */
    public double completed;

    /** Futures that failed (any exception). */
    public double failed;

    /** Futures still open at the batch timeout. */
    public double unfinished;

    /** Submissions the fake received. */
    public double submissionsReceived;

    /** Status requests the fake received, per task. */
    public double pollsPerTask;

    /** Most live threads the client added at once. */
    public double peakClientThreads;

    /** Most live threads in the whole JVM at once (the fake's included). */
    public double peakJvmThreads;

    /** Clears the figures and works out this iteration's weight. */
    @Setup(Level.Iteration)
    public void startIteration(BenchmarkParams benchmark, IterationParams iteration) {
      weight = 1.0 / Math.max(1, iteration.getCount()) / Math.max(1, benchmark.getForks());
      completed = 0;
      failed = 0;
      unfinished = 0;
      submissionsReceived = 0;
      pollsPerTask = 0;
      peakClientThreads = 0;
      peakJvmThreads = 0;
    }
  }

  /**
   * Starts the fake (1 s tasks, real time), the thread census and then the client, whose threads
   * are counted from that baseline. One client for all iterations, as an application has: on JDK 17
   * a closed client's idle connections stay open until it is garbage-collected, so a client per
   * iteration would pile them up on the fake.
   */
  @Setup(Level.Trial)
  public void start() {
    fake =
        FakeApiMart.builder()
            .realTime(1.0)
            .taskDuration(ImageModel.Z_IMAGE_TURBO, Duration.ofSeconds(1))
            .unlimitedBalance()
            .maxTasks(Math.max(100_000, tasks * 2))
            .workerThreads(8)
            .start();
    census = new ThreadCensus();
    census.takeBaseline();
    client =
        ApiMartClient.builder()
            .baseUrl(fake.baseUrl())
            .apiKey(fake.apiKey())
            .transportName(transport)
            .pollingOptions(PollingOptions.builder().initialDelay(Duration.ofMillis(500)).build())
            .build();
  }

  /** Forgets the previous iteration's tasks, requests and peak. */
  @Setup(Level.Iteration)
  public void startIteration() {
    fake.reset();
    census.resetPeaks();
  }

  /** Closes the client and stops the fake and the census. */
  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    census.close();
    fake.close();
  }

  /** Starts every generation, then waits for all of them. */
  @Benchmark
  public int generateConcurrently(Figures figures) throws InterruptedException {
    GenerationRequest request =
        GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "concurrency benchmark");
    List<CompletableFuture<GenerationResult>> futures = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      futures.add(client.generateAsync(request));
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
    try {
      all.get(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      // Counted below, future by future.
    }
    census.sampleNow();
    int completed = 0;
    int failed = 0;
    int unfinished = 0;
    Map<String, Integer> failures = new TreeMap<>();
    for (CompletableFuture<GenerationResult> f : futures) {
      if (!f.isDone()) {
        unfinished++;
      } else if (f.isCompletedExceptionally()) {
        failed++;
        failures.merge(failureName(f), 1, Integer::sum);
      } else if (!f.join().images().isEmpty()) {
        completed++;
      } else {
        failed++;
        failures.merge("completed without images", 1, Integer::sum);
      }
    }
    if (!failures.isEmpty()) {
      System.err.println("Failed generations by cause: " + failures);
    }
    System.err.println(
        "Client threads at the peak (" + census.peakClientThreads() + "): " + census.peakNames());
    double w = figures.weight;
    figures.completed = w * completed;
    figures.failed = w * failed;
    figures.unfinished = w * unfinished;
    int submissions = fake.journal().received(Route.SUBMIT_GENERATION);
    figures.submissionsReceived = w * submissions;
    figures.pollsPerTask = w * fake.journal().received(Route.GET_TASK) / (double) tasks;
    figures.peakClientThreads = w * census.peakClientThreads();
    figures.peakJvmThreads = w * census.peakJvmThreads();
    return completed;
  }

  private static String failureName(CompletableFuture<?> f) {
    try {
      f.join();
      return "none";
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String message = String.valueOf(cause.getMessage());
      return cause.getClass().getSimpleName()
          + ": "
          + (message.length() > 120 ? message.substring(0, 120) : message);
    }
  }
}
