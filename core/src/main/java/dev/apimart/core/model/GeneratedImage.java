package dev.apimart.core.model;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One image a completed task produced.
 *
 * @param url where to download it; may be a signed URL, so treat it as a secret
 * @param expiresAt when the URL stops working, when the service said so; download before then
 * @param expectedSize the pixel size the request asked for, when known (it is not when waiting on a
 *     bare task id that another process submitted)
 */
public record GeneratedImage(URI url, @Nullable Instant expiresAt, @Nullable PixelSize expectedSize)
    implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** Checks the URL is present. */
  public GeneratedImage {
    Objects.requireNonNull(url, "url");
  }

  /** Whether the URL has expired at the given instant (never, when no expiry is known). */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** The same image with the expected pixel size set. */
  public GeneratedImage withExpectedSize(@Nullable PixelSize size) {
    return new GeneratedImage(url, expiresAt, size);
  }

  /** The URL without query string or fragment, safe to log: signed URLs carry credentials there. */
  public String redactedUrl() {
    return redact(url);
  }

  /** Strips query and fragment (and user info) from a URL so that it can be logged. */
  public static String redact(URI uri) {
    StringBuilder sb = new StringBuilder();
    if (uri.getScheme() != null) {
      sb.append(uri.getScheme()).append("://");
    }
    if (uri.getHost() != null) {
      sb.append(uri.getHost());
      if (uri.getPort() >= 0) {
        sb.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      sb.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      sb.append("?…");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "GeneratedImage[url="
        + redactedUrl()
        + ", expiresAt="
        + expiresAt
        + ", expectedSize="
        + expectedSize
        + "]";
  }
}
