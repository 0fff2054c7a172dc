package dev.apimart.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The service answered something the SDK cannot read: malformed JSON, a required field missing or
 * of the wrong type, an HTTP status with no known meaning. The raw body is kept for diagnosis.
 */
public final class UnexpectedResponseException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was expected and what came
   * @param details the answer
   * @param cause the parsing failure, if any
   */
  public UnexpectedResponseException(
      String message, ErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
