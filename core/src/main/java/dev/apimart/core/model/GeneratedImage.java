package dev.apimart.core.model;

import dev.apimart.core.model.internal.Redaction;
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

  /**
   * The URL without query string (shown as {@code ?…}), user info or fragment, safe to log: signed
   * URLs carry credentials there.
   */
  public String redactedUrl() {
    return Redaction.url(url);
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
