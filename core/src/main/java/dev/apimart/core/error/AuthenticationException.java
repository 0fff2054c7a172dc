package dev.apimart.core.error;

/** The API key is missing, wrong or revoked (HTTP 401, or a balance answer saying so). */
public final class AuthenticationException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what to check; never contains the key
   */
  public AuthenticationException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
