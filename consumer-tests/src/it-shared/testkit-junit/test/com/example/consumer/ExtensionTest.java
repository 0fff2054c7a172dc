package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.GenerationRequest;
import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ImageSize;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.junit.FakeApiMartExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The testkit's extension injects a started fake per test, into a field and a parameter. */
@ExtendWith(FakeApiMartExtension.class)
class ExtensionTest {

  FakeApiMart fake;

  @Test
  void injectsAFakeToGenerateAgainst(FakeApiMart sameFake) throws Exception {
    assertNotNull(fake);
    assertSame(fake, sameFake);
    try (ApiMartClient client = fake.clientBuilder().build()) {
      GenerationResult result =
          client.generate(
              GenerationRequest.builder()
                  .model(ImageModel.QWEN_IMAGE_2_0)
                  .prompt("A lighthouse at dusk")
                  .size(ImageSize.RATIO_16_9)
                  .build());
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      client.download(result.images().get(0), png);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
      assertEquals(1280, image.getWidth());
      assertEquals(720, image.getHeight());
      assertEquals(1, fake.journal().submissions().size());
    }
    System.out.println(
        "[consumer] JUnit " + Test.class.getPackage().getImplementationVersion() + " extension ok");
  }

  @Test
  void eachTestGetsItsOwnFake() {
    assertNotNull(fake);
    assertEquals(0, fake.journal().submissions().size());
  }
}
