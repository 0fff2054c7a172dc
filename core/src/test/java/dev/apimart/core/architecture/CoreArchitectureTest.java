package dev.apimart.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/** The hexagon's rules for core, written as sentences and checked on every build. */
@AnalyzeClasses(packages = "dev.apimart.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

  @ArchTest
  static final ArchRule domainDependsOnlyOnTheJdkAndValidationAnnotations =
      classes()
          .that()
          .resideInAPackage("dev.apimart.core.model..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "jakarta.validation..", "org.jspecify..", "dev.apimart.core.model..")
          .because(
              "the domain is the stable centre of the hexagon: it must not change when a library"
                  + " or transport does");

  @ArchTest
  static final ArchRule onlyTheWirePackageTouchesJackson =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.apimart.core.internal.wire..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "tools.jackson..", "com.fasterxml.jackson..", "dev.apimart.core.internal.shaded..")
          .because(
              "JSON mapping lives in one place, so a Jackson upgrade touches one package; the"
                  + " packaged jar relocates Jackson to dev.apimart.core.internal.shaded (ADR 0013)");

  @ArchTest
  static final ArchRule coreNeverTouchesATransportLibraryOrSpring =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.net.http..",
              "feign..",
              "okhttp3..",
              "org.apache.hc..",
              "org.springframework..",
              "com.sun.net.httpserver..")
          .because(
              "core reaches the network only through the HttpTransport port; transports are"
                  + " pluggable adapters in their own modules");

  @ArchTest
  static final ArchRule errorsDependOnlyOnTheDomain =
      classes()
          .that()
          .resideInAPackage("dev.apimart.core.error..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "org.jspecify..", "dev.apimart.core.error..", "dev.apimart.core.model..")
          .because("every layer throws these exceptions, so they must not pull any layer in");

  @ArchTest
  static final ArchRule thePortDependsOnlyOnTheJdkAndErrors =
      classes()
          .that()
          .resideInAPackage("dev.apimart.core.port..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "javax.net.ssl..",
              "org.jspecify..",
              "dev.apimart.core.port..",
              "dev.apimart.core.error..")
          .because(
              "a transport implements the port and nothing else; it must be able to do so"
                  + " without knowing JSON or the domain");

  @ArchTest
  static final ArchRule capabilityRulesDoNotKnowHowRequestsAreSent =
      noClasses()
          .that()
          .resideInAPackage("dev.apimart.core.capability..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.apimart.core.port..", "dev.apimart.core.internal.wire..")
          .because("validation happens before, and independently of, any network call");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices()
          .matching("dev.apimart.core.(*)..")
          .should()
          .beFreeOfCycles()
          .because("cycles between packages make the layers impossible to reason about");

  @ArchTest
  static final ArchRule publicSignaturesNeverMentionAnInternalType =
      members()
          .that()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .arePublic()
          .and()
          .areDeclaredInClassesThat()
          .resideOutsideOfPackage("..internal..")
          .should(mentionNoInternalType())
          .because(
              "internal packages (the JSON codec among them) may change in any release, so no"
                  + " public type may hand one to a user or ask one from them");

  private static ArchCondition<JavaMember> mentionNoInternalType() {
    return new ArchCondition<>("mention no internal type in their signature") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        List<JavaClass> types = new ArrayList<>();
        if (member instanceof JavaCodeUnit code) {
          types.add(code.getRawReturnType());
          types.addAll(code.getRawParameterTypes());
        } else if (member instanceof JavaField field) {
          types.add(field.getRawType());
        }
        for (JavaClass type : types) {
          JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
          if (base.getPackageName().contains(".internal")) {
            events.add(
                SimpleConditionEvent.violated(
                    member, member.getFullName() + " mentions " + base.getName()));
          }
        }
      }
    };
  }
}
