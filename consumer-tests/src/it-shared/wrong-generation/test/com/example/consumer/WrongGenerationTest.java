package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A Spring Boot 3.5 application that depends on the Boot 4 starter by mistake: start-up must stop
 * with Boot's failure report naming the Boot 3 starter, not run half-configured.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrongGenerationTest {

  @SpringBootApplication
  static class Application {}

  @Test
  void startUpFailsWithAReportNamingTheStarterForThisBoot(CapturedOutput output) {
    SpringApplication application = new SpringApplication(Application.class);
    // A key, so that a missing key cannot be what stops it.
    application.setDefaultProperties(Map.<String, Object>of("apimart.api-key", "sk-consumer-test"));

    Throwable failure = assertThrows(Throwable.class, application::run);

    boolean thrownByTheGuard = false;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      thrownByTheGuard |=
          t.getClass().getName().equals("dev.apimart.spring.boot.WrongBootGenerationException");
    }
    assertTrue(thrownByTheGuard, () -> "failed for another reason: " + failure);
    String report = output.getAll();
    assertTrue(report.contains("APPLICATION FAILED TO START"), report);
    assertTrue(
        report.contains(
            "apimart-spring-boot-starter needs Spring Boot 4.x; this application runs Spring Boot "
                + SpringBootVersion.getVersion()
                + " - use dev.apimart:apimart-spring-boot3-starter"),
        report);
    assertTrue(
        report.contains(
            "Replace the dependency dev.apimart:apimart-spring-boot-starter with"
                + " dev.apimart:apimart-spring-boot3-starter"),
        report);
    System.out.println(
        "[consumer] Spring Boot "
            + SpringBootVersion.getVersion()
            + " with the Boot 4 starter: refused, naming apimart-spring-boot3-starter");
  }
}
