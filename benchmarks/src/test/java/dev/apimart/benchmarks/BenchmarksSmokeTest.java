package dev.apimart.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The quick mode CI runs: every benchmark once, in this JVM (no fork), without warm-up, one
 * iteration of 100 ms, with the heavy parameters scaled down. It proves the benchmarks run and
 * their checks hold (every task accounted for, a streaming download holds little heap); it says
 * nothing about speed.
 */
class BenchmarksSmokeTest {

  static {
    // The smoke run measures nothing, so it must not fail because a real benchmark run on the same
    // machine holds JMH's machine-wide lock file.
    System.setProperty("jmh.ignoreLock", "true");
  }

  @Test
  void overheadRunsForTheRawClientAndEveryTransport() throws RunnerException {
    Collection<RunResult> results = runOnce(OverheadBenchmark.class, Map.of());
    assertThat(clients(results)).containsExactlyInAnyOrder("raw", "rawAsync", "jdk", "feign");
  }

  @Test
  void coreRoundTripRunsOverTheCannedTransport() throws RunnerException {
    Collection<RunResult> results = runOnce(CoreRoundTripBenchmark.class, Map.of());
    assertThat(results).hasSize(1);
  }

  @Test
  void requestPreparationRunsForEveryRequestKind() throws RunnerException {
    Collection<RunResult> results = runOnce(RequestPreparationBenchmark.class, Map.of());
    assertThat(results).hasSize(15);
  }

  @Test
  void pollingSimulationReportsItsFiguresForEveryStrategy() throws RunnerException {
    Collection<RunResult> results = runOnce(PollingEfficiencyBenchmark.class, Map.of());
    assertThat(results).hasSize(3);
    for (RunResult r : results) {
      assertThat(secondary(r, "medianPolls")).isPositive();
      assertThat(secondary(r, "maxPolls")).isGreaterThanOrEqualTo(secondary(r, "medianPolls"));
    }
  }

  @Test
  void concurrencyAccountsForEveryTaskWithBothTransports() throws RunnerException {
    Collection<RunResult> results =
        runOnce(ConcurrencyBenchmark.class, Map.of("tasks", new String[] {"40"}));
    assertThat(results).hasSize(2);
    for (RunResult r : results) {
      assertThat(secondary(r, "completed")).isEqualTo(40.0);
      assertThat(secondary(r, "submissionsReceived")).isEqualTo(40.0);
      assertThat(secondary(r, "peakClientThreads")).isPositive();
    }
  }

  @Test
  void coldStartRunsEveryVariant() throws RunnerException {
    Collection<RunResult> results = runOnce(ColdStartBenchmark.class, Map.of());
    // build, buildAndValidate, rawFirstSubmit, and buildAndFirstSubmit per transport
    assertThat(results).hasSize(5);
  }

  @Test
  void springStarterColdStartRunsWithAndWithoutTheStarter() throws RunnerException {
    Collection<RunResult> results = runOnce(SpringStarterColdStartBenchmark.class, Map.of());
    assertThat(results).hasSize(3);
  }

  @Test
  void fakeServerStartsAndAnswersStatusRequests() throws RunnerException {
    Collection<RunResult> results = runOnce(FakeServerBenchmark.class, Map.of());
    assertThat(results).hasSize(4);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void fakeBackedGenerateRunsWithBothTransports() throws RunnerException {
    Collection<RunResult> results = runOnce(FakeBackedGenerateBenchmark.class, Map.of());
    // generate and wholeTest, each with jdk and feign
    assertThat(results).hasSize(4);
    assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
  }

  @Test
  void aStreamingDownloadHoldsFarLessHeapThanABufferedOne() throws RunnerException {
    Collection<RunResult> results =
        runOnce(DownloadBenchmark.class, Map.of("image", new String[] {"noise"}));
    assertThat(results).hasSize(5);
    double streaming = retained(results, "retainedSdkToFile");
    double buffered = retained(results, "retainedRawInMemory");
    // Half of the ~12 MiB image is held by the buffered control; the SDK holds buffers only.
    assertThat(buffered).isGreaterThan(4 * 1024);
    assertThat(streaming).isLessThan(1024);
  }

  private static Collection<RunResult> runOnce(Class<?> benchmark, Map<String, String[]> params)
      throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT);
    params.forEach(options::param);
    Collection<RunResult> results = new Runner(options.build()).run();
    assertThat(results).as("results of %s", benchmark.getSimpleName()).isNotEmpty();
    return results;
  }

  private static List<String> clients(Collection<RunResult> results) {
    List<String> clients = new ArrayList<>();
    for (RunResult r : results) {
      clients.add(r.getParams().getParam("client"));
    }
    return clients;
  }

  private static double secondary(RunResult result, String name) {
    Result<?> r = result.getSecondaryResults().get(name);
    assertThat(r).as("secondary result %s", name).isNotNull();
    return r.getScore();
  }

  private static double retained(Collection<RunResult> results, String method) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
        .mapToDouble(r -> secondary(r, "retainedKiB"))
        .findFirst()
        .orElseThrow();
  }
}
