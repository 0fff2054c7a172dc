package dev.apimart.benchmarks;

import dev.apimart.benchmarks.support.ColdFootprint;
import dev.apimart.benchmarks.support.StubApi;
import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.TaskId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Target 5, cold start: one shot per fresh JVM (many forks, no warm-up), so class loading,
 * initialisation and the interpreter are all in the figure. A {@link StubApi} on loopback answers
 * the submission without loading any of the SDK's or Jackson's classes first.
 *
 * <ul>
 *   <li>{@code build}: {@code ApiMartClient.builder()…build()} (transport discovery through {@code
 *       ServiceLoader}, the JDK {@code HttpClient}, the scheduler), then {@code close()}.
 *   <li>{@code buildAndValidate}: the same plus the first validation (Hibernate Validator's
 *       bootstrap), no network.
 *   <li>{@code buildAndFirstSubmit}: the same plus the first validated request on the wire and its
 *       answer decoded — what an application pays before its first task id, per {@code transport}.
 *   <li>{@code rawFirstSubmit}: the baseline without the SDK: a new {@code HttpClient}, a Jackson
 *       mapper, the same POST and the task id read from the answer.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class ColdStartBenchmark {

  static final String PROMPT = "A lighthouse on a cliff at dawn, ink painting, soft light";

  private StubApi stub;

  /** Which transport the first submission goes through. */
  @State(Scope.Benchmark)
  public static class Transport {
    /** An SDK transport name. */
    @Param({"jdk", "feign"})
    public String transport = "jdk";
  }

  /** Starts the stub (not measured). */
  @Setup(Level.Trial)
  public void startStub() {
    stub = new StubApi();
  }

  /** Stops it. */
  @TearDown(Level.Trial)
  public void stopStub() {
    stub.close();
  }

  /** Build and close a client. */
  @Benchmark
  public String build(ColdFootprint footprint) {
    String name;
    try (ApiMartClient client = builder().build()) {
      name = client.transportName();
    }
    footprint.end();
    return name;
  }

  /** Build a client and validate a first request. */
  @Benchmark
  public Object buildAndValidate(ColdFootprint footprint) {
    Object valid;
    try (ApiMartClient client = builder().build()) {
      valid =
          RequestValidator.instance()
              .requireValid(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, PROMPT));
    }
    footprint.end();
    return valid;
  }

  /** Build a client and submit a first request. */
  @Benchmark
  public TaskId buildAndFirstSubmit(Transport transport, ColdFootprint footprint) {
    TaskId id;
    try (ApiMartClient client = builder().transportName(transport.transport).build()) {
      id = client.submit(GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, PROMPT));
    }
    footprint.end();
    return id;
  }

  /** The same first submission with a bare HttpClient and Jackson. */
  @Benchmark
  public String rawFirstSubmit(ColdFootprint footprint) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    JsonMapper mapper = JsonMapper.builder().build();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", "z-image-turbo");
    body.put("prompt", PROMPT);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/v1/images/generations"))
            .header("Authorization", "Bearer " + StubApi.API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode answer = mapper.readTree(response.body());
    String id = answer.get("data").get(0).get("task_id").asString();
    footprint.end();
    return id;
  }

  private ApiMartClient.Builder builder() {
    return ApiMartClient.builder().baseUrl(stub.baseUrl()).apiKey(StubApi.API_KEY);
  }
}
