package dev.apimart.spring.boot.internal;

/**
 * The Spring Boot generation this line of the starter is built for: Boot 4. Its twin in {@code
 * apimart-spring-boot3-starter} says Boot 3; the rest of the starter is shared source.
 */
public final class BootGeneration {

  /** The Spring Boot major version the starter was compiled against. */
  public static final int MAJOR = 4;

  /** The starter's artifact id, as the start-up report names it. */
  public static final String ARTIFACT = "apimart-spring-boot-starter";

  private BootGeneration() {}
}
