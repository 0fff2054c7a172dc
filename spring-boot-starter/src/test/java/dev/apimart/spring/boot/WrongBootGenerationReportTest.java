package dev.apimart.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanDefinitionStoreException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The start-up report for a starter on the wrong Spring Boot generation. */
class WrongBootGenerationReportTest {

  private final ApiMartFailureAnalyzer analyzer = new ApiMartFailureAnalyzer();

  @Test
  void namesTheStarterAndTheTestkitToSwapTo() {
    WrongBootGenerationException wrong =
        new WrongBootGenerationException(
            "apimart-spring-boot-starter",
            "Spring Boot 4.x",
            "3.5.7",
            "dev.apimart:apimart-spring-boot3-starter");
    // As Spring hands it over: wrapped by the configuration class parser.
    FailureAnalysis analysis =
        analyzer.analyze(
            new BeanDefinitionStoreException("Failed to process import candidates", wrong));

    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription())
        .isEqualTo(
            "apimart-spring-boot-starter needs Spring Boot 4.x; this application runs Spring Boot"
                + " 3.5.7 - use dev.apimart:apimart-spring-boot3-starter.");
    assertThat(analysis.getAction())
        .isEqualTo(
            "Replace the dependency dev.apimart:apimart-spring-boot-starter with"
                + " dev.apimart:apimart-spring-boot3-starter (same version, same apimart.*"
                + " properties); in tests use dev.apimart:apimart-spring-boot3-testkit for"
                + " @EnableFakeApiMart.");
    assertThat(analysis.getCause()).isSameAs(wrong);
  }

  @Test
  void withoutAStarterForTheRunningGenerationNamesBothSupportedOnes() {
    FailureAnalysis analysis =
        analyzer.analyze(
            new WrongBootGenerationException(
                "apimart-spring-boot3-starter", "Spring Boot 3.5.x", "2.7.18", null));

    assertThat(analysis.getAction())
        .contains("dev.apimart:apimart-spring-boot3-starter")
        .contains("dev.apimart:apimart-spring-boot-starter");
  }
}
