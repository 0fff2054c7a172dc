package dev.apimart.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id ApiMart gives a submitted task (for example {@code task_01JGXYZ1234567890ABCDEF}). It is
 * all a process needs to resume waiting for a task that another process submitted.
 *
 * @param value the id as the service wrote it
 */
public record TaskId(String value) implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

  /**
   * Checks that the id is non-blank and safe to put in a URL path (letters, digits, {@code _ . :
   * -}, at most 128 characters), so a hostile or mistyped id can never rewrite the request path.
   */
  public TaskId {
    Objects.requireNonNull(value, "value");
    if (!SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "task id must be 1-128 characters of letters, digits, '_', '.', ':' or '-', got '"
              + abbreviate(value)
              + "'");
    }
  }

  /** Wraps a task id string; see the canonical constructor for what is accepted. */
  public static TaskId of(String value) {
    return new TaskId(value);
  }

  private static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }

  @Override
  public String toString() {
    return value;
  }
}
