package dev.apimart.core.error;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the service answered when a call failed: the HTTP status, the request id the service gave
 * the exchange (quote it to ApiMart's support), a few selected response headers, the error
 * envelope's message, type and code when it had them, and the raw body (truncated to {@link
 * #MAX_RAW_BODY_CHARS}) for diagnostics — even when it was not JSON (a proxy's HTML page). {@link
 * #NONE} when there was no answer at all.
 *
 * <p>Only headers named in {@link #KEPT_HEADERS} or starting with one of {@link
 * #KEPT_HEADER_PREFIXES} are kept, whatever the builder is given, so a {@code Set-Cookie} or an
 * echoed credential never reaches an exception, a log line or a serialised copy.
 *
 * <p>The status is an {@link OptionalInt} rather than an {@code int} with {@code 0} for "none":
 * every exception carries details, and most client-side ones have no status, which a sentinel would
 * let callers compare or print as if it were one.
 */
public final class ErrorDetails implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Bodies kept in exceptions are cut to this many characters. */
  public static final int MAX_RAW_BODY_CHARS = 2048;

  /** A kept header value is cut to this many characters. */
  public static final int MAX_HEADER_VALUE_CHARS = 256;

  /**
   * Response headers kept (lower case): the wait asked for, the request id under its usual names,
   * ApiMart's usage-cache marker, and what says which server answered when.
   */
  public static final Set<String> KEPT_HEADERS =
      Set.of(
          "retry-after",
          "x-request-id",
          "request-id",
          "x-correlation-id",
          "x-usage-cache",
          "content-type",
          "date");

  /**
   * Prefixes of the rate-limit headers kept ({@code x-ratelimit-remaining}, {@code ratelimit}…).
   */
  public static final List<String> KEPT_HEADER_PREFIXES =
      List.of("x-ratelimit", "x-rate-limit", "ratelimit");

  /** No HTTP answer at all (connection failure, validation before sending). */
  public static final ErrorDetails NONE = builder().build();

  private final int status;
  private final @Nullable String requestId;

  // Unmodifiable copies of String lists in a TreeMap, all serialisable; checked on reading.
  @SuppressWarnings("serial")
  private final Map<String, List<String>> headers;

  private final @Nullable String serverMessage;
  private final @Nullable String serverType;
  private final @Nullable String serverCode;
  private final @Nullable String rawBody;

  private ErrorDetails(Builder b) {
    // Kept as the transport reported it, even outside 100-599: the details describe what came.
    this.status = b.status;
    this.requestId = blankToNull(b.requestId);
    this.headers = Collections.unmodifiableMap(new TreeMap<>(b.headers));
    this.serverMessage = b.serverMessage;
    this.serverType = b.serverType;
    this.serverCode = b.serverCode;
    this.rawBody = truncate(b.rawBody);
  }

  /** An empty builder: no status, nothing said. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these details. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.status = status;
    b.requestId = requestId;
    b.headers.putAll(headers);
    b.serverMessage = serverMessage;
    b.serverType = serverType;
    b.serverCode = serverCode;
    b.rawBody = rawBody;
    return b;
  }

  /** Only a status, with no body. */
  public static ErrorDetails ofStatus(int status) {
    return builder().status(status).build();
  }

  /** The HTTP status, empty when there was no HTTP answer. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /**
   * The id the service gave this exchange, from a {@code x-request-id} (or {@code request-id},
   * {@code x-correlation-id}) header or, failing that, the error body; empty when it gave none.
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * The kept response headers (see {@link #KEPT_HEADERS}), names in lower case, in name order;
   * empty when there was no answer.
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a kept response header, the name in any case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** {@code error.message} (or a top-level {@code message}). */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }

  /** {@code error.type}, e.g. {@code invalid_request_error}. */
  public Optional<String> serverType() {
    return Optional.ofNullable(serverType);
  }

  /** {@code error.code}, as text. */
  public Optional<String> serverCode() {
    return Optional.ofNullable(serverCode);
  }

  /** The body as text, truncated to {@link #MAX_RAW_BODY_CHARS}. */
  public Optional<String> rawBody() {
    return Optional.ofNullable(rawBody);
  }

  /** Whether a header name is one {@link #headers()} keeps. */
  public static boolean isKeptHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (KEPT_HEADERS.contains(lower)) {
      return true;
    }
    for (String prefix : KEPT_HEADER_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Cuts text to {@link #MAX_RAW_BODY_CHARS}, marking the cut. */
  public static @Nullable String truncate(@Nullable String text) {
    if (text == null || text.length() <= MAX_RAW_BODY_CHARS) {
      return text;
    }
    return text.substring(0, MAX_RAW_BODY_CHARS)
        + "… ["
        + (text.length() - MAX_RAW_BODY_CHARS)
        + " more characters]";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ErrorDetails other
        && status == other.status
        && Objects.equals(requestId, other.requestId)
        && headers.equals(other.headers)
        && Objects.equals(serverMessage, other.serverMessage)
        && Objects.equals(serverType, other.serverType)
        && Objects.equals(serverCode, other.serverCode)
        && Objects.equals(rawBody, other.rawBody);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, requestId, headers, serverMessage, serverType, serverCode, rawBody);
  }

  /** Status, request id, headers and the server's words; the raw body only by its length. */
  @Override
  public String toString() {
    return "ErrorDetails[status="
        + (status == 0 ? "none" : status)
        + ", requestId="
        + requestId
        + ", headers="
        + headers
        + ", serverMessage="
        + serverMessage
        + ", serverType="
        + serverType
        + ", serverCode="
        + serverCode
        + ", rawBody="
        + (rawBody == null ? "none" : rawBody.length() + " chars")
        + "]";
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (headers == null) {
      throw new InvalidObjectException("no headers");
    }
    for (Map.Entry<?, ?> e : ((Map<?, ?>) headers).entrySet()) {
      if (!(e.getKey() instanceof String name) || !isKeptHeader(name)) {
        throw new InvalidObjectException("a header outside the kept ones: " + e.getKey());
      }
      if (!(e.getValue() instanceof List<?> values)) {
        throw new InvalidObjectException("header values are not a list");
      }
      for (Object value : values) {
        if (!(value instanceof String)) {
          throw new InvalidObjectException("a header value is not text");
        }
      }
    }
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Collects details; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private int status;
    private @Nullable String requestId;
    private final Map<String, List<String>> headers = new TreeMap<>();
    private @Nullable String serverMessage;
    private @Nullable String serverType;
    private @Nullable String serverCode;
    private @Nullable String rawBody;

    private Builder() {}

    /** The HTTP status as the transport reported it; 0 for none. */
    public Builder status(int status) {
      this.status = status;
      return this;
    }

    /** The id the service gave the exchange; blank counts as none. */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * The response headers: only {@linkplain #isKeptHeader kept} names are taken (in lower case),
     * at most 8 values each, each cut to {@link #MAX_HEADER_VALUE_CHARS}; replaces earlier ones.
     */
    public Builder headers(Map<String, List<String>> responseHeaders) {
      headers.clear();
      responseHeaders.forEach(
          (name, values) -> {
            if (name != null && values != null && isKeptHeader(name)) {
              List<String> kept = new ArrayList<>();
              for (String value : values) {
                if (value != null && kept.size() < 8) {
                  kept.add(
                      value.length() <= MAX_HEADER_VALUE_CHARS
                          ? value
                          : value.substring(0, MAX_HEADER_VALUE_CHARS) + "…");
                }
              }
              headers.merge(
                  name.toLowerCase(Locale.ROOT),
                  List.copyOf(kept),
                  (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both.subList(0, Math.min(8, both.size())));
                  });
            }
          });
      return this;
    }

    /** {@code error.message}. */
    public Builder serverMessage(@Nullable String serverMessage) {
      this.serverMessage = serverMessage;
      return this;
    }

    /** {@code error.type}. */
    public Builder serverType(@Nullable String serverType) {
      this.serverType = serverType;
      return this;
    }

    /** {@code error.code}, as text. */
    public Builder serverCode(@Nullable String serverCode) {
      this.serverCode = serverCode;
      return this;
    }

    /** The body as text; truncated by {@link #build()}. */
    public Builder rawBody(@Nullable String rawBody) {
      this.rawBody = rawBody;
      return this;
    }

    /** The details. */
    public ErrorDetails build() {
      return new ErrorDetails(this);
    }
  }
}
