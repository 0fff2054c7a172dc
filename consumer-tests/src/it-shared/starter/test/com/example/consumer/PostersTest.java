package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apimart.spring.boot.testkit.EnableFakeApiMart;
import dev.apimart.testkit.FakeApiMart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
    properties = {
      "apimart.polling.initial-delay=0s",
      "apimart.polling.min-interval=1ms",
      "apimart.polling.max-interval=10ms"
    })
@EnableFakeApiMart
class PostersTest {

  @Autowired PosterApplication.Posters posters;
  @Autowired FakeApiMart fake;

  @Test
  void generatesAPosterAgainstTheFake() throws Exception {
    byte[] png = posters.poster("Grand opening");

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(1280, image.getWidth());
    assertEquals(720, image.getHeight());
    assertEquals(1, fake.journal().submissions().size());
    System.out.println("[consumer] Spring Boot " + SpringBootVersion.getVersion() + " starter ok");
  }
}
