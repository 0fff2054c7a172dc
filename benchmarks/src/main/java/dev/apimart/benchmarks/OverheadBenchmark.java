package dev.apimart.benchmarks;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.transport.feign.FeignTransport;
import feign.http2client.Http2Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * Target 1, overhead: one submission plus one status request per operation, to the same loopback
 * {@link FakeApiMart}, through {@link ApiMartClient} on each transport and through a raw {@link
 * HttpClient} with Jackson doing the same two calls — the code a user would write without the SDK.
 * The ratio of each {@code client} to {@code raw} is the SDK's cost; targets: at most 1.10 for
 * {@code jdk}, 1.25 for {@code feign}. A transport is one more {@link #client} value (its name as
 * {@code ApiMartClient.Builder#transportName} knows it).
 *
 * <p>The fake answers the status request with a completed task and its image (its first poll
 * finishes it), so decoding the richest answer is included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OverheadBenchmark {

  /**
   * {@code raw} (HttpClient + Jackson), {@code rawAsync} (the same through {@code
   * sendAsync(…).get()}, which on JDK 17–25 hands every answer to another thread: a diagnostic), or
   * an SDK transport name.
   */
  @Param({"raw", "rawAsync", "jdk", "feign"})
  public String client = "raw";

  static final String PROMPT = "A lighthouse on a cliff at dawn, ink painting, soft light";

  private FakeApiMart fake;
  private RoundTrip roundTrip;

  /** One submission and one status request; returns the status seen. */
  interface RoundTrip extends AutoCloseable {
    String run();

    @Override
    void close();
  }

  /** Starts the fake and the client under test. */
  @Setup(Level.Trial)
  public void setUp() {
    fake = FakeApiMart.builder().unlimitedBalance().finishAfterPolls(1).start();
    roundTrip =
        switch (client) {
          case "raw" -> new Raw(fake, false);
          case "rawAsync" -> new Raw(fake, true);
          default -> new Sdk(fake, client);
        };
    String status = roundTrip.run();
    if (!status.equals("completed")) {
      throw new IllegalStateException("Expected a completed task, got " + status);
    }
  }

  /** Stops both. */
  @TearDown(Level.Trial)
  public void tearDown() {
    roundTrip.close();
    fake.close();
  }

  /** Submit, then read the task once. */
  @Benchmark
  public String submitAndGetTask() {
    return roundTrip.run();
  }

  /** Through the SDK: validation, encoding, retry engine, transport, decoding. */
  static final class Sdk implements RoundTrip {
    private final ApiMartClient client;
    private final @Nullable HttpTransport ownedTransport;
    private final GenerationRequest request =
        GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, PROMPT);

    Sdk(FakeApiMart fake, String transport) {
      ApiMartClient.Builder builder =
          ApiMartClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey());
      FeignTransport feign =
          switch (transport) {
            // Diagnostic: Feign's blocking client on the caller's thread, without the hand-off
            // to the transport's executor (not a sensible setting: async calls would block too).
            case "feignCallerRuns" -> FeignTransport.builder().executor(Runnable::run).build();
            // Diagnostic: Feign over java.net.http instead of its default HttpURLConnection.
            case "feignJava11" -> FeignTransport.builder().client(new Http2Client()).build();
            default -> null;
          };
      ownedTransport = feign;
      if (feign != null) {
        builder.transport(feign);
        transport = "feign";
      } else {
        builder.transportName(transport);
      }
      this.client = builder.build();
      if (!client.transportName().equals(transport)) {
        throw new IllegalStateException(
            "Asked for transport " + transport + ", got " + client.transportName());
      }
    }

    @Override
    public String run() {
      TaskId id = client.submit(request);
      Task task = client.getTask(id);
      return task.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void close() {
      client.close();
      if (ownedTransport != null) {
        ownedTransport.close();
      }
    }
  }

  /** What a user would write without the SDK: HttpClient, Jackson, the same two calls. */
  static final class Raw implements RoundTrip {
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final URI submitUri;
    private final String base;
    private final String authorization;
    private final boolean async;

    Raw(FakeApiMart fake, boolean async) {
      this.async = async;
      this.base = fake.baseUrl().toString();
      this.submitUri = URI.create(base + "/v1/images/generations");
      this.authorization = "Bearer " + fake.apiKey();
    }

    @Override
    public String run() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("model", "z-image-turbo");
      body.put("prompt", PROMPT);
      HttpRequest submit =
          HttpRequest.newBuilder(submitUri)
              .header("Authorization", authorization)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
              .build();
      JsonNode submitted = send(submit);
      String taskId = submitted.get("data").get(0).get("task_id").asString();
      HttpRequest get =
          HttpRequest.newBuilder(URI.create(base + "/v1/tasks/" + taskId))
              .header("Authorization", authorization)
              .header("Accept", "application/json")
              .GET()
              .build();
      return send(get).get("data").get("status").asString();
    }

    private JsonNode send(HttpRequest request) {
      try {
        HttpResponse<byte[]> response =
            async
                ? http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).get()
                : http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("HTTP " + response.statusCode());
        }
        return mapper.readTree(response.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      // HttpClient.close() exists only from JDK 21; the client's threads are daemons.
    }
  }
}
