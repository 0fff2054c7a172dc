package dev.apimart.core.error;

import org.jspecify.annotations.Nullable;

/**
 * Downloading an image failed: the URL expired or answered an error, the content was not an image,
 * it exceeded the size limit, or the connection broke. A partially written file is removed.
 */
public final class DownloadException extends ApiMartClientException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened, with the URL redacted
   * @param details the answer, when there was one
   * @param cause the underlying failure
   */
  public DownloadException(String message, ErrorDetails details, @Nullable Throwable cause) {
    super(message, details, cause);
  }
}
