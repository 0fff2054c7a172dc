package dev.apimart.spring.ai.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The adapter's rules, checked on every build. */
@AnalyzeClasses(
    packages = "dev.apimart.spring.ai",
    importOptions = ImportOption.DoNotIncludeTests.class)
class SpringAiArchitectureTest {

  @ArchTest
  static final ArchRule theAdapterUsesOnlyCoresPublicApi =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.apimart.core.internal..")
          .because(
              "the adapter is a user of the SDK like any application; core's internal"
                  + " packages may change in any release");

  @ArchTest
  static final ArchRule onlyTheAutoConfigurationTouchesSpringBootOrTheStarter =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.apimart.spring.ai.autoconfigure..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework.boot..", "dev.apimart.spring.boot..")
          .because(
              "Boot and the starter are optional: ApiMartImageModel works on any ApiMartClient");

  @ArchTest
  static final ArchRule noTransportIsNamed =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.apimart.transport..")
          .because("the client that is given decides the transport");
}
