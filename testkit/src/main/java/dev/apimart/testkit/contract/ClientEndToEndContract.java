package dev.apimart.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.client.Scheduler;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.core.model.ModelCapabilities;
import dev.apimart.core.model.ModelCatalog;
import dev.apimart.core.model.PixelSize;
import dev.apimart.core.model.Resolution;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.testkit.FakeApiMart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole SDK over one transport against the fake service: submit, poll and download with each
 * seed model, synchronously and asynchronously, checking every downloaded image decodes to the
 * pixel size of ApiMart's table; then every model of the default catalog at its documented sizes
 * and tiers, each image's size checked against what the fake made. Where {@link
 * HttpTransportContract} proves a transport moves bytes correctly, this proves {@code
 * ApiMartClient} works end to end on it. Polls are scheduled without waiting (tasks finish on their
 * second poll), so nothing sleeps.
 */
public abstract class ClientEndToEndContract {

  private FakeApiMart fake;
  private ExecutorService pollThreads;
  private HttpTransport transport;
  private ApiMartClient client;

  /** Creates the contract. */
  protected ClientEndToEndContract() {}

  /** A new transport for one test; the contract closes it afterwards. */
  protected abstract HttpTransport createTransport();

  /** The name the transport reports, e.g. {@code "jdk"}. */
  protected abstract String expectedTransportName();

  @BeforeEach
  void startFakeAndClient() {
    fake = FakeApiMart.builder().virtualTime().finishAfterPolls(2).unlimitedBalance().start();
    pollThreads = Executors.newSingleThreadExecutor();
    transport = createTransport();
    client =
        ApiMartClient.builder()
            .baseUrl(fake.baseUrl())
            .apiKey(fake.apiKey())
            .transport(transport)
            .scheduler(immediately(pollThreads))
            .pollingOptions(
                PollingOptions.builder()
                    .initialDelay(Duration.ofMillis(1))
                    .minInterval(Duration.ofMillis(1))
                    .maxInterval(Duration.ofMillis(1))
                    .build())
            .build();
  }

  @AfterEach
  void stopClientAndFake() {
    client.close();
    // A transport passed to the builder stays the caller's to close.
    transport.close();
    pollThreads.shutdownNow();
    fake.close();
  }

  @TestFactory
  Stream<DynamicTest> generatesWithEachModelAndDownloadsItsImages() {
    return Stream.of(
            ImageModel.Z_IMAGE_TURBO, ImageModel.QWEN_IMAGE_2_0, ImageModel.QWEN_IMAGE_2_0_PRO)
        .map(model -> dynamicTest(model.id(), () -> generateAndDownload(model)));
  }

  /**
   * Every model of the default catalog, at its documented sizes and tiers (each tier once, with a
   * ratio that has a documented pixel-table row where one exists; every listed size, {@code auto}
   * included, at the default tier; an explicit pixel size where the model takes one; and the
   * model's defaults), each image downloaded and decoded to the pixel size the fake says it made —
   * and to the size the client expected, where the catalog documents one.
   */
  @TestFactory
  Stream<DynamicTest> generatesWithEveryCatalogModelAtItsDocumentedSizesAndTiers() {
    return ModelCatalog.defaults().entries().stream()
        .flatMap(
            entry ->
                catalogCases(entry).stream()
                    .map(
                        request ->
                            dynamicTest(
                                entry.model().id()
                                    + " size="
                                    + request.sizeValue()
                                    + " resolution="
                                    + request.resolutionValue(),
                                () -> generateAndCheckSize(request))));
  }

  @Test
  void generatesAsynchronously() throws Exception {
    GenerationResult result =
        client.generateAsync(requestFor(ImageModel.QWEN_IMAGE_2_0)).get(10, TimeUnit.SECONDS);

    assertEquals(2, result.images().size());
    assertEquals(1, fake.journal().submissions().size());
  }

  private void generateAndDownload(ImageModel model) {
    GenerationRequest request = requestFor(model);
    // The table in api-contract.md, not a recomputation of it.
    PixelSize expected;
    if (model.equals(ImageModel.Z_IMAGE_TURBO)) {
      expected = new PixelSize(1280, 720);
    } else if (model.equals(ImageModel.QWEN_IMAGE_2_0)) {
      expected = new PixelSize(864, 1152);
    } else {
      expected = new PixelSize(2048, 2048);
    }

    GenerationResult result = client.generate(request);

    assertEquals(request.expectedImageCount(), result.images().size());
    for (GeneratedImage image : result.images()) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      long written = client.download(image, png);
      assertTrue(written > 0, "bytes written");
      assertEquals(png.size(), written);
      assertEquals(expected, decodedSize(png.toByteArray()));
    }
    assertEquals(expectedTransportName(), client.transportName());
  }

  private void generateAndCheckSize(GenerationRequest request) {
    GenerationResult result = client.generate(request);

    PixelSize made =
        fake.task(result.taskId().value())
            .orElseThrow(() -> new AssertionError("the fake holds no task " + result.taskId()))
            .pixelSize();
    assertEquals(1, result.images().size());
    for (GeneratedImage image : result.images()) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      long written = client.download(image, png);
      assertEquals(png.size(), written);
      PixelSize decoded = headerSize(png.toByteArray());
      assertEquals(made, decoded, "the PNG's size");
      if (image.expectedSize() != null) {
        assertEquals(image.expectedSize(), decoded, "the size the catalog documents");
      }
    }
  }

  /** The requests the catalog case sends for one model (see the test's documentation). */
  static List<GenerationRequest> catalogCases(ModelCapabilities entry) {
    List<ImageSize> sizes = entry.sizes().orElse(List.of());
    List<ImageSize> ratios = sizes.stream().filter(ImageSize::isRatio).toList();
    List<Resolution> tiers = entry.tiers().orElse(List.of());
    List<GenerationRequest> cases = new ArrayList<>();
    for (int i = 0; i < tiers.size(); i++) {
      Resolution tier = tiers.get(i);
      ImageSize ratio = ratios.isEmpty() ? null : ratioFor(entry, ratios, tier, i);
      cases.add(request(entry, ratio, tier));
    }
    for (ImageSize size : sizes) {
      cases.add(request(entry, size, null));
    }
    entry
        .pixelSizes()
        .ifPresent(
            range ->
                cases.add(
                    request(
                        entry,
                        range.contains(1881, 836)
                            ? ImageSize.pixels(1881, 836)
                            : ImageSize.pixels(range.minSide(), range.minSide()),
                        null)));
    cases.add(request(entry, null, null));
    return cases;
  }

  /** The ratio for the i-th case: rotated through the list, preferring a documented table row. */
  private static ImageSize ratioFor(
      ModelCapabilities entry, List<ImageSize> ratios, Resolution tier, int i) {
    for (int k = 0; k < ratios.size(); k++) {
      ImageSize candidate = ratios.get((i + k) % ratios.size());
      if (tier != null && entry.pixelTable().containsKey(candidate.value() + "@" + tier.value())) {
        return candidate;
      }
    }
    return ratios.get(i % ratios.size());
  }

  private static GenerationRequest request(
      ModelCapabilities entry, ImageSize size, Resolution tier) {
    GenerationRequest.Builder b =
        GenerationRequest.builder().model(entry.model()).prompt("A lighthouse at dusk");
    if (size != null) {
      b.size(size);
      if (size.isAuto() && entry.autoSizeNeedsReferences()) {
        b.addImageUrl("https://images.example.com/reference.png");
      }
    }
    if (tier != null) {
      b.resolution(tier);
    }
    return b.build();
  }

  private static GenerationRequest requestFor(ImageModel model) {
    if (model.equals(ImageModel.Z_IMAGE_TURBO)) {
      return GenerationRequest.builder()
          .model(model)
          .prompt("水墨画风格的山水风景")
          .size(ImageSize.RATIO_16_9)
          .resolution(Resolution.RES_1K)
          .build();
    }
    if (model.equals(ImageModel.QWEN_IMAGE_2_0)) {
      return GenerationRequest.builder()
          .model(model)
          .prompt("A lighthouse at dusk")
          .size(ImageSize.RATIO_3_4)
          .n(2)
          .negativePrompt("blur")
          .build();
    }
    return GenerationRequest.builder()
        .model(model)
        .prompt("A poster that says 你好")
        .size(ImageSize.RATIO_1_1)
        .resolution(Resolution.RES_2K)
        .build();
  }

  /** Width and height as a standard PNG reader reads them from the header, without decoding. */
  private static PixelSize headerSize(byte[] png) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      assertTrue(readers.hasNext(), "a PNG reader recognises the file");
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        assertEquals("png", reader.getFormatName().toLowerCase(Locale.ROOT));
        return new PixelSize(reader.getWidth(0), reader.getHeight(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PixelSize decodedSize(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertNotNull(image, "a decodable image");
      return new PixelSize(image.getWidth(), image.getHeight());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs scheduled polls at once and does not sleep: the fake moves tasks by poll count. */
  private static Scheduler immediately(ExecutorService executor) {
    return new Scheduler() {
      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        Future<?> future = executor.submit(task);
        return () -> future.cancel(false);
      }

      @Override
      public void sleep(Duration duration) {}
    };
  }
}
