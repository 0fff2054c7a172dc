package dev.apimart.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The client cannot be built or used as configured: no API key, no transport on the class path, an
 * insecure base URL. The message says what to set or add. Nothing was sent.
 */
public final class ConfigurationException extends ApiMartClientException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong and what to do; never contains the API key
   */
  public ConfigurationException(String message) {
    super(message, ErrorDetails.NONE, null);
  }

  /**
   * @param message what is wrong and what to do; never contains the API key
   * @param cause what failed (e.g. an exception thrown by a request hook)
   */
  public ConfigurationException(String message, @Nullable Throwable cause) {
    super(message, ErrorDetails.NONE, cause);
  }
}
