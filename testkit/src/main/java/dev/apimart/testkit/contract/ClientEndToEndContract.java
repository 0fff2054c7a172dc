package dev.apimart.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.client.PollingOptions;
import dev.apimart.core.client.Scheduler;
import dev.apimart.core.model.AspectRatio;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
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
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole SDK over one transport against the fake service: submit, poll and download with each
 * model, synchronously and asynchronously, checking every downloaded image decodes to the pixel
 * size of ApiMart's table. Where {@link HttpTransportContract} proves a transport moves bytes
 * correctly, this proves {@code ApiMartClient} works end to end on it. Polls are scheduled without
 * waiting (tasks finish on their second poll), so nothing sleeps.
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
    return Arrays.stream(ImageModel.values())
        .map(model -> dynamicTest(model.id(), () -> generateAndDownload(model)));
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
    PixelSize expected =
        switch (model) {
          case Z_IMAGE_TURBO -> new PixelSize(1280, 720);
          case QWEN_IMAGE_2_0 -> new PixelSize(864, 1152);
          case QWEN_IMAGE_2_0_PRO -> new PixelSize(2048, 2048);
        };

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

  private static GenerationRequest requestFor(ImageModel model) {
    return switch (model) {
      case Z_IMAGE_TURBO ->
          GenerationRequest.builder()
              .model(model)
              .prompt("水墨画风格的山水风景")
              .size(AspectRatio.RATIO_16_9)
              .resolution(Resolution.RES_1K)
              .build();
      case QWEN_IMAGE_2_0 ->
          GenerationRequest.builder()
              .model(model)
              .prompt("A lighthouse at dusk")
              .size(AspectRatio.RATIO_3_4)
              .n(2)
              .negativePrompt("blur")
              .build();
      case QWEN_IMAGE_2_0_PRO ->
          GenerationRequest.builder()
              .model(model)
              .prompt("A poster that says 你好")
              .size(AspectRatio.RATIO_1_1)
              .resolution(Resolution.RES_2K)
              .build();
    };
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
