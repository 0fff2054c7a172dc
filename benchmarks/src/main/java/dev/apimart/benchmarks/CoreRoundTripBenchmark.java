package dev.apimart.benchmarks;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Task;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target 1, the SDK's own share of the overhead, without a network or a busy machine to blur it:
 * the same submit + getTask as {@link OverheadBenchmark} through {@link ApiMartClient} over an
 * in-memory transport that returns canned answers (a submission, a completed task with its image).
 * What is left is everything core does per call — validation, encoding, request building, the retry
 * engine, the observer, decoding into the typed model — and nothing an HTTP library does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreRoundTripBenchmark {

  private static final String TASK_ID = "task_01JABCDEFGHJKMNPQRSTVWXYZ0";
  private static final byte[] SUBMITTED =
      ("{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"" + TASK_ID + "\"}]}")
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] COMPLETED =
      ("{\"code\":200,\"data\":{\"id\":\""
              + TASK_ID
              + "\",\"status\":\"completed\",\"progress\":100,\"created\":1763700000,"
              + "\"completed\":1763700005,\"estimated_time\":5,\"actual_time\":5,"
              + "\"result\":{\"images\":[{\"url\":[\"http://127.0.0.1:40000/files/"
              + TASK_ID
              + "/0.png\"],\"expires_at\":1763786405}]}}}")
          .getBytes(StandardCharsets.UTF_8);
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "content-type", List.of("application/json; charset=utf-8"),
          "date", List.of("Fri, 21 Nov 2026 06:00:00 GMT"));

  private ApiMartClient client;
  private final GenerationRequest request =
      GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, OverheadBenchmark.PROMPT);

  /** Answers from memory, at once. */
  static final class CannedTransport implements HttpTransport {
    @Override
    public TransportResponse execute(TransportRequest r) {
      return TransportResponse.of(200, HEADERS, r.method().equals("POST") ? SUBMITTED : COMPLETED);
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest r) {
      return CompletableFuture.completedFuture(execute(r));
    }

    @Override
    public String name() {
      return "canned";
    }
  }

  /** A client over the canned transport. */
  @Setup(Level.Trial)
  public void setUp() {
    client =
        ApiMartClient.builder()
            .baseUrl("http://127.0.0.1:40000")
            .apiKey("sk-benchmark-0123456789abcdef")
            .transport(new CannedTransport())
            .build();
  }

  /** Closes it. */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
  }

  /** Submit, then read the (completed) task once. */
  @Benchmark
  public Task submitAndGetTask() {
    return client.getTask(client.submit(request));
  }
}
