package dev.apimart.benchmarks.support;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one {@code generateAsync} through a real {@link ApiMartClient} against {@link
 * SimulatedService} in {@link VirtualTime}, for a grid of tasks: 5, 20 and 60 s long (exactly, and
 * half a second later so fixed intervals are not lucky), with an {@code estimated_time} that is
 * accurate, three times too short or three times too long, with and without progress reports. The
 * client's own polling plan is compared with fixed 1 s and 5 s polling (the same client with equal
 * minimum and maximum interval).
 */
public final class PollingSimulator {

  /** How the client polls. */
  public enum Strategy {
    /** The SDK's default plan ({@link PollingOptions#defaults()}). */
    ADAPTIVE("adaptive (default)", PollingOptions.defaults()),
    /** A status request every second. */
    FIXED_1S("fixed 1 s", fixed(Duration.ofSeconds(1))),
    /** A status request every five seconds. */
    FIXED_5S("fixed 5 s", fixed(Duration.ofSeconds(5)));

    private final String label;
    private final PollingOptions options;

    Strategy(String label, PollingOptions options) {
      this.label = label;
      this.options = options;
    }

    /** A short name for tables. */
    public String label() {
      return label;
    }

    /** The polling options that implement it. */
    public PollingOptions options() {
      return options;
    }

    private static PollingOptions fixed(Duration interval) {
      return PollingOptions.builder()
          .initialDelay(interval)
          .minInterval(interval)
          .maxInterval(interval)
          .build();
    }
  }

  /** How far the service's {@code estimated_time} is from the truth. */
  public enum Estimate {
    /** The estimate is the true duration. */
    ACCURATE("accurate", 1, 1),
    /** The estimate is a third of the true duration (the task runs 3x longer than announced). */
    THREE_TIMES_SHORT("3x too short", 1, 3),
    /** The estimate is three times the true duration. */
    THREE_TIMES_LONG("3x too long", 3, 1);

    private final String label;
    private final int multiply;
    private final int divide;

    Estimate(String label, int multiply, int divide) {
      this.label = label;
      this.multiply = multiply;
      this.divide = divide;
    }

    /** A short name for tables. */
    public String label() {
      return label;
    }

    Duration of(Duration truth) {
      return truth.multipliedBy(multiply).dividedBy(divide);
    }
  }

  /**
   * One simulated task.
   *
   * @param trueDuration how long it really takes
   * @param estimate how its announced estimate relates to that
   * @param progress whether it reports rising progress
   */
  public record Scenario(Duration trueDuration, Estimate estimate, boolean progress) {

    /** Completion should be noticed within max(1 s, 10 % of the task's duration). */
    public Duration delayTarget() {
      Duration tenth = trueDuration.dividedBy(10);
      return tenth.compareTo(Duration.ofSeconds(1)) > 0 ? tenth : Duration.ofSeconds(1);
    }

    /** E.g. {@code 20.5 s}. */
    public String durationLabel() {
      return seconds(trueDuration);
    }
  }

  /**
   * The result of one scenario under one strategy.
   *
   * @param scenario what was simulated
   * @param strategy how the client polled
   * @param statusRequests status requests the task received
   * @param detectionDelay how long after completion the client knew
   */
  public record Result(
      Scenario scenario, Strategy strategy, int statusRequests, Duration detectionDelay) {

    /** Whether completion was noticed within the scenario's target. */
    public boolean delayWithinTarget() {
      return detectionDelay.compareTo(scenario.delayTarget()) <= 0;
    }
  }

  private PollingSimulator() {}

  /** Every scenario of the grid, 36 in all. */
  public static List<Scenario> grid() {
    List<Scenario> grid = new ArrayList<>();
    for (int seconds : new int[] {5, 20, 60}) {
      for (long offsetMillis : new long[] {0, 500}) {
        Duration truth = Duration.ofSeconds(seconds).plusMillis(offsetMillis);
        for (boolean progress : new boolean[] {false, true}) {
          for (Estimate estimate : Estimate.values()) {
            grid.add(new Scenario(truth, estimate, progress));
          }
        }
      }
    }
    return grid;
  }

  /** Runs every scenario with one strategy. */
  public static List<Result> runGrid(Strategy strategy) {
    List<Result> results = new ArrayList<>();
    for (Scenario scenario : grid()) {
      results.add(run(scenario, strategy));
    }
    return results;
  }

  /** Simulates one task: submit, wait with the strategy, count. */
  public static Result run(Scenario scenario, Strategy strategy) {
    VirtualTime time = new VirtualTime();
    SimulatedService service =
        new SimulatedService(
            time.clock(),
            new SimulatedService.Plan(
                scenario.trueDuration(),
                scenario.estimate().of(scenario.trueDuration()),
                scenario.progress()));
    try (ApiMartClient client =
        ApiMartClient.builder()
            .apiKey("sk-simulation")
            .baseUrl("https://api.apimart.ai")
            .transport(service)
            .scheduler(time)
            .clock(time.clock())
            .pollingOptions(strategy.options())
            .build()) {
      CompletableFuture<GenerationResult> result =
          client.generateAsync(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "simulated"));
      time.runUntilDone(result);
      result.join();
    }
    SimulatedService.Outcome outcome = service.firstOutcome();
    return new Result(scenario, strategy, outcome.statusRequests(), outcome.detectionDelay());
  }

  /** The median of the status-request counts (the mean of the middle two for an even count). */
  public static double medianStatusRequests(List<Result> results) {
    int[] polls = results.stream().mapToInt(Result::statusRequests).sorted().toArray();
    if (polls.length == 0) {
      throw new IllegalArgumentException("results must not be empty");
    }
    int mid = polls.length / 2;
    return polls.length % 2 == 1 ? polls[mid] : (polls[mid - 1] + polls[mid]) / 2.0;
  }

  /** E.g. {@code 0.25 s}. */
  public static String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    return s == Math.rint(s)
        ? String.format(Locale.ROOT, "%d s", (long) s)
        : String.format(Locale.ROOT, "%.2f s", s).replaceAll("0+ s$", " s");
  }
}
