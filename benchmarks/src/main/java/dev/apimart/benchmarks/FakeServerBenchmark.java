package dev.apimart.benchmarks;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.testkit.FakeApiMart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target 6, the fake server: how fast {@link FakeApiMart} starts, and how many task-status requests
 * it answers per second over loopback (driven by a bare {@code HttpClient}, so the SDK's cost is
 * not in the figure; client and server share the machine's cores).
 *
 * <ul>
 *   <li>{@code coldStart}: {@code FakeApiMart.start()} as the first thing in a fresh JVM (one shot
 *       per fork), then {@code close()}.
 *   <li>{@code warmStart}: start and close again and again in one JVM.
 *   <li>{@code statusRequests1} / {@code statusRequests4}: {@code GET /v1/tasks/{id}} for a task
 *       that stays {@code processing}, from one or four threads.
 * </ul>
 */
@Fork(1)
public class FakeServerBenchmark {

  /** A fake with one running task and a bare client polling it. */
  @State(Scope.Benchmark)
  public static class Running {
    private FakeApiMart fake;
    private HttpClient http;
    private HttpRequest poll;

    /** Starts the fake and submits the task. */
    @Setup(Level.Trial)
    public void setUp() {
      fake = FakeApiMart.builder().onlyClockMovesTasks().start();
      String taskId;
      try (ApiMartClient client =
          ApiMartClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build()) {
        taskId =
            client
                .submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "fake server benchmark"))
                .value();
      }
      http = HttpClient.newHttpClient();
      poll =
          HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1/tasks/" + taskId))
              .header("Authorization", "Bearer " + fake.apiKey())
              .GET()
              .build();
    }

    /** Stops the fake. */
    @TearDown(Level.Trial)
    public void tearDown() {
      fake.close();
    }

    int pollOnce() throws IOException, InterruptedException {
      HttpResponse<byte[]> response = http.send(poll, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HTTP " + response.statusCode());
      }
      return response.body().length;
    }
  }

  /** The first start in a fresh JVM. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(10)
  public int coldStart() {
    try (FakeApiMart started = FakeApiMart.start()) {
      return started.port();
    }
  }

  /** Start and close, warm. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public int warmStart() {
    try (FakeApiMart started = FakeApiMart.start()) {
      return started.port();
    }
  }

  /** Task-status requests per second from one client thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Threads(1)
  public int statusRequests1(Running running) throws IOException, InterruptedException {
    return running.pollOnce();
  }

  /** Task-status requests per second from four client threads. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Threads(4)
  public int statusRequests4(Running running) throws IOException, InterruptedException {
    return running.pollOnce();
  }
}
