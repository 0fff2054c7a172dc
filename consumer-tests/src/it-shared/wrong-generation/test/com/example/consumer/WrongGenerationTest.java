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
 * An application that depends on the starter of the other Spring Boot generation by mistake (the
 * Boot 4 starter in a Boot 3.5 application, or the other way round): start-up must stop with
 * Boot's failure report naming the right starter, not run half-configured. The cell names the
 * starter it uses (it.starter), what that starter needs (it.needs) and the one to use instead
 * (it.replacement).
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
    String starter = System.getProperty("it.starter");
    String replacement = System.getProperty("it.replacement");
    String report = output.getAll();
    assertTrue(report.contains("APPLICATION FAILED TO START"), report);
    assertTrue(
        report.contains(
            starter
                + " needs "
                + System.getProperty("it.needs")
                + "; this application runs Spring Boot "
                + SpringBootVersion.getVersion()
                + " - use dev.apimart:"
                + replacement),
        report);
    assertTrue(
        report.contains(
            "Replace the dependency dev.apimart:" + starter + " with dev.apimart:" + replacement),
        report);
    System.out.println(
        "[consumer] Spring Boot "
            + SpringBootVersion.getVersion()
            + " with "
            + starter
            + ": refused, naming "
            + replacement);
  }
}
