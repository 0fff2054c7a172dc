package dev.apimart.benchmarks;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.Resolution;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportRequest;
import dev.apimart.core.port.TransportResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * Target 2, request preparation: what the SDK does to a request before any byte is sent —
 * validation (Bean Validation plus the model's rules), normalisation and JSON encoding. Target:
 * below 20 µs per request. {@code preview} is all of it, through the public {@code
 * ApiMartClient#preview} (which also builds the headers, and sends nothing); {@code validate} and
 * {@code prepare} (validation and normalisation) alone show where the time goes: encoding is the
 * difference between {@code preview} and {@code prepare}.
 *
 * <ul>
 *   <li>{@code minimal}: z-image-turbo, a one-line English prompt, defaults for everything else.
 *   <li>{@code full}: qwen-image-2.0-pro with 16:9, 2K, n=4, a negative prompt and three reference
 *       image URLs (every rule runs).
 *   <li>{@code longCjk}: qwen-image-2.0 with a 798-character Chinese prompt (close to the 800
 *       limit) (the length limit, counted in code points, and UTF-8 encoding of multi-byte text).
 *   <li>{@code gptImage2Refs16}: gpt-image-2 with 21:9, 4K (sent as {@code 4k}), n=2, sixteen
 *       reference URLs and two typed options — the largest documented request.
 *   <li>{@code unlisted}: a model outside the catalog with two extra body fields (the shared rules
 *       only).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestPreparationBenchmark {

  /** Which request. */
  @Param({"minimal", "full", "longCjk", "gptImage2Refs16", "unlisted"})
  public String request = "minimal";

  private final RequestValidator validator = RequestValidator.instance();
  private ApiMartClient client;
  private GenerationRequest generationRequest;

  /** The preview never sends anything: a transport that would fail proves it. */
  private static final class NoNetwork implements HttpTransport {
    @Override
    public TransportResponse execute(TransportRequest request) {
      throw new IllegalStateException("a preview must not send " + request);
    }

    @Override
    public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
      throw new IllegalStateException("a preview must not send " + request);
    }

    @Override
    public String name() {
      return "no-network";
    }
  }

  /** Builds the request and checks it is valid, so every benchmark takes the happy path. */
  @Setup(Level.Trial)
  public void setUp() {
    generationRequest = request(request);
    client =
        ApiMartClient.builder().apiKey("sk-bench-0123456789").transport(new NoNetwork()).build();
    List<?> violations = validator.validate(generationRequest);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("The " + request + " request is invalid: " + violations);
    }
  }

  /** Closes the client (its scheduler thread). */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
  }

  static GenerationRequest request(String kind) {
    return switch (kind) {
      case "minimal" ->
          GenerationRequest.of(ImageModel.Z_IMAGE_TURBO, "A lighthouse on a cliff at dawn");
      case "full" ->
          GenerationRequest.builder()
              .model(ImageModel.QWEN_IMAGE_2_0_PRO)
              .prompt("A red fox in fresh snow, telephoto, golden hour, shallow depth of field")
              .size(ImageSize.RATIO_16_9)
              .resolution(Resolution.RES_2K)
              .n(4)
              .negativePrompt("blurry, watermark, text, extra limbs")
              .imageUrls(
                  List.of(
                      "https://images.example.com/reference/fox-1.png",
                      "https://images.example.com/reference/fox-2.jpg",
                      "https://cdn.example.org/snow/texture.webp?v=3"))
              .build();
      case "longCjk" ->
          GenerationRequest.builder()
              .model(ImageModel.QWEN_IMAGE_2_0)
              .prompt("水墨画风格的山水风景，远山如黛，近水含烟。".repeat(38))
              .size(ImageSize.RATIO_3_4)
              .build();
      case "gptImage2Refs16" -> {
        GenerationRequest.Builder b =
            GenerationRequest.builder()
                .model(ImageModel.GPT_IMAGE_2)
                .prompt("A red fox in fresh snow, telephoto, golden hour, shallow depth of field")
                .size(ImageSize.RATIO_21_9)
                .resolution(Resolution.RES_4K)
                .n(2)
                .officialFallback(true)
                .nsfwCheck(false);
        for (int i = 0; i < 16; i++) {
          b.addImageUrl("https://images.example.com/reference/fox-" + i + ".png?v=" + i);
        }
        yield b.build();
      }
      case "unlisted" ->
          GenerationRequest.builder()
              .model("acme-image-9")
              .prompt("A lighthouse on a cliff at dawn")
              .size("5:3")
              .extraBody("style", "vivid")
              .extraBody("options", java.util.Map.of("hdr", true))
              .build();
      default -> throw new IllegalArgumentException("unknown request kind: " + kind);
    };
  }

  /**
   * Validation, normalisation, encoding and the headers: the whole preparation, as the client does
   * it before sending.
   */
  @Benchmark
  public byte[] preview() {
    return client.preview(generationRequest).body();
  }

  /** Validation alone. */
  @Benchmark
  public Object validate() {
    return validator.validate(generationRequest);
  }

  /** Validation and normalisation to the model's spelling, without encoding. */
  @Benchmark
  public GenerationRequest prepare() {
    return validator.prepare(generationRequest);
  }
}
