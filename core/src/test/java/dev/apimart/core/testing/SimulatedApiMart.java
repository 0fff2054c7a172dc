package dev.apimart.core.testing;

import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A tiny model of ApiMart for polling simulations: each submitted task runs for a planned true
 * duration, reports a planned estimate and (optionally) linear progress, and completes when its
 * time is up. It measures status requests per task and how late completion was noticed. Plug it
 * into {@link FakeTransport#handler}; with a {@link VirtualScheduler} a simulation runs instantly.
 */
public final class SimulatedApiMart implements Function<TransportRequest, TransportResponse> {

  /** How one task behaves. */
  public record Plan(Duration trueDuration, Duration estimate, boolean reportsProgress) {}

  /** What happened to one task. */
  public record Outcome(String id, Plan plan, int statusRequests, Duration detectionDelay) {}

  private final Clock clock;
  private final IntFunction<Plan> plans;
  private final AtomicInteger submitted = new AtomicInteger();
  private final Map<String, SimTask> tasks = new ConcurrentHashMap<>();

  private static final class SimTask {
    final String id;
    final Instant created;
    final Plan plan;
    final AtomicInteger polls = new AtomicInteger();
    volatile Instant completionSeen;

    SimTask(String id, Instant created, Plan plan) {
      this.id = id;
      this.created = created;
      this.plan = plan;
    }
  }

  /**
   * @param clock the simulation's clock
   * @param plans the plan of the n-th submitted task (from 0)
   */
  public SimulatedApiMart(Clock clock, IntFunction<Plan> plans) {
    this.clock = clock;
    this.plans = plans;
  }

  @Override
  public TransportResponse apply(TransportRequest request) {
    String path = request.uri().getPath();
    if (request.method().equals("POST") && path.equals("/v1/images/generations")) {
      int n = submitted.getAndIncrement();
      String id = "task_sim_" + n;
      tasks.put(id, new SimTask(id, clock.instant(), plans.apply(n)));
      return ok(Json.submitted(id));
    }
    if (request.method().equals("GET") && path.startsWith("/v1/tasks/")) {
      SimTask task = tasks.get(path.substring("/v1/tasks/".length()));
      if (task == null) {
        return TransportResponse.of(
            404, Map.of(), Json.error(404, "task not found").getBytes(StandardCharsets.UTF_8));
      }
      task.polls.incrementAndGet();
      Duration age = Duration.between(task.created, clock.instant());
      long estimateSeconds = Math.max(1, Math.round(task.plan.estimate().toMillis() / 1000.0));
      if (age.compareTo(task.plan.trueDuration()) >= 0) {
        if (task.completionSeen == null) {
          task.completionSeen = clock.instant();
        }
        return ok(
            Json.task(
                task.id,
                "completed",
                100,
                (int) estimateSeconds,
                null,
                List.of("https://cdn.example.com/" + task.id + ".png?sig=secret"),
                null));
      }
      int progress =
          task.plan.reportsProgress()
              ? (int) (100 * age.toMillis() / task.plan.trueDuration().toMillis())
              : 0;
      return ok(Json.task(task.id, "processing", progress, (int) estimateSeconds));
    }
    throw new AssertionError("Unexpected request " + request);
  }

  private static TransportResponse ok(String json) {
    return TransportResponse.of(
        200,
        Map.of("content-type", List.of("application/json")),
        json.getBytes(StandardCharsets.UTF_8));
  }

  /** Every task's outcome so far. */
  public List<Outcome> outcomes() {
    return tasks.values().stream()
        .map(
            t ->
                new Outcome(
                    t.id,
                    t.plan,
                    t.polls.get(),
                    t.completionSeen == null
                        ? Duration.ofDays(1)
                        : Duration.between(
                            t.created.plus(t.plan.trueDuration()), t.completionSeen)))
        .toList();
  }
}
