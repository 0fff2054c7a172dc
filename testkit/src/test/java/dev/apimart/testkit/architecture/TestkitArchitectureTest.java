package dev.apimart.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The testkit's boundary: its API is {@code dev.apimart.testkit}, {@code .junit} and {@code
 * .contract}; {@code dev.apimart.testkit.internal} is how the fake works inside and may change in
 * any release. Java 17 class-path users cannot be stopped from naming a public internal class; that
 * no public signature of the testkit mentions one is checked for every module by {@code
 * ApiBoundaryTest} (reliability-tests), and this rule keeps even the testkit's own JUnit extension
 * and contract suite off the internals.
 */
@AnalyzeClasses(
    packages = "dev.apimart.testkit",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class TestkitArchitectureTest {

  private static final String INTERNAL = "dev.apimart.testkit.internal..";

  @ArchTest
  static final ArchRule onlyTheFakeItselfReachesIntoInternals =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.apimart.testkit", INTERNAL)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(INTERNAL)
          .because(
              "internal classes are public only so that FakeApiMart, Journal and RecordedRequest"
                  + " (package dev.apimart.testkit) can wire them; the JUnit extension, the"
                  + " contract suite and every other module use the testkit's API");
}
