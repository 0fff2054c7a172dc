package dev.apimart.testkit;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * An image a {@link FakeApiMart} accepted on {@code POST /v1/uploads/images}, as it stores it.
 * Immutable.
 */
public final class FakeUpload {

  private final String id;
  private final URI url;
  private final String fileName;
  private final String contentType;
  private final long bytes;
  private final String sha256;
  private final Instant createdAt;
  private final Instant expiresAt;

  /** Made by the fake; tests read uploads with {@link FakeApiMart#uploads()}. */
  public FakeUpload(
      String id,
      URI url,
      String fileName,
      String contentType,
      long bytes,
      String sha256,
      Instant createdAt,
      Instant expiresAt) {
    this.id = Objects.requireNonNull(id);
    this.url = Objects.requireNonNull(url);
    this.fileName = Objects.requireNonNull(fileName);
    this.contentType = Objects.requireNonNull(contentType);
    this.bytes = bytes;
    this.sha256 = Objects.requireNonNull(sha256);
    this.createdAt = Objects.requireNonNull(createdAt);
    this.expiresAt = Objects.requireNonNull(expiresAt);
  }

  /** The fake's id of the upload. */
  public String id() {
    return id;
  }

  /** The URL the upload was answered with, where the fake serves the bytes. */
  public URI url() {
    return url;
  }

  /** The file name the multipart part carried. */
  public String fileName() {
    return fileName;
  }

  /** The MIME type the fake detected from the first bytes, e.g. {@code image/png}. */
  public String contentType() {
    return contentType;
  }

  /** The file's size in bytes. */
  public long bytes() {
    return bytes;
  }

  /** The SHA-256 of the file, lower-case hex: compare it with the file you sent. */
  public String sha256() {
    return sha256;
  }

  /** When the fake stored it (fake time). */
  public Instant createdAt() {
    return createdAt;
  }

  /** When its URL stops working (fake time): 72 hours after the upload. */
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "FakeUpload[" + id + ", " + fileName + ", " + contentType + ", " + bytes + " bytes]";
  }
}
