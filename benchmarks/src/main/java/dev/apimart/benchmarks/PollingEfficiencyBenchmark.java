package dev.apimart.benchmarks;

import dev.apimart.benchmarks.support.PollingSimulator;
import dev.apimart.benchmarks.support.PollingSimulator.Result;
import dev.apimart.benchmarks.support.PollingSimulator.Strategy;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Target 3, polling efficiency, as a deterministic simulation in virtual time (see {@link
 * PollingSimulator}): each operation waits for all 36 simulated tasks with one strategy. The
 * figures that matter are the secondary results (JMH "aux counters"), identical in every iteration:
 * {@code medianPolls}, {@code maxPolls}, {@code lateScenarios} (completion noticed later than max(1
 * s, 10 %)) and {@code maxDelayMs}. Target: median at most 4 status requests per task with
 * completion noticed in time. The time per operation only says the simulation is cheap. The
 * per-scenario table: {@link PollingReport}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(1)
public class PollingEfficiencyBenchmark {

  /** How the client polls. */
  @Param({"ADAPTIVE", "FIXED_1S", "FIXED_5S"})
  public Strategy strategy = Strategy.ADAPTIVE;

  /**
   * The simulation's figures, reported as JMH secondary results. JMH adds up "event" counters over
   * the measurement iterations, so each iteration records its figures weighted by one over the
   * number of iterations: the sum JMH prints is the mean (here: the figure itself).
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Figures {
    private double weight;

    /** Median status requests per task over the grid. */
    public double medianPolls;

    /** Most status requests any task of the grid needed. */
    public double maxPolls;

    /** Scenarios whose completion was noticed later than max(1 s, 10 %). */
    public double lateScenarios;

    /** Longest detection delay in the grid, in milliseconds. */
    public double maxDelayMs;

    /** Clears the figures and works out this iteration's weight. */
    @Setup(Level.Iteration)
    public void startIteration(BenchmarkParams benchmark, IterationParams iteration) {
      weight = 1.0 / Math.max(1, iteration.getCount()) / Math.max(1, benchmark.getForks());
      medianPolls = 0;
      maxPolls = 0;
      lateScenarios = 0;
      maxDelayMs = 0;
    }
  }

  /** Simulates the whole grid once and records its figures (the same every time). */
  @Benchmark
  public List<Result> simulateGrid(Figures figures) {
    List<Result> results = PollingSimulator.runGrid(strategy);
    double w = figures.weight;
    figures.medianPolls = w * PollingSimulator.medianStatusRequests(results);
    figures.maxPolls = w * results.stream().mapToInt(Result::statusRequests).max().orElse(0);
    figures.lateScenarios = w * results.stream().filter(r -> !r.delayWithinTarget()).count();
    figures.maxDelayMs =
        w * results.stream().mapToLong(r -> r.detectionDelay().toMillis()).max().orElse(0);
    return results;
  }
}
