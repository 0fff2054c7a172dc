package dev.apimart.core.internal.upload;

import dev.apimart.core.port.RequestBody;
import java.util.Objects;

/**
 * An upload's multipart body and what it holds on to: nothing for a file on disk, the spool of a
 * stream that was too large to keep in memory. Closing it releases that spool (idempotent); the
 * upload call closes it when it ends, and an unclosed one is released once it is unreachable.
 */
public final class UploadBody implements AutoCloseable {

  private final RequestBody requestBody;
  private final AutoCloseable resources;

  UploadBody(RequestBody requestBody, AutoCloseable resources) {
    this.requestBody = Objects.requireNonNull(requestBody, "requestBody");
    this.resources = Objects.requireNonNull(resources, "resources");
  }

  /** The body to send; its source can be opened once per attempt until this is closed. */
  public RequestBody requestBody() {
    return requestBody;
  }

  /** Releases the spool, if any; later attempts to read the body fail. */
  @Override
  public void close() {
    try {
      resources.close();
    } catch (Exception e) {
      // Best effort: a spool that cannot be deleted now goes when the JVM ends.
    }
  }

  @Override
  public String toString() {
    return "UploadBody[" + requestBody + "]";
  }
}
