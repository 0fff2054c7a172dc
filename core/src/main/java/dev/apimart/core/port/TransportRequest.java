package dev.apimart.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request for a transport to send.
 *
 * @param method {@code GET} or {@code POST} (upper case)
 * @param uri absolute URI
 * @param headers header names (lower case) to values; the transport sends them as given
 * @param body request body, or {@code null} for none
 * @param timeout the whole exchange must complete within this (for streaming answers: until the
 *     headers arrive)
 * @param streaming whether the caller will read the body as a stream (downloads); when false the
 *     transport may buffer the whole body before completing an async call
 */
public record TransportRequest(
    String method,
    URI uri,
    Map<String, List<String>> headers,
    byte @Nullable [] body,
    Duration timeout,
    boolean streaming) {

  /** Normalizes header names to lower case and copies everything. */
  public TransportRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("uri must be absolute: " + uri);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
    method = method.toUpperCase(Locale.ROOT);
  }

  /** The first value of a header, case-insensitive, or {@code null}. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Shows method, URI without query, and header names only: values may hold the API key. */
  @Override
  public String toString() {
    return "TransportRequest["
        + method
        + " "
        + uri.getScheme()
        + "://"
        + uri.getAuthority()
        + uri.getRawPath()
        + ", headers="
        + headers.keySet()
        + ", body="
        + (body == null ? "none" : body.length + " bytes")
        + "]";
  }
}
