package dev.apimart.langchain4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The adapter's rules, checked on every build. */
@AnalyzeClasses(
    packages = "dev.apimart.langchain4j",
    importOptions = ImportOption.DoNotIncludeTests.class)
class LangChain4jArchitectureTest {

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
  static final ArchRule noTransportIsNamed =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.apimart.transport..")
          .because("the client discovers its transport; a given client brings its own");
}
