package dev.apimart.benchmarks.support;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory model of ApiMart for the polling simulation, plugged in as the client's transport:
 * each submitted task runs for its planned true duration, reports a planned {@code estimated_time}
 * and, if planned, progress that rises linearly with its age, and is {@code completed} once its
 * time is up. It counts status requests per task and measures how late completion was noticed.
 * Answers synchronously (async calls complete before they return), so with {@link VirtualTime} a
 * whole simulated wait runs on one thread in microseconds.
 */
public final class SimulatedService implements HttpTransport {

  /**
   * How one task behaves.
   *
   * @param trueDuration how long it really takes
   * @param estimate the {@code estimated_time} it reports (rounded to whole seconds, at least 1)
   * @param reportsProgress whether {@code progress} rises with its age (else it stays 0)
   */
  public record Plan(Duration trueDuration, Duration estimate, boolean reportsProgress) {}

  /**
   * What happened to one task.
   *
   * @param statusRequests how many times its status was asked for
   * @param detectionDelay how long after it finished the client learned it
   */
  public record Outcome(int statusRequests, Duration detectionDelay) {}

  private final Clock clock;
  private final Plan plan;
  private final List<SimTask> tasks = new ArrayList<>();

  private static final class SimTask {
    final Instant created;
    int polls;
    @Nullable Instant completionSeen;

    SimTask(Instant created) {
      this.created = created;
    }
  }

  /**
   * @param clock the simulation's clock
   * @param plan how every submitted task behaves
   */
  public SimulatedService(Clock clock, Plan plan) {
    this.clock = clock;
    this.plan = plan;
  }

  @Override
  public synchronized TransportResponse execute(TransportRequest request) {
    String path = request.uri().getPath();
    if (request.method().equals("POST") && path.equals("/v1/images/generations")) {
      tasks.add(new SimTask(clock.instant()));
      String id = "task_sim_" + (tasks.size() - 1);
      return ok("{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"" + id + "\"}]}");
    }
    if (request.method().equals("GET") && path.startsWith("/v1/tasks/task_sim_")) {
      int index = Integer.parseInt(path.substring("/v1/tasks/task_sim_".length()));
      SimTask task = tasks.get(index);
      task.polls++;
      Instant now = clock.instant();
      Duration age = Duration.between(task.created, now);
      long estimate = Math.max(1, Math.round(plan.estimate().toMillis() / 1000.0));
      String head = "{\"code\":200,\"data\":{\"id\":\"task_sim_" + index + "\",";
      if (age.compareTo(plan.trueDuration()) >= 0) {
        if (task.completionSeen == null) {
          task.completionSeen = now;
        }
        return ok(
            head
                + "\"status\":\"completed\",\"progress\":100,\"estimated_time\":"
                + estimate
                + ",\"result\":{\"images\":[{\"url\":[\"https://cdn.example.com/task_sim_"
                + index
                + ".png\"],\"expires_at\":1900000000}]}}}");
      }
      int progress =
          plan.reportsProgress()
              ? (int) (100 * age.toMillis() / plan.trueDuration().toMillis())
              : 0;
      return ok(
          head
              + "\"status\":\"processing\",\"progress\":"
              + progress
              + ",\"estimated_time\":"
              + estimate
              + "}}");
    }
    throw new IllegalStateException("The simulation does not model " + request);
  }

  @Override
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    try {
      return CompletableFuture.completedFuture(execute(request));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String name() {
    return "simulation";
  }

  /**
   * The first submitted task's outcome.
   *
   * @throws IllegalStateException when no task was submitted or its completion was not seen
   */
  public synchronized Outcome firstOutcome() {
    if (tasks.isEmpty()) {
      throw new IllegalStateException("No task was submitted");
    }
    SimTask t = tasks.get(0);
    if (t.completionSeen == null) {
      throw new IllegalStateException("The client never saw the task complete");
    }
    return new Outcome(
        t.polls, Duration.between(t.created.plus(plan.trueDuration()), t.completionSeen));
  }

  private static TransportResponse ok(String json) {
    return TransportResponse.of(
        200,
        Map.of("content-type", List.of("application/json")),
        json.getBytes(StandardCharsets.UTF_8));
  }
}
