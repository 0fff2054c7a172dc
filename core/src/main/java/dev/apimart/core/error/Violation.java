package dev.apimart.core.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem with a request, found before anything was sent.
 *
 * @param field the wire name of the field, e.g. {@code negative_prompt} or {@code image_urls[1]}
 * @param rejectedValue the value that was rejected, shortened for display (may be null)
 * @param message what is wrong and what is allowed instead
 */
public record Violation(String field, @Nullable Object rejectedValue, String message) {
  /** Checks field and message are present. */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
