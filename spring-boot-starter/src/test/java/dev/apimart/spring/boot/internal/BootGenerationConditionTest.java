package dev.apimart.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.spring.boot.WrongBootGenerationException;
import dev.apimart.spring.boot.testing.BootLine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;

/**
 * The generation check on its own; that it really stops a Boot 3.5 application carrying the Boot 4
 * starter (and the report it prints) is checked in consumer-tests' wrong-generation cell.
 */
class BootGenerationConditionTest {

  @Test
  void theBoot4StarterInABoot35ApplicationNamesTheBoot3Starter() {
    WrongBootGenerationException wrong =
        BootGenerationCondition.check(4, "apimart-spring-boot-starter", "3.5.7");

    assertThat(wrong)
        .hasMessage(
            "apimart-spring-boot-starter needs Spring Boot 4.x; this application runs Spring Boot"
                + " 3.5.7 - use dev.apimart:apimart-spring-boot3-starter");
    assertThat(wrong.replacement()).contains("dev.apimart:apimart-spring-boot3-starter");
    assertThat(wrong.artifact()).isEqualTo("apimart-spring-boot-starter");
    assertThat(wrong.runningVersion()).isEqualTo("3.5.7");
  }

  @Test
  void theBoot3StarterInABoot4ApplicationNamesTheBoot4Starter() {
    assertThat(BootGenerationCondition.check(3, "apimart-spring-boot3-starter", "4.1.2"))
        .hasMessage(
            "apimart-spring-boot3-starter needs Spring Boot 3.5.x; this application runs Spring"
                + " Boot 4.1.2 - use dev.apimart:apimart-spring-boot-starter");
  }

  @Test
  void eachStarterRunsOnItsOwnGeneration() {
    assertThat(BootGenerationCondition.check(4, "apimart-spring-boot-starter", "4.0.0")).isNull();
    assertThat(BootGenerationCondition.check(4, "apimart-spring-boot-starter", "4.1.2")).isNull();
    assertThat(BootGenerationCondition.check(3, "apimart-spring-boot3-starter", "3.5.0")).isNull();
    assertThat(BootGenerationCondition.check(3, "apimart-spring-boot3-starter", "3.5.16")).isNull();
  }

  @Test
  void theBoot4StarterDoesNotRefuseALaterGenerationItCannotKnow() {
    assertThat(BootGenerationCondition.check(4, "apimart-spring-boot-starter", "5.0.0-M1"))
        .isNull();
  }

  @Test
  void aGenerationNoStarterSupportsSaysSoInsteadOfNamingOne() {
    WrongBootGenerationException wrong =
        BootGenerationCondition.check(3, "apimart-spring-boot3-starter", "2.7.18");

    assertThat(wrong.replacement()).isEmpty();
    assertThat(wrong)
        .hasMessage(
            "apimart-spring-boot3-starter needs Spring Boot 3.5.x; this application runs Spring"
                + " Boot 2.7.18 - no ApiMart starter supports it; upgrade to Spring Boot 3.5 or 4");
  }

  @Test
  void aVersionThatIsNotANumberIsNotRefused() {
    assertThat(BootGenerationCondition.check(4, "apimart-spring-boot-starter", "custom-build"))
        .isNull();
  }

  @Test
  void thisLineAcceptsTheBootItIsTestedOn() {
    String running = BootGenerationCondition.runningVersion(getClass().getClassLoader());

    assertThat(running).startsWith(BootLine.MAJOR + ".");
    assertThat(BootGeneration.MAJOR).isEqualTo(BootLine.MAJOR);
    assertThat(
            BootGenerationCondition.check(BootGeneration.MAJOR, BootGeneration.ARTIFACT, running))
        .isNull();
  }

  @Test
  void withoutAStatedVersionTheGenerationIsToldByAClassOnlyBoot4Has() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(BootGenerationCondition.runningVersion(null, loader))
        .isEqualTo(BootLine.MAJOR + ".x");
    assertThat(
            BootGenerationCondition.runningVersion(
                null, new FilteredClassLoader(BootGenerationCondition.BOOT4_ONLY_CLASS)))
        .isEqualTo("3.x");
  }
}
