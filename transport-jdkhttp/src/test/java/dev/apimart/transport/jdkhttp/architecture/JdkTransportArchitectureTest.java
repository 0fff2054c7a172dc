package dev.apimart.transport.jdkhttp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** What the JDK transport may touch, written as sentences and checked on every build. */
@AnalyzeClasses(
    packages = "dev.apimart.transport.jdkhttp",
    importOptions = ImportOption.DoNotIncludeTests.class)
class JdkTransportArchitectureTest {

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
  static final ArchRule theTransportDependsOnlyOnThePortTheJdkAndSlf4j =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "javax.net.ssl..",
              "org.slf4j..",
              "org.jspecify..",
              "dev.apimart.core.port..",
              "dev.apimart.core.error..",
              "dev.apimart.transport.jdkhttp..")
          .because(
              "the JDK transport's promise is no dependency beyond core: java.net.http does the"
                  + " work");

  @ArchTest
  static final ArchRule implementationDetailsDoNotReachBackIntoTheApi =
      noClasses()
          .that()
          .resideInAPackage("dev.apimart.transport.jdkhttp.internal..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.apimart.transport.jdkhttp")
          .because("internal helpers serve the public types, not the other way round");
}
