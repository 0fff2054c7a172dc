package dev.apimart.core.client;

import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.testing.FakeTransport;
import dev.apimart.core.testing.SimulatedApiMart;
import dev.apimart.core.testing.SimulatedApiMart.Plan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real-time measurement (a few seconds, so a {@code main}, not a unit test): live JVM threads while
 * 1,000 {@code generateAsync} calls wait at once on the in-memory transport, with the client's own
 * default scheduler.
 */
public final class ThreadFootprint {

  private ThreadFootprint() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    SimulatedApiMart api =
        new SimulatedApiMart(
            Clock.systemUTC(), n -> new Plan(Duration.ofSeconds(3), Duration.ofSeconds(3), true));
    FakeTransport transport = new FakeTransport().handler(api);
    int before = threads.getThreadCount();
    int peak = before;
    int pendingWhenSampled = 0;
    try (ApiMartClient client =
        ApiMartClient.builder()
            .apiKey("sk-footprint")
            .transport(transport)
            .environment(Map.<String, String>of()::get)
            .build()) {
      List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        futures.add(
            client.generateAsync(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "footprint")));
      }
      CompletableFuture<Void> all =
          CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
      while (!all.isDone()) {
        int now = threads.getThreadCount();
        if (now > peak) {
          peak = now;
        }
        long waiting = futures.stream().filter(f -> !f.isDone()).count();
        pendingWhenSampled = Math.max(pendingWhenSampled, (int) waiting);
        try {
          all.get(50, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
          // sample again
        }
      }
      all.join();
    }
    int statusRequests =
        api.outcomes().stream().mapToInt(SimulatedApiMart.Outcome::statusRequests).sum();
    System.out.printf(
        "tasks=%d, JVM threads before=%d, peak while %d waited at once=%d (+%d), status requests=%d%n",
        tasks, before, pendingWhenSampled, peak, peak - before, statusRequests);
  }
}
