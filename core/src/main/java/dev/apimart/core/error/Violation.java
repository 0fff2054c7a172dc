package dev.apimart.core.error;

import java.io.Serializable;
import java.time.temporal.TemporalAccessor;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem with a request, found before anything was sent.
 *
 * @param field the wire name of the field, e.g. {@code negative_prompt} or {@code image_urls[1]}
 * @param rejectedValue the value that was rejected, shortened for display (may be null)
 * @param message what is wrong and what is allowed instead
 */
public record Violation(String field, @Nullable Object rejectedValue, String message)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks field and message are present. */
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /**
   * A serialised copy keeps a rejected value that is text, a number, a boolean, an enum constant or
   * a {@code java.time} value; any other value (a {@code Path}, say, which is not serialisable, or
   * a collection that may hold one) travels as its text.
   */
  private Object writeReplace() {
    Object value = rejectedValue;
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Enum<?>
        || (value instanceof Serializable
            && (value instanceof Number || value instanceof TemporalAccessor))) {
      return this;
    }
    return new Violation(field, String.valueOf(value), message);
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
