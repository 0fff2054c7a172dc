package dev.apimart.transport.feign.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What the Feign transport may touch, written as sentences and checked on every build. */
@AnalyzeClasses(
    packages = "dev.apimart.transport.feign",
    importOptions = ImportOption.DoNotIncludeTests.class)
class FeignTransportArchitectureTest {

  @ArchTest
  static final ArchRule theTransportNeverTouchesJson =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..")
          .because("a transport moves bytes; JSON mapping lives in core's wire package only");

  @ArchTest
  static final ArchRule theTransportSeesOnlyThePortOfCore =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.apimart.core.client..",
              "dev.apimart.core.internal..",
              "dev.apimart.core.model..",
              "dev.apimart.core.capability..")
          .because(
              "a transport implements the HttpTransport port and nothing else, so core can change"
                  + " behind the port without breaking it");

  @ArchTest
  static final ArchRule theTransportDependsOnlyOnThePortFeignCoreTheJdkAndSlf4j =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "javax.net.ssl..",
              "org.slf4j..",
              "feign..",
              "org.jspecify..",
              "dev.apimart.core.port..",
              "dev.apimart.core.error..",
              "dev.apimart.transport.feign..")
          .because(
              "the Feign transport works with any feign.Client, so it may rely on feign-core and"
                  + " nothing of OkHttp, Apache HC5 or any other client library");

  @ArchTest
  static final ArchRule theTransportUsesOnlyFeignsClientSpi =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "feign.okhttp..", "feign.hc5..", "feign.http2client..", "feign.codec..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("feign.Retryer")
          .because(
              "only Client.execute is used: Feign's retryer and codecs stay out, since core owns"
                  + " retries and JSON");

  @ArchTest
  static final ArchRule implementationDetailsDoNotReachBackIntoTheApi =
      noClasses()
          .that()
          .resideInAPackage("dev.apimart.transport.feign.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.apimart.transport.feign")
          .because("internal helpers serve the public types, not the other way round");
}
