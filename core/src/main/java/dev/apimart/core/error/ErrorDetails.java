package dev.apimart.core.error;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What the service answered when a call failed: HTTP status, the error envelope's message, type and
 * code when it had them, and the raw body (truncated to {@link #MAX_RAW_BODY_CHARS}) for
 * diagnostics — even when it was not JSON (a proxy's HTML page).
 *
 * @param httpStatus the HTTP status, or 0 when there was no HTTP answer
 * @param serverMessage {@code error.message} (or a top-level {@code message})
 * @param serverType {@code error.type}
 * @param serverCode {@code error.code}, as text
 * @param rawBody the body as text, truncated
 */
public record ErrorDetails(
    int httpStatus,
    @Nullable String serverMessage,
    @Nullable String serverType,
    @Nullable String serverCode,
    @Nullable String rawBody) {

  /** Bodies kept in exceptions are cut to this many characters. */
  public static final int MAX_RAW_BODY_CHARS = 2048;

  /** No HTTP answer at all (connection failure, validation before sending). */
  public static final ErrorDetails NONE = new ErrorDetails(0, null, null, null, null);

  /** Truncates the raw body. */
  public ErrorDetails {
    rawBody = truncate(rawBody);
  }

  /** Only a status, with no body. */
  public static ErrorDetails ofStatus(int status) {
    return new ErrorDetails(status, null, null, null, null);
  }

  /** The HTTP status, empty when there was no HTTP answer. */
  public OptionalInt status() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** Cuts text to {@link #MAX_RAW_BODY_CHARS}, marking the cut. */
  public static @Nullable String truncate(@Nullable String text) {
    if (text == null || text.length() <= MAX_RAW_BODY_CHARS) {
      return text;
    }
    return text.substring(0, MAX_RAW_BODY_CHARS)
        + "… ["
        + (text.length() - MAX_RAW_BODY_CHARS)
        + " more characters]";
  }
}
