package dev.apimart.core.model;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image stored by ApiMart's upload endpoint ({@code POST /v1/uploads/images}): a public URL that
 * generation requests can use as a reference image ({@code image_urls}) until {@link #expiresAt()}
 * — 72 hours after the upload, as the endpoint's page documents. Immutable; build one (for tests)
 * with {@link #builder()}.
 */
public final class UploadedImage {

  /** How long an uploaded image's URL is valid, as ApiMart documents it. */
  public static final java.time.Duration LIFETIME = java.time.Duration.ofHours(72);

  private final URI url;
  private final Instant createdAt;
  private final Instant expiresAt;
  private final long bytes;
  private final String contentType;
  private final @Nullable String fileName;

  private UploadedImage(Builder b) {
    this.url = Objects.requireNonNull(b.url, "url");
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
    this.expiresAt = b.expiresAt != null ? b.expiresAt : createdAt.plus(LIFETIME);
    if (b.bytes < 0) {
      throw new IllegalArgumentException("bytes must not be negative, got " + b.bytes);
    }
    this.bytes = b.bytes;
    this.contentType = Objects.requireNonNull(b.contentType, "contentType");
    this.fileName = b.fileName;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The public URL of the stored image; use it in {@code image_urls}. */
  public URI url() {
    return url;
  }

  /** When the service stored it. */
  public Instant createdAt() {
    return createdAt;
  }

  /** When the URL stops working (the service's own expiry when it gives one, else 72 h). */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** The stored size in bytes, as the service reports it. */
  public long bytes() {
    return bytes;
  }

  /** The MIME type the service detected, e.g. {@code image/png}. */
  public String contentType() {
    return contentType;
  }

  /** The file name the service recorded, when it reported one. */
  public @Nullable String fileName() {
    return fileName;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UploadedImage other
        && url.equals(other.url)
        && createdAt.equals(other.createdAt)
        && expiresAt.equals(other.expiresAt)
        && bytes == other.bytes
        && contentType.equals(other.contentType)
        && Objects.equals(fileName, other.fileName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, expiresAt, bytes, contentType);
  }

  /** Shows the type, size and expiry; the URL is a bearer link to the image and is left out. */
  @Override
  public String toString() {
    return "UploadedImage[" + contentType + ", " + bytes + " bytes, expires " + expiresAt + "]";
  }

  /** Builds an {@link UploadedImage}. Not thread-safe. */
  public static final class Builder {
    private @Nullable URI url;
    private @Nullable Instant createdAt;
    private @Nullable Instant expiresAt;
    private long bytes;
    private @Nullable String contentType;
    private @Nullable String fileName;

    private Builder() {}

    /** The public URL (required). */
    public Builder url(URI url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** When it was stored (required). */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /** When the URL expires; default {@code createdAt} + {@link #LIFETIME}. */
    public Builder expiresAt(@Nullable Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** The size in bytes. */
    public Builder bytes(long bytes) {
      this.bytes = bytes;
      return this;
    }

    /** The MIME type (required). */
    public Builder contentType(String contentType) {
      this.contentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    /** The recorded file name. */
    public Builder fileName(@Nullable String fileName) {
      this.fileName = fileName;
      return this;
    }

    /** The image. */
    public UploadedImage build() {
      return new UploadedImage(this);
    }
  }
}
