package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.testkit.FakeApiMart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A consumer generating against the fake and checking the PNG it downloads. */
class GenerateTest {

  @Test
  void generatesA16By9Png() throws Exception {
    try (FakeApiMart fake = FakeApiMart.start();
        ApiMartClient client = fake.clientBuilder().build()) {
      GenerationRequest request =
          GenerationRequest.builder()
              .model(ImageModel.QWEN_IMAGE_2_0)
              .prompt("A lighthouse at dusk")
              .size(ImageSize.RATIO_16_9)
              .build();
      long start = System.nanoTime();
      GenerationResult result = client.generate(request);
      long first = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      client.generate(request);
      long second = (System.nanoTime() - start) / 1_000_000;
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      client.download(result.images().get(0), png);

      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
      assertEquals(1280, image.getWidth());
      assertEquals(720, image.getHeight());
      System.out.printf(
          "[consumer] generate against the fake: first %d ms, second %d ms (java %s)%n",
          first, second, System.getProperty("java.version"));
      Extra.check(result);
    }
  }
}
