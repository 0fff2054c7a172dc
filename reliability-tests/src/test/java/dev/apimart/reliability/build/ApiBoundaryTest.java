package dev.apimart.reliability.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public API's boundary across every shipped module (ADR 0019), checked on the compiled classes
 * of the reactor: which packages are public API is written down here, no public signature mentions
 * an internal type, and no module reaches into another module's internals. Java 17 class-path users
 * cannot be stopped from naming a public class in an {@code .internal} package; these rules make
 * sure they never need to, and that our own modules set the example.
 */
class ApiBoundaryTest {

  private static final Path ROOT = Path.of("..");

  /** Module folder → the package every class of that module lives under. */
  private static final Map<String, String> MODULES =
      Map.ofEntries(
          Map.entry("core", "dev.apimart.core"),
          Map.entry("testkit", "dev.apimart.testkit"),
          Map.entry("transport-jdkhttp", "dev.apimart.transport.jdkhttp"),
          Map.entry("transport-feign", "dev.apimart.transport.feign"),
          Map.entry("spring-boot-starter", "dev.apimart.spring.boot"),
          Map.entry("spring-boot3-starter", "dev.apimart.spring.boot"),
          Map.entry("spring-boot-testkit", "dev.apimart.spring.boot.testkit"),
          Map.entry("spring-boot3-testkit", "dev.apimart.spring.boot.testkit"),
          Map.entry("spring-ai", "dev.apimart.spring.ai"),
          Map.entry("langchain4j", "dev.apimart.langchain4j"),
          Map.entry("cli", "dev.apimart.cli"));

  /**
   * The public API, package by package: a package appears here, or its public types are an
   * accident. Adding a package is an API decision; removing one is a breaking change.
   */
  private static final Map<String, List<String>> PUBLIC_PACKAGES =
      Map.ofEntries(
          Map.entry(
              "core",
              List.of(
                  "dev.apimart.core.capability",
                  "dev.apimart.core.client",
                  "dev.apimart.core.error",
                  "dev.apimart.core.model",
                  "dev.apimart.core.port",
                  "dev.apimart.core.port.support",
                  "dev.apimart.core.webhook")),
          Map.entry(
              "testkit",
              List.of(
                  "dev.apimart.testkit",
                  "dev.apimart.testkit.contract",
                  "dev.apimart.testkit.junit")),
          Map.entry("transport-jdkhttp", List.of("dev.apimart.transport.jdkhttp")),
          Map.entry("transport-feign", List.of("dev.apimart.transport.feign")),
          Map.entry(
              "spring-boot-starter",
              List.of(
                  "dev.apimart.spring.boot",
                  "dev.apimart.spring.boot.health",
                  "dev.apimart.spring.boot.observation",
                  "dev.apimart.spring.boot.webhook")),
          Map.entry(
              "spring-boot3-starter",
              List.of(
                  "dev.apimart.spring.boot",
                  "dev.apimart.spring.boot.health",
                  "dev.apimart.spring.boot.observation",
                  "dev.apimart.spring.boot.webhook")),
          Map.entry("spring-boot-testkit", List.of("dev.apimart.spring.boot.testkit")),
          Map.entry("spring-boot3-testkit", List.of("dev.apimart.spring.boot.testkit")),
          Map.entry(
              "spring-ai", List.of("dev.apimart.spring.ai", "dev.apimart.spring.ai.autoconfigure")),
          Map.entry(
              "langchain4j", List.of("dev.apimart.langchain4j", "dev.apimart.langchain4j.spi")));

  private static final Map<String, JavaClasses> CLASSES = new TreeMap<>();

  @BeforeAll
  static void importTheReactorsClasses() {
    for (String module : MODULES.keySet()) {
      Path classes = ROOT.resolve(module).resolve("target/classes");
      assertThat(classes)
          .as("%s is compiled (run the reactor build: ./mvnw verify)", module)
          .isDirectory();
      CLASSES.put(module, new ClassFileImporter().importPath(classes));
    }
  }

  @Test
  void eachModulesPublicTypesLiveInItsListedApiPackages() {
    Map<String, TreeSet<String>> found = new TreeMap<>();
    CLASSES.forEach(
        (module, classes) -> {
          if (!PUBLIC_PACKAGES.containsKey(module)) {
            return;
          }
          TreeSet<String> packages = new TreeSet<>();
          for (JavaClass type : classes) {
            if (visible(type) && !internal(type.getPackageName())) {
              packages.add(type.getPackageName());
            }
          }
          found.put(module, packages);
        });
    Map<String, TreeSet<String>> expected = new TreeMap<>();
    PUBLIC_PACKAGES.forEach((module, packages) -> expected.put(module, new TreeSet<>(packages)));
    assertThat(found).isEqualTo(expected);
  }

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    List<String> leaks = new ArrayList<>();
    CLASSES.forEach(
        (module, classes) -> {
          for (JavaClass type : classes) {
            if (visible(type) && !internal(type.getPackageName())) {
              leaks.addAll(internalTypesIn(type));
            }
          }
        });
    assertThat(leaks)
        .as("a user's code must never need an internal type: internals change in any release")
        .isEmpty();
  }

  @Test
  void noModuleReachesIntoAnotherModulesInternals() {
    List<String> reaches = new ArrayList<>();
    CLASSES.forEach(
        (module, classes) -> {
          String own = MODULES.get(module);
          for (JavaClass type : classes) {
            type.getDirectDependenciesFromSelf()
                .forEach(
                    dependency -> {
                      String target = dependency.getTargetClass().getPackageName();
                      if (target.startsWith("dev.apimart.")
                          && internal(target)
                          && !own.equals(owner(target))) {
                        reaches.add(
                            module
                                + ": "
                                + type.getName()
                                + " uses "
                                + dependency.getTargetClass().getName());
                      }
                    });
          }
        });
    assertThat(reaches.stream().distinct().toList())
        .as("another module's internals are not API; ask for what you need in its public packages")
        .isEmpty();
  }

  @Test
  void theRulesSeeEveryShippedModule() throws Exception {
    for (String module : MODULES.keySet()) {
      assertThat(Files.exists(ROOT.resolve(module).resolve("pom.xml"))).as(module).isTrue();
      assertThat(CLASSES.get(module).size()).as(module + " classes imported").isPositive();
    }
  }

  /** The base package of the module a package belongs to: the longest base that contains it. */
  private static String owner(String packageName) {
    String best = "";
    for (String base : MODULES.values()) {
      if ((packageName.equals(base) || packageName.startsWith(base + "."))
          && base.length() > best.length()) {
        best = base;
      }
    }
    return best;
  }

  private static boolean internal(String packageName) {
    return packageName.contains(".internal.") || packageName.endsWith(".internal");
  }

  /** Public (or protected, when nested) all the way out. */
  private static boolean visible(JavaClass type) {
    boolean open =
        type.getModifiers().contains(JavaModifier.PUBLIC)
            || (type.getEnclosingClass().isPresent()
                && type.getModifiers().contains(JavaModifier.PROTECTED));
    return open && type.getEnclosingClass().map(ApiBoundaryTest::visible).orElse(true);
  }

  private static List<String> internalTypesIn(JavaClass type) {
    List<String> leaks = new ArrayList<>();
    type.getSuperclass().ifPresent(s -> collect(leaks, type.getName() + " extends", List.of(s)));
    collect(leaks, type.getName() + " implements", type.getInterfaces());
    for (JavaMember member : type.getMembers()) {
      boolean open =
          member.getModifiers().contains(JavaModifier.PUBLIC)
              || member.getModifiers().contains(JavaModifier.PROTECTED);
      if (!open) {
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
    return leaks;
  }

  private static void collect(
      List<String> leaks, String where, Collection<? extends JavaType> types) {
    for (JavaType t : types) {
      for (JavaClass raw : t.getAllInvolvedRawTypes()) {
        if (raw.getPackageName().startsWith("dev.apimart.") && internal(raw.getPackageName())) {
          leaks.add(where + " mentions " + raw.getName());
        }
      }
    }
  }
}
