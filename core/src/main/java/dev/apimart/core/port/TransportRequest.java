package dev.apimart.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request for a transport to send. Immutable: headers are copied, and the body is a {@link
 * RequestBody}, whose bytes nobody can change once built.
 *
 * <pre>{@code
 * TransportRequest request = TransportRequest.builder()
 *     .method("POST")
 *     .uri(URI.create("https://api.apimart.ai/v1/images/generations"))
 *     .header("authorization", "Bearer " + key)
 *     .body(RequestBody.ofBytes(json, "application/json"))
 *     .timeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 *
 * <p>Invariants checked by {@link Builder#build()}: the method is an HTTP token (stored in upper
 * case), the URI is absolute, the timeout is positive, header names are tokens (stored in lower
 * case). A request with a body carries its {@code Content-Type}: taken from the body when the
 * headers have none, and a header that says otherwise is refused.
 */
public final class TransportRequest {

  private final String method;
  private final URI uri;
  private final Map<String, List<String>> headers;
  private final @Nullable RequestBody body;
  private final Duration timeout;
  private final boolean streaming;

  private TransportRequest(Builder b) {
    this.method = checkMethod(b.method);
    this.uri = Objects.requireNonNull(b.uri, "uri");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("uri must be absolute: " + uri);
    }
    this.timeout = Objects.requireNonNull(b.timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.body = b.body;
    Map<String, List<String>> copy = new TreeMap<>();
    b.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    if (body != null) {
      List<String> declared = copy.get("content-type");
      if (declared == null || declared.isEmpty()) {
        copy.put("content-type", List.of(body.contentType()));
      } else if (declared.size() != 1
          || !RequestBody.sameContentType(declared.get(0), body.contentType())) {
        throw new IllegalArgumentException(
            "the content-type header disagrees with the body's content type " + body.contentType());
      }
    }
    this.headers = Collections.unmodifiableMap(copy);
    this.streaming = b.streaming;
  }

  /** Starts a request; method, URI and timeout must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this request's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.method = method;
    b.uri = uri;
    headers.forEach((name, values) -> b.headers.put(name, new ArrayList<>(values)));
    b.body = body;
    b.timeout = timeout;
    b.streaming = streaming;
    return b;
  }

  /** {@code GET}, {@code POST}… (upper case). */
  public String method() {
    return method;
  }

  /** The absolute URI. */
  public URI uri() {
    return uri;
  }

  /**
   * Header names (lower case) to values, unmodifiable; the transport sends them as given (including
   * {@code content-type} when there is a body).
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, case-insensitive, or {@code null}. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body, or {@code null} for none. */
  public @Nullable RequestBody body() {
    return body;
  }

  /**
   * The whole exchange must complete within this (for a {@link #streaming()} answer: until its
   * headers arrive).
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Whether the caller will read the answer's body as a stream (downloads); when false the
   * transport may buffer the whole answer before completing an async call.
   */
  public boolean streaming() {
    return streaming;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TransportRequest other)) {
      return false;
    }
    return streaming == other.streaming
        && method.equals(other.method)
        && uri.equals(other.uri)
        && headers.equals(other.headers)
        && Objects.equals(body, other.body)
        && timeout.equals(other.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, body, timeout, streaming);
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
        + (body == null
            ? "none"
            : body.contentLength() + " bytes" + (body.isStreamed() ? ", streamed" : ""))
        + "]";
  }

  private static String checkMethod(@Nullable String method) {
    Objects.requireNonNull(method, "method");
    if (method.isEmpty() || !isToken(method)) {
      throw new IllegalArgumentException("method must be an HTTP token: '" + method + "'");
    }
    return method.toUpperCase(Locale.ROOT);
  }

  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Builds a {@link TransportRequest}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String method;
    private @Nullable URI uri;
    private final Map<String, List<String>> headers = new TreeMap<>();
    private @Nullable RequestBody body;
    private @Nullable Duration timeout;
    private boolean streaming;

    private Builder() {}

    /** The method, e.g. {@code GET} or {@code POST} (any case; stored upper case). Required. */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method");
      return this;
    }

    /** The absolute URI. Required. */
    public Builder uri(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /**
     * Adds a value to a header (name in any case; stored lower case). The value is sent as given
     * and never shown by {@code toString}; a transport refuses one HTTP forbids.
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, "value");
      headers.computeIfAbsent(headerName(name), k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Replaces all headers with these (names in any case; same-named entries are merged). */
    public Builder headers(Map<String, ? extends List<String>> headers) {
      Objects.requireNonNull(headers, "headers");
      this.headers.clear();
      headers.forEach(
          (name, values) -> {
            Objects.requireNonNull(values, "values");
            List<String> into =
                this.headers.computeIfAbsent(headerName(name), k -> new ArrayList<>());
            values.forEach(v -> into.add(Objects.requireNonNull(v, "header value")));
          });
      return this;
    }

    /** Removes a header. */
    public Builder removeHeader(String name) {
      headers.remove(headerName(name));
      return this;
    }

    /** The body, or {@code null} for none (the default). */
    public Builder body(@Nullable RequestBody body) {
      this.body = body;
      return this;
    }

    /** How long the exchange may take (see {@link TransportRequest#timeout()}). Required. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Whether the answer's body will be read as a stream; false by default. */
    public Builder streaming(boolean streaming) {
      this.streaming = streaming;
      return this;
    }

    /**
     * Builds the request.
     *
     * @throws NullPointerException when the method, URI or timeout is missing
     * @throws IllegalArgumentException when a value breaks an invariant (see the class comment)
     */
    public TransportRequest build() {
      return new TransportRequest(this);
    }

    private static String headerName(String name) {
      Objects.requireNonNull(name, "header name");
      if (name.isEmpty() || !isToken(name)) {
        throw new IllegalArgumentException("header name must be an HTTP token: '" + name + "'");
      }
      return name.toLowerCase(Locale.ROOT);
    }
  }
}
