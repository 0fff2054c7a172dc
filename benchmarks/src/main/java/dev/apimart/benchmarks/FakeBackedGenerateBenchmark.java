package dev.apimart.benchmarks;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.testkit.FakeApiMart;
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

/**
 * Issue 13's figure: the wall time of a fake-backed {@code generate} in a user's test, with the
 * client from {@link FakeApiMart#clientBuilder()} (polling at the fake's pace; a default client
 * waits 2 s before its first poll and 1–10 s between polls, 11–23 s per generate). Sample mode, so
 * JMH prints the median ({@code p0.50}) and the tail.
 *
 * <ul>
 *   <li>{@code generate}: one {@code generate} (submit, then polls until the fake's task finishes
 *       on its third poll) on a fake and client that stay up, as in a test class that shares them.
 *   <li>{@code wholeTest}: what one test pays when it makes its own: start the fake, build the
 *       client, {@code generate}, close both — as the JUnit extension does for every test.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FakeBackedGenerateBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FakeBackedGenerateBenchmark {

  private static final GenerationRequest REQUEST =
      GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "A lighthouse at dusk");

  /** The transport the client is built with, by its discovery name. */
  @Param({"jdk", "feign"})
  public String transport;

  private FakeApiMart fake;
  private ApiMartClient client;

  /** A fake and a client for {@link #generate()}. */
  @Setup(Level.Trial)
  public void setUp() {
    fake = FakeApiMart.builder().unlimitedBalance().maxTasks(1000).start();
    client = fake.clientBuilder().transportName(transport).build();
    if (!client.transportName().equals(transport)) {
      throw new IllegalStateException("asked for " + transport + ", got " + client.transportName());
    }
  }

  /** Closes them. */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    fake.close();
  }

  /** One generate against a running fake. */
  @Benchmark
  public GenerationResult generate() {
    GenerationResult result = client.generate(REQUEST);
    if (result.images().isEmpty()) {
      throw new IllegalStateException("no image in " + result);
    }
    return result;
  }

  /** A test's own fake and client, one generate, both closed. */
  @Benchmark
  public GenerationResult wholeTest() {
    try (FakeApiMart own = FakeApiMart.start();
        ApiMartClient ownClient = own.clientBuilder().transportName(transport).build()) {
      GenerationResult result = ownClient.generate(REQUEST);
      if (result.images().isEmpty()) {
        throw new IllegalStateException("no image in " + result);
      }
      return result;
    }
  }
}
