package dev.apimart.spring.boot.testing;

import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;

/**
 * What the shared tests need to know of the Spring Boot generation they run on (Boot 4 here): the
 * classes that moved between generations. Its twin in the Boot 3 starter's tests names Boot 3's.
 */
public final class BootLine {

  /** The Spring Boot major version of this line. */
  public static final int MAJOR = 4;

  /** Boot's own auto-configuration of the {@code ObservationRegistry}. */
  public static final Class<?> OBSERVATION_AUTO_CONFIGURATION = ObservationAutoConfiguration.class;

  private BootLine() {}
}
