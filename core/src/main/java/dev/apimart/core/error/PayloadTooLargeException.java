package dev.apimart.core.error;

/**
 * The service refused a request body as too large (HTTP 413) — for an upload, a file over ApiMart's
 * 20 MB limit. The client checks that limit before sending, so this means the service's limit is
 * lower than documented, or a proxy in front of it has a lower one. Not retried.
 */
public final class PayloadTooLargeException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened
   * @param details the answer
   */
  public PayloadTooLargeException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
