package dev.apimart.benchmarks;

import dev.apimart.benchmarks.support.PollingSimulator;
import dev.apimart.benchmarks.support.PollingSimulator.Result;
import dev.apimart.benchmarks.support.PollingSimulator.Scenario;
import dev.apimart.benchmarks.support.PollingSimulator.Strategy;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the polling simulation as Markdown: one row per scenario with the status requests and
 * detection delay of the SDK's plan and of fixed 1 s and 5 s polling, then a summary against the
 * target (median at most 4 status requests per task, completion noticed within max(1 s, 10 %)).
 * Deterministic and instant (virtual time):
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.apimart.benchmarks.PollingReport}</pre>
 */
public final class PollingReport {

  /** The target for the median number of status requests per task. */
  public static final double MEDIAN_POLLS_TARGET = 4;

  private PollingReport() {}

  /** Prints the report to standard output. */
  public static void main(String[] args) {
    print(System.out);
  }

  /** Prints the report. */
  public static void print(PrintStream out) {
    Map<Strategy, List<Result>> results = new EnumMap<>(Strategy.class);
    for (Strategy s : Strategy.values()) {
      results.put(s, PollingSimulator.runGrid(s));
    }
    List<Scenario> grid = PollingSimulator.grid();
    out.print("| task | estimated_time | progress | target delay |");
    for (Strategy s : Strategy.values()) {
      out.print(" " + s.label() + ": polls / delay |");
    }
    out.println();
    out.print("|---|---|---|---|");
    for (int i = 0; i < Strategy.values().length; i++) {
      out.print("---|");
    }
    out.println();
    for (int i = 0; i < grid.size(); i++) {
      Scenario sc = grid.get(i);
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s |",
          sc.durationLabel(),
          sc.estimate().label(),
          sc.progress() ? "yes" : "no",
          PollingSimulator.seconds(sc.delayTarget()));
      for (Strategy s : Strategy.values()) {
        Result r = results.get(s).get(i);
        out.printf(
            Locale.ROOT,
            " %d / %s%s |",
            r.statusRequests(),
            PollingSimulator.seconds(r.detectionDelay()),
            r.delayWithinTarget() ? "" : " (late)");
      }
      out.println();
    }
    out.println();
    out.println(
        "| strategy | median polls | max polls | total polls | max delay | scenarios within"
            + " delay target | meets target |");
    out.println("|---|---|---|---|---|---|---|");
    for (Strategy s : Strategy.values()) {
      List<Result> rs = results.get(s);
      double median = PollingSimulator.medianStatusRequests(rs);
      int max = rs.stream().mapToInt(Result::statusRequests).max().orElse(0);
      int total = rs.stream().mapToInt(Result::statusRequests).sum();
      Duration maxDelay =
          rs.stream().map(Result::detectionDelay).max(Duration::compareTo).orElse(Duration.ZERO);
      long within = rs.stream().filter(Result::delayWithinTarget).count();
      boolean meets = median <= MEDIAN_POLLS_TARGET && within == rs.size();
      out.printf(
          Locale.ROOT,
          "| %s | %s | %d | %d | %s | %d of %d | %s |%n",
          s.label(),
          median == Math.rint(median)
              ? String.valueOf((long) median)
              : String.format(Locale.ROOT, "%.1f", median),
          max,
          total,
          PollingSimulator.seconds(maxDelay),
          within,
          rs.size(),
          meets ? "yes" : "no");
    }
  }
}
