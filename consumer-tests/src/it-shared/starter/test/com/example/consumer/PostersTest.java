package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apimart.spring.boot.testkit.EnableFakeApiMart;
import dev.apimart.testkit.FakeApiMart;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
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
  @Autowired ApplicationContext context;

  @Test
  void generatesAPosterAgainstTheFake() throws Exception {
    byte[] png = posters.poster("Grand opening");

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(1280, image.getWidth());
    assertEquals(720, image.getHeight());
    assertEquals(1, fake.journal().submissions().size());
    System.out.println("[consumer] Spring Boot " + SpringBootVersion.getVersion() + " starter ok");
  }

  /**
   * The starter's Actuator health indicator, in the health types of the Boot generation the cell
   * runs (named by the cell's it.health-indicator-type), reports UP from the fake's balance.
   */
  @Test
  void healthIndicatorOfThisBootGenerationIsUpAgainstTheFake() throws Exception {
    String type = System.getProperty("it.health-indicator-type");
    assertTrue(type != null && !type.isEmpty(), "the cell names Boot's HealthIndicator type");
    Object indicator = context.getBean("apimartHealthIndicator");
    assertTrue(
        Class.forName(type).isInstance(indicator), indicator.getClass() + " is a " + type);
    Object health = indicator.getClass().getMethod("health").invoke(indicator);
    Object status = health.getClass().getMethod("getStatus").invoke(health);
    assertEquals("UP", status.getClass().getMethod("getCode").invoke(status));
    System.out.println("[consumer] Spring Boot " + SpringBootVersion.getVersion() + " health UP");
  }
}
