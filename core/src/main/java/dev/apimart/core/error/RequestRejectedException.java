package dev.apimart.core.error;

/**
 * The service refused the request as invalid (HTTP 400 or 422, or an error envelope saying {@code
 * invalid_request_error}); {@link #serverMessage()} says why. The SDK's own checks found nothing
 * wrong (those fail earlier with {@link InvalidRequestException}, before anything is sent), so the
 * service knows a rule the SDK does not. Fix the request; sending it again unchanged will not help.
 */
public final class RequestRejectedException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do
   * @param details the answer
   */
  public RequestRejectedException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
