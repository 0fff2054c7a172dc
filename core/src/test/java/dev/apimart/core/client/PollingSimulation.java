package dev.apimart.core.client;

import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.SimulatedApiMart;
import dev.apimart.core.testing.SimulatedApiMart.Outcome;
import dev.apimart.core.testing.SimulatedApiMart.Plan;
import dev.apimart.core.testing.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Measures the polling plan in virtual time (runs instantly): status requests per task and how late
 * completion is noticed, for tasks of 5, 20 and 60 s whose estimate is accurate, a third of the
 * truth or three times it, with and without progress reports. Run its {@code main}; the benchmarks
 * module can reuse the idea. Default {@link PollingOptions} unless given.
 */
public final class PollingSimulation {

  /** One simulated scenario's result. */
  public record Row(
      Duration trueDuration,
      String estimate,
      boolean progress,
      int statusRequests,
      Duration delay) {}

  private PollingSimulation() {}

  /** Runs every scenario with the given options. */
  public static List<Row> run(PollingOptions options) {
    List<Row> rows = new ArrayList<>();
    for (boolean progress : new boolean[] {true, false}) {
      for (int seconds : new int[] {5, 20, 60}) {
        Duration truth = Duration.ofSeconds(seconds);
        rows.add(one(options, truth, truth, "accurate", progress));
        rows.add(one(options, truth, truth.dividedBy(3), "true/3", progress));
        rows.add(one(options, truth, truth.multipliedBy(3), "true*3", progress));
      }
    }
    return rows;
  }

  private static Row one(
      PollingOptions options, Duration truth, Duration estimate, String label, boolean progress) {
    VirtualScheduler time = new VirtualScheduler();
    SimulatedApiMart api =
        new SimulatedApiMart(time.clock(), n -> new Plan(truth, estimate, progress));
    FakeTransport transport = new FakeTransport().handler(api);
    try (ApiMartClient client =
        TestClients.builder(transport, time).pollingOptions(options).build()) {
      CompletableFuture<GenerationResult> f =
          client.generateAsync(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "simulated"));
      time.runUntilDone(f);
      f.join();
    }
    Outcome o = api.outcomes().get(0);
    return new Row(truth, label, progress, o.statusRequests(), o.detectionDelay());
  }

  public static void main(String[] args) {
    System.out.println(
        "| task | estimate | progress reported | status requests | detection delay |");
    System.out.println("|---|---|---|---|---|");
    for (Row r : run(PollingOptions.defaults())) {
      System.out.printf(
          Locale.ROOT,
          "| %d s | %s | %s | %d | %.2f s |%n",
          r.trueDuration().toSeconds(),
          r.estimate(),
          r.progress() ? "yes" : "no",
          r.statusRequests(),
          r.delay().toMillis() / 1000.0);
    }
  }
}
