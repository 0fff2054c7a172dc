package dev.apimart.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.spring.boot.app.PosterApplication.PosterService;
import dev.apimart.spring.boot.testkit.EnableFakeApiMart;
import dev.apimart.testkit.FakeApiMart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A whole application context with the starter, generating against the fake over real HTTP. */
@SpringBootTest(
    properties = {
      "apimart.defaults.model=qwen-image-2.0",
      "apimart.defaults.size=16:9",
      "apimart.polling.initial-delay=0s",
      "apimart.polling.min-interval=1ms",
      "apimart.polling.max-interval=10ms"
    })
@EnableFakeApiMart
class PosterApplicationTest {

  @Autowired PosterService posters;
  @Autowired ApiMartClient client;
  @Autowired FakeApiMart fake;

  @Test
  void generatesAndDownloadsAnImageThroughTheAutoConfiguredClient() throws IOException {
    byte[] png = posters.poster("Grand opening");

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(720);
    assertThat(client.baseUrl()).isEqualTo(fake.baseUrl());
    assertThat(fake.journal().submissions()).hasSize(1);
    assertThat(fake.journal().submissions().get(0).jsonBody())
        .containsEntry("model", "qwen-image-2.0")
        .containsEntry("size", "16:9")
        .containsEntry("prompt", "A poster that reads: Grand opening");
  }
}
