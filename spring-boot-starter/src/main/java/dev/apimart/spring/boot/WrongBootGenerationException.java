package dev.apimart.spring.boot;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when the starter on the class path was built for another Spring Boot
 * generation than the application runs; its message names the starter to use instead. Boot's
 * failure report shows it with the dependency to swap.
 */
public final class WrongBootGenerationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String artifact;
  private final String runningVersion;
  private final @Nullable String replacement;

  /**
   * @param artifact the artifact id of the starter that refuses to start
   * @param needs the Spring Boot generation it needs, in words ({@code Spring Boot 4.x})
   * @param runningVersion the application's Spring Boot version
   * @param replacement the starter to use instead as {@code groupId:artifactId}, or {@code null}
   *     when no ApiMart starter supports the running generation
   */
  public WrongBootGenerationException(
      String artifact, String needs, String runningVersion, @Nullable String replacement) {
    super(
        artifact
            + " needs "
            + needs
            + "; this application runs Spring Boot "
            + runningVersion
            + (replacement != null
                ? " - use " + replacement
                : " - no ApiMart starter supports it; upgrade to Spring Boot 3.5 or 4"));
    this.artifact = Objects.requireNonNull(artifact, "artifact");
    this.runningVersion = Objects.requireNonNull(runningVersion, "runningVersion");
    this.replacement = replacement;
  }

  /**
   * The artifact id of the starter that refused to start, such as {@code
   * apimart-spring-boot-starter}.
   */
  public String artifact() {
    return artifact;
  }

  /** The application's Spring Boot version. */
  public String runningVersion() {
    return runningVersion;
  }

  /** The starter for the running generation as {@code groupId:artifactId}, when there is one. */
  public Optional<String> replacement() {
    return Optional.ofNullable(replacement);
  }
}
