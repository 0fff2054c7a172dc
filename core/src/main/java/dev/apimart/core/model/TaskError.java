package dev.apimart.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a task failed, as the service said it.
 *
 * @param code the service's error code, when it gave one
 * @param message the service's message
 */
public record TaskError(@Nullable String code, String message) implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the message is present. */
  public TaskError {
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return code == null ? message : code + ": " + message;
  }
}
