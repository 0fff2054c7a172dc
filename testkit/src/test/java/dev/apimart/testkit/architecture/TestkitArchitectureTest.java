package dev.apimart.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The testkit's boundary: its API is {@code dev.apimart.testkit}, {@code .junit} and {@code
 * .contract}; {@code dev.apimart.testkit.internal} is how the fake works inside and may change in
 * any release. Java 17 class-path users cannot be stopped from naming a public internal class, so
 * these rules keep every internal type out of what a user can see or call.
 */
@AnalyzeClasses(
    packages = "dev.apimart.testkit",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class TestkitArchitectureTest {

  private static final String INTERNAL = "dev.apimart.testkit.internal..";

  @ArchTest
  static final ArchRule noPublicSignatureOfTheApiMentionsAnInternalType =
      classes()
          .that()
          .resideInAPackage("dev.apimart.testkit..")
          .and()
          .resideOutsideOfPackage(INTERNAL)
          .should(exposeNoInternalType())
          .because(
              "a user's code must never need an internal type to call the testkit: internals"
                  + " change in any release");

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

  /**
   * Public and protected constructors, methods and fields of publicly visible classes, and those
   * classes' supertypes, mention no internal type — also not as a type argument ({@code
   * List<Internal>}) or in a throws clause.
   */
  private static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("expose no dev.apimart.testkit.internal type") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        if (!visible(type)) {
          return;
        }
        List<String> leaks = new ArrayList<>();
        Optional<JavaType> superclass = type.getSuperclass();
        superclass.ifPresent(s -> collect(leaks, type.getName() + " extends", List.of(s)));
        collect(leaks, type.getName() + " implements", type.getInterfaces());
        for (JavaMember member : type.getMembers()) {
          if (!openToUsers(member.getModifiers().contains(JavaModifier.PUBLIC), member)) {
            continue;
          }
          List<JavaType> mentioned = new ArrayList<>();
          if (member instanceof JavaField field) {
            mentioned.add(field.getType());
          } else if (member instanceof JavaCodeUnit unit) {
            mentioned.add(unit.getReturnType());
            mentioned.addAll(unit.getParameterTypes());
            unit.getThrowsClause().getTypes().forEach(mentioned::add);
          }
          collect(leaks, member.getFullName(), mentioned);
        }
        for (String leak : leaks) {
          events.add(SimpleConditionEvent.violated(type, leak));
        }
        if (leaks.isEmpty()) {
          events.add(SimpleConditionEvent.satisfied(type, type.getName() + " exposes no internal"));
        }
      }
    };
  }

  private static boolean openToUsers(boolean isPublic, JavaMember member) {
    return isPublic || member.getModifiers().contains(JavaModifier.PROTECTED);
  }

  /** Public (or protected, when nested) all the way out. */
  private static boolean visible(JavaClass type) {
    boolean open =
        type.getModifiers().contains(JavaModifier.PUBLIC)
            || (type.getEnclosingClass().isPresent()
                && type.getModifiers().contains(JavaModifier.PROTECTED));
    return open && type.getEnclosingClass().map(TestkitArchitectureTest::visible).orElse(true);
  }

  private static void collect(
      List<String> leaks, String where, Collection<? extends JavaType> types) {
    for (JavaType t : types) {
      for (JavaClass raw : t.getAllInvolvedRawTypes()) {
        if (raw.getPackageName().startsWith("dev.apimart.testkit.internal")) {
          leaks.add(where + " mentions " + raw.getName());
        }
      }
    }
  }
}
