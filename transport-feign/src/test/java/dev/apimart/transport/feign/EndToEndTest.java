package dev.apimart.transport.feign;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.apimart.testkit.FakeApiMart;
import feign.Client;
import feign.hc5.ApacheHttp5Client;
import feign.http2client.Http2Client;
import feign.okhttp.OkHttpClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole SDK over this transport, with Feign's default client and three of its modules, against
 * the fake service: submit, poll, download, for each model. Polls are scheduled without waiting
 * (tasks finish on their second poll), so nothing here sleeps.
 */
class EndToEndTest {

  FakeApiMart fake;
  ExecutorService pollThreads;
  FeignTransport transport;
  ApiMartClient client;
  CloseableHttpClient hc5;

  @BeforeEach
  void start() {
    fake = FakeApiMart.builder().virtualTime().finishAfterPolls(2).unlimitedBalance().start();
    pollThreads = Executors.newSingleThreadExecutor();
  }

  void connectWith(Client feignClient) {
    transport = FeignTransport.builder().client(feignClient).build();
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
  void stop() {
    if (client != null) {
      client.close();
      // A transport passed to the builder stays the caller's to close.
      transport.close();
    }
    pollThreads.shutdownNow();
    if (hc5 != null) {
      hc5.close(CloseMode.IMMEDIATE);
    }
    fake.close();
  }

  /** Runs scheduled polls at once and does not sleep: the fake moves tasks by poll count. */
  static Scheduler immediately(ExecutorService executor) {
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

  static GenerationRequest requestFor(ImageModel model) {
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

  static PixelSize pngSize(byte[] png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("a decodable image").isNotNull();
    return new PixelSize(image.getWidth(), image.getHeight());
  }

  static Stream<Arguments> clientsAndModels() {
    return Stream.of("default", "okhttp", "hc5", "java11")
        .flatMap(c -> Arrays.stream(ImageModel.values()).map(m -> Arguments.of(c, m)));
  }

  Client feignClient(String name) {
    return switch (name) {
      case "default" -> new Client.Default(null, null);
      case "okhttp" -> new OkHttpClient();
      case "hc5" ->
          new ApacheHttp5Client(hc5 = HttpClients.custom().disableAutomaticRetries().build());
      default -> new Http2Client();
    };
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clientsAndModels")
  void generatesWithEachModelAndDownloadsItsImages(String feignClient, ImageModel model)
      throws Exception {
    connectWith(feignClient(feignClient));
    GenerationRequest request = requestFor(model);
    // The table in api-contract.md, not a recomputation of it.
    PixelSize expected =
        switch (model) {
          case Z_IMAGE_TURBO -> new PixelSize(1280, 720);
          case QWEN_IMAGE_2_0 -> new PixelSize(864, 1152);
          case QWEN_IMAGE_2_0_PRO -> new PixelSize(2048, 2048);
        };

    GenerationResult result = client.generate(request);

    assertThat(result.images()).hasSize(request.expectedImageCount());
    for (GeneratedImage image : result.images()) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      long written = client.download(image, png);
      assertThat(written).isEqualTo(png.size()).isPositive();
      assertThat(pngSize(png.toByteArray())).isEqualTo(expected);
    }
    assertThat(client.transportName()).isEqualTo("feign");
  }

  @Test
  void generatesAsynchronously() throws Exception {
    connectWith(new OkHttpClient());
    GenerationResult result =
        client.generateAsync(requestFor(ImageModel.QWEN_IMAGE_2_0)).get(10, TimeUnit.SECONDS);

    assertThat(result.images()).hasSize(2);
    assertThat(fake.journal().submissions()).hasSize(1);
  }
}
