package dev.apimart.core.error;

/** The key is valid but not allowed to do this, e.g. use this model (HTTP 403). */
public final class PermissionDeniedException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was refused
   */
  public PermissionDeniedException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
