package dev.apimart.core.port;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer: status, headers and a body that is read once, as a stream or as bytes. Close it
 * when the body is not read to the end, so the connection can be released.
 */
public final class TransportResponse implements AutoCloseable {

  private final int status;
  private final Map<String, List<String>> headers;
  private final InputStream body;

  /**
   * @param status the HTTP status
   * @param headers header names (any case) to values
   * @param body the body; an empty stream for none
   */
  public TransportResponse(int status, Map<String, List<String>> headers, InputStream body) {
    this.status = status;
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach(
        (k, v) -> {
          if (k != null) {
            copy.merge(
                k.toLowerCase(Locale.ROOT),
                List.copyOf(v),
                (a, b) -> {
                  List<String> merged = new java.util.ArrayList<>(a);
                  merged.addAll(b);
                  return List.copyOf(merged);
                });
          }
        });
    this.headers = java.util.Collections.unmodifiableMap(copy);
    this.body = Objects.requireNonNull(body, "body");
  }

  /** A buffered answer. */
  public static TransportResponse of(int status, Map<String, List<String>> headers, byte[] body) {
    return new TransportResponse(status, headers, new ByteArrayInputStream(body));
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** All headers, names in lower case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, case-insensitive, or {@code null}. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body as a stream, to be read once. */
  public InputStream body() {
    return body;
  }

  /**
   * Reads the whole body.
   *
   * @throws UncheckedIOException when the connection breaks while reading
   */
  public byte[] bodyBytes() {
    try (InputStream in = body) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Releases the body and its connection. */
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException ignored) {
      // Closing is best effort: the answer was already handled or abandoned.
    }
  }

  @Override
  public String toString() {
    return "TransportResponse[status=" + status + ", headers=" + headers.keySet() + "]";
  }
}
