package dev.apimart.benchmarks;

import dev.apimart.benchmarks.support.HeapProbe;
import dev.apimart.benchmarks.support.ImageServer;
import dev.apimart.benchmarks.support.PngFixtures;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Resolution;
import dev.apimart.core.model.TaskId;
import dev.apimart.testkit.FakeApiMart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;

/**
 * Target 7, download memory: streaming a 2048×2048 PNG to a file. Target: the download holds less
 * than 1 MiB of heap beyond its buffers.
 *
 * <ul>
 *   <li>{@code sdkToFile}, {@code rawOfFile} ({@code HttpClient} with {@code BodyHandlers.ofFile},
 *       the JDK's own streaming) and {@code rawInMemory} (the whole body as a {@code byte[]}, then
 *       written: what not streaming costs): time per download; run with {@code -prof gc} for the
 *       bytes allocated per download ({@code gc.alloc.rate.norm}).
 *   <li>{@code retainedSdkToFile} and {@code retainedRawInMemory}: the live heap a download holds
 *       halfway (the server pauses there, see {@link HeapProbe}), reported as {@code retainedKiB};
 *       the in-memory variant is the control that shows the probe sees a held body.
 * </ul>
 *
 * <p>Images: {@code noise} is a valid 2048×2048 RGB PNG of random pixels, about 12 MiB, the worst
 * case for a generated photo of that size; {@code fake} is the 2048×2048 PNG {@link FakeApiMart}
 * serves (flat colour bands, a few KiB), fetched from the fake through the SDK at setup. Both are
 * served by {@link ImageServer}, standing in for the CDN.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DownloadBenchmark {

  /** Which image. */
  @Param({"noise", "fake"})
  public String image = "noise";

  private ImageServer server;
  private ApiMartClient client;
  private HttpClient raw;
  private HttpRequest rawRequest;
  private GeneratedImage generated;
  private Path directory;

  /** The live heap held halfway, as a JMH secondary result (mean over measurement iterations). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Retained {
    private double weight;

    /** KiB of live heap the download held halfway through. */
    public double retainedKiB;

    /** Clears the figure and works out this iteration's weight. */
    @Setup(Level.Iteration)
    public void startIteration(BenchmarkParams benchmark, IterationParams iteration) {
      weight = 1.0 / Math.max(1, iteration.getCount()) / Math.max(1, benchmark.getForks());
      retainedKiB = 0;
    }
  }

  /** Prepares the image, its server, the clients and a directory. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    byte[] bytes = image.equals("noise") ? PngFixtures.noise(2048, 2048) : pngFromTheFake();
    server = new ImageServer(bytes);
    client = ApiMartClient.builder().apiKey("sk-benchmark").transportName("jdk").build();
    generated = new GeneratedImage(server.imageUrl(), null, null);
    raw = HttpClient.newHttpClient();
    rawRequest = HttpRequest.newBuilder(server.imageUrl()).GET().build();
    directory = Files.createTempDirectory("apimart-download-benchmark");
  }

  private static byte[] pngFromTheFake() {
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient c =
            ApiMartClient.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build()) {
      TaskId id =
          c.submit(
              GenerationRequest.builder()
                  .model(ImageModel.QWEN_IMAGE_2_0)
                  .prompt("download benchmark")
                  .size(ImageSize.RATIO_1_1)
                  .resolution(Resolution.RES_2K)
                  .build());
      // Completed at once: no need to wait through a polling plan at setup.
      URI url = fake.completeNow(id.value()).imageUrls().get(0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      c.download(new GeneratedImage(url, null, null), out);
      return out.toByteArray();
    }
  }

  /** Closes everything and removes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    client.close();
    server.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The SDK streams the image to a file (via a temporary file moved into place). */
  @Benchmark
  public long sdkToFile() {
    return client.download(generated, directory.resolve("sdk.png"));
  }

  /** The JDK's own streaming to a file. */
  @Benchmark
  public Path rawOfFile() throws IOException, InterruptedException {
    return raw.send(rawRequest, HttpResponse.BodyHandlers.ofFile(directory.resolve("raw.png")))
        .body();
  }

  /** The whole body in memory, then written. */
  @Benchmark
  public Path rawInMemory() throws IOException, InterruptedException {
    byte[] body = raw.send(rawRequest, HttpResponse.BodyHandlers.ofByteArray()).body();
    return Files.write(directory.resolve("memory.png"), body);
  }

  /** Live heap held halfway through an SDK download to a file. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public void retainedSdkToFile(Retained retained) throws Exception {
    long bytes = HeapProbe.retainedMidway(server, this::sdkToFile, this::partialFileSize);
    retained.retainedKiB = retained.weight * bytes / 1024.0;
  }

  /** Live heap held halfway through an in-memory download (the control). */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public void retainedRawInMemory(Retained retained) throws Exception {
    long bytes =
        HeapProbe.retainedMidway(
            server,
            () -> {
              try {
                rawInMemory();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            () -> -1);
    retained.retainedKiB = retained.weight * bytes / 1024.0;
  }

  /** The size of the SDK's temporary file, which grows as the download is written. */
  private long partialFileSize() {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".part"))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .max()
          .orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
