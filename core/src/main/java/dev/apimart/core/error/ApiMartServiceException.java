package dev.apimart.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The service answered, and the answer is a failure: it refused the request, the key, the balance
 * or the rate, it failed itself, it said something the SDK cannot read, or the task it ran ended
 * failed or cancelled. {@link #details()} holds what it answered — the HTTP status, the request id
 * to quote to ApiMart's support, the kept response headers, its message, type and code. (For a task
 * that ended failed or cancelled there was no error status: the details hold the task's own error.)
 * The leaves are listed in the package documentation.
 */
public abstract class ApiMartServiceException extends ApiMartException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong and what to do about it
   * @param details what the service answered
   * @param cause the underlying failure, if any
   */
  protected ApiMartServiceException(
      String message, ErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
