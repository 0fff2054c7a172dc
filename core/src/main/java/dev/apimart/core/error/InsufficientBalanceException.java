package dev.apimart.core.error;

/** The account cannot pay for the request (HTTP 402). Top up the balance, then submit again. */
public final class InsufficientBalanceException extends ApiMartServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened and what to do
   */
  public InsufficientBalanceException(String message, ErrorDetails details) {
    super(message, details, null);
  }
}
