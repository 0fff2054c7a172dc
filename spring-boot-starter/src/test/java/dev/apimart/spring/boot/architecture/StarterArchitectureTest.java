package dev.apimart.spring.boot.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The starter's rules, written as sentences and checked on every build. */
@AnalyzeClasses(
    packages = "dev.apimart.spring.boot",
    importOptions = ImportOption.DoNotIncludeTests.class)
class StarterArchitectureTest {

  @ArchTest
  static final ArchRule theStarterUsesOnlyCoresPublicApi =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.apimart.core.internal..")
          .because(
              "the starter is a user of the SDK like any application; core's internal"
                  + " packages may change in any release");

  @ArchTest
  static final ArchRule theStarterNeverTouchesJson =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..")
          .because("JSON mapping lives in core.internal.wire only");

  @ArchTest
  static final ArchRule onlyTheHealthPackageTouchesSpringBootHealth =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.apimart.spring.boot.health..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework.boot.health..", "org.springframework.boot.actuate..")
          .because(
              "Boot's health support (spring-boot-health in Boot 4, spring-boot-actuator in Boot 3) is"
                  + " optional: only classes behind the health auto-configuration's class condition may"
                  + " load it");

  @ArchTest
  static final ArchRule onlyTheObservationPackageTouchesMicrometer =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.apimart.spring.boot.observation..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.micrometer..")
          .because(
              "Micrometer is optional: only classes behind the observation auto-configuration's"
                  + " class condition may load it");

  @ArchTest
  static final ArchRule onlyTheWebhookEndpointsTouchAWebStack =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("dev.apimart.spring.boot.webhook.MvcWebhookEndpoint")
          .and()
          .doNotHaveFullyQualifiedName("dev.apimart.spring.boot.webhook.WebFluxWebhookEndpoint")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework.web..",
              "jakarta.servlet..",
              "reactor..",
              "org.springframework.http..")
          .because(
              "Spring MVC, WebFlux and the servlet API are optional: only the configurations guarded"
                  + " by their web application and class conditions may refer to them");

  @ArchTest
  static final ArchRule onlyTheTransportConfigurationsNameATransport =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName("dev.apimart.spring.boot.TransportConfigurations$Jdk")
          .and()
          .doNotHaveFullyQualifiedName("dev.apimart.spring.boot.TransportConfigurations$Feign")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.apimart.transport..", "feign..")
          .because(
              "a transport class may be absent; only configurations guarded by its class"
                  + " condition may refer to it");
}
