package dev.apimart.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a scripted task ends, and when. Give one to {@link FakeApiMart#onNextTask(Outcome)} or {@link
 * FakeApiMart#onPromptMatching(String, Outcome)}; tasks without a script {@linkplain #completes()
 * complete} after their model's usual duration.
 *
 * <pre>{@code
 * fake.onNextTask(Outcome.fails("content_policy_violation", "The prompt was refused"));
 * fake.onPromptMatching("(?i)slow", Outcome.completes().after(Duration.ofSeconds(90)));
 * fake.onPromptMatching("stuck", Outcome.neverFinishes());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Outcome {

  /** What happens to the task at the end. */
  public enum Kind {
    /** Completes with its images; billed. */
    COMPLETES,
    /** Fails with an error code and message; not billed. */
    FAILS,
    /** Stays {@code processing} forever (progress stalls below 100). */
    NEVER_FINISHES,
    /** Ends {@code cancelled}; not billed. */
    GETS_CANCELLED
  }

  private final Kind kind;
  private final @Nullable Duration after;
  private final @Nullable String errorCode;
  private final @Nullable String errorMessage;
  private final boolean imagesMissing;
  private final @Nullable UrlShape urlShape;

  private Outcome(
      Kind kind,
      @Nullable Duration after,
      @Nullable String errorCode,
      @Nullable String errorMessage,
      boolean imagesMissing,
      @Nullable UrlShape urlShape) {
    this.kind = kind;
    this.after = after;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.imagesMissing = imagesMissing;
    this.urlShape = urlShape;
  }

  /** The task completes with its images after the model's usual duration. */
  public static Outcome completes() {
    return new Outcome(Kind.COMPLETES, null, null, null, false, null);
  }

  /**
   * The task fails after the model's usual duration.
   *
   * @param code the error code the task reports, e.g. {@code "content_policy_violation"} (a numeric
   *     text such as {@code "500"} is written as a JSON number)
   * @param message the error message the task reports
   */
  public static Outcome fails(String code, String message) {
    requireText(code, "code");
    requireText(message, "message");
    return new Outcome(Kind.FAILS, null, code, message, false, null);
  }

  /** The task stays {@code processing} forever; its progress stalls below 100. */
  public static Outcome neverFinishes() {
    return new Outcome(Kind.NEVER_FINISHES, null, null, null, false, null);
  }

  /** The task ends {@code cancelled} (as if cancelled on the service's side) and is not billed. */
  public static Outcome getsCancelled() {
    return new Outcome(Kind.GETS_CANCELLED, null, null, null, false, null);
  }

  /**
   * The same outcome, reached after {@code duration} of fake time instead of the model's usual
   * duration. The task's {@code estimated_time} still shows the usual duration, as the real
   * service's estimate would.
   *
   * @throws IllegalStateException for {@link #neverFinishes()}
   */
  public Outcome after(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    if (kind == Kind.NEVER_FINISHES) {
      throw new IllegalStateException("a task that never finishes has no duration");
    }
    return new Outcome(kind, duration, errorCode, errorMessage, imagesMissing, urlShape);
  }

  /**
   * The same completion, but the image URLs answer 404 as if the files were gone from the CDN.
   *
   * @throws IllegalStateException unless this outcome {@linkplain #completes() completes}
   */
  public Outcome withMissingImages() {
    if (kind != Kind.COMPLETES) {
      throw new IllegalStateException("only a completed task has images, this one " + kind);
    }
    return new Outcome(kind, after, errorCode, errorMessage, true, urlShape);
  }

  /** The same outcome, with this task's image URLs written in the given shape. */
  public Outcome withUrlShape(UrlShape shape) {
    Objects.requireNonNull(shape, "shape");
    return new Outcome(kind, after, errorCode, errorMessage, imagesMissing, shape);
  }

  /** What happens at the end. */
  public Kind kind() {
    return kind;
  }

  /** How long the task takes, when it was scripted; else the model's usual duration applies. */
  public Optional<Duration> duration() {
    return Optional.ofNullable(after);
  }

  /** The error code of a {@link Kind#FAILS} outcome. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** The error message of a {@link Kind#FAILS} outcome. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  /** Whether the images of a completed task answer 404. */
  public boolean imagesMissing() {
    return imagesMissing;
  }

  /** The URL shape for this task, when it differs from the server's. */
  public Optional<UrlShape> urlShape() {
    return Optional.ofNullable(urlShape);
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Outcome other
        && kind == other.kind
        && Objects.equals(after, other.after)
        && Objects.equals(errorCode, other.errorCode)
        && Objects.equals(errorMessage, other.errorMessage)
        && imagesMissing == other.imagesMissing
        && urlShape == other.urlShape;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, after, errorCode, errorMessage, imagesMissing, urlShape);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Outcome[").append(kind);
    if (after != null) {
      s.append(" after ").append(after);
    }
    if (errorCode != null) {
      s.append(" code=").append(errorCode).append(" message=").append(errorMessage);
    }
    if (imagesMissing) {
      s.append(", images missing");
    }
    if (urlShape != null) {
      s.append(", url shape ").append(urlShape);
    }
    return s.append(']').toString();
  }
}
