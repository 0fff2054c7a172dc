package dev.apimart.core.error;

/** The service does not know the task (or route) asked for (HTTP 404). */
public final class NotFoundException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was not found
   */
  public NotFoundException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
