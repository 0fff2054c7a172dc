package dev.apimart.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The failure happened on the client's side: the request broke a rule before anything was sent, the
 * client is not configured or was closed, the exchange failed without an answer, a wait ran out of
 * time, a download failed, or a submission's outcome cannot be known. No answer from ApiMart's API
 * describes it, so {@link #details()} is usually {@link ErrorDetails#NONE} (a download keeps the
 * image host's status; an unknown submission outcome keeps the last answer, if there was one). The
 * leaves are listed in the package documentation.
 */
public abstract class ApiMartClientException extends ApiMartException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong and what to do about it
   * @param details what an answer said, or {@link ErrorDetails#NONE}
   * @param cause the underlying failure, if any
   */
  protected ApiMartClientException(
      String message, ErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
