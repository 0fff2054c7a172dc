package dev.apimart.spring.boot.internal;

/**
 * The Spring Boot generation this line of the starter is built for: Boot 3 (3.5). Its twin in
 * {@code apimart-spring-boot-starter} says Boot 4; the rest of the starter is shared source.
 */
public final class BootGeneration {

  /** The Spring Boot major version the starter was compiled against. */
  public static final int MAJOR = 3;

  /** The starter's artifact id, as the start-up report names it. */
  public static final String ARTIFACT = "apimart-spring-boot3-starter";

  private BootGeneration() {}
}
