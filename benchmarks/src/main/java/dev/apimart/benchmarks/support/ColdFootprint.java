package dev.apimart.benchmarks.support;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * What a cold start costs besides wall time, which on a shared machine mostly measures how busy the
 * other processes are: the classes it loaded (the same on every run) and the CPU time the whole
 * process spent (class loading, interpretation, JIT compilation, GC — less sensitive to waiting for
 * a core). Reported as JMH secondary results, averaged over all forks and iterations. The benchmark
 * calls {@link #end()} as its last step; the start is taken at iteration setup, after the
 * management classes are loaded.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ColdFootprint {

  private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private double weight;
  private long classesAtStart;
  private long cpuAtStart;

  /** Classes loaded during the operation. */
  public double classesLoaded;

  /** CPU time of the whole process during the operation, in milliseconds. */
  public double processCpuMs;

  /** Takes the starting point and this iteration's weight. */
  @Setup(Level.Iteration)
  public void start(BenchmarkParams benchmark, IterationParams iteration) {
    // JMH adds "event" counters over iterations and forks: weight each by one over their number,
    // and the sum it prints is the mean.
    weight = 1.0 / Math.max(1, iteration.getCount()) / Math.max(1, benchmark.getForks());
    classesLoaded = 0;
    processCpuMs = 0;
    classesAtStart = CLASSES.getTotalLoadedClassCount();
    cpuAtStart = OS.getProcessCpuTime();
  }

  /** Records what the operation cost; call it last in the benchmark method. */
  public void end() {
    classesLoaded = weight * (CLASSES.getTotalLoadedClassCount() - classesAtStart);
    processCpuMs = weight * (OS.getProcessCpuTime() - cpuAtStart) / 1e6;
  }
}
