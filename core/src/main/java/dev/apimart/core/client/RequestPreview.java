package dev.apimart.core.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP request a submission would send, made by {@link ApiMartClient#preview} without sending
 * anything: the method, the URL, the headers (the API key masked) and the exact JSON body, after
 * the request was validated and normalised as a submission is (a known model's name spelt as its
 * id, for example). For debugging, for logging what is about to be paid for, and for a command
 * line's {@code --dry-run}.
 *
 * <p>A local reference image ({@code GenerationRequest.Builder#referenceImage(Path)}) is uploaded
 * before a real submission, and its URL is known only then: {@link #uploads()} lists the files in
 * order, and the body holds {@link #uploadPlaceholder(int) $UPLOAD_URL_1}, {@code $UPLOAD_URL_2}…
 * in their place at the end of {@code image_urls}.
 *
 * <p>When the request names no {@code Idempotency-Key}, a submission gets a fresh one each time;
 * the one shown is such a fresh key. Immutable; {@link #toString()} shows no header value and no
 * body.
 */
public final class RequestPreview {

  private static final String PLACEHOLDER = "$UPLOAD_URL_";

  private final String method;
  private final URI uri;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final List<Path> uploads;

  private RequestPreview(
      String method, URI uri, Map<String, List<String>> headers, byte[] body, List<Path> uploads) {
    this.method = method;
    this.uri = uri;
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body.clone();
    this.uploads = List.copyOf(uploads);
  }

  /** Made by the client only; headers must already be masked. */
  static RequestPreview of(
      String method, URI uri, Map<String, List<String>> headers, byte[] body, List<Path> uploads) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    return new RequestPreview(method, uri, headers, body, uploads);
  }

  /**
   * The text standing for the URL of the {@code n}th local reference image (from 1) in {@link
   * #body()}: {@code $UPLOAD_URL_n}.
   */
  public static String uploadPlaceholder(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("uploads are numbered from 1: " + n);
    }
    return PLACEHOLDER + n;
  }

  /** {@code POST}. */
  public String method() {
    return method;
  }

  /** The full URL, e.g. {@code https://api.apimart.ai/v1/images/generations}. */
  public URI uri() {
    return uri;
  }

  /**
   * The headers, names in lower case and in name order: {@code authorization} shows only its scheme
   * ({@code Bearer [REDACTED]}), never the key; a request hook's headers are included, credential
   * headers among them masked the same way.
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, the name in any case. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The JSON body, byte for byte as it would be sent (a copy). */
  public byte[] body() {
    return body.clone();
  }

  /** The body as text (it is UTF-8 JSON). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The local reference images a submission would upload first, in order; usually empty. */
  public List<Path> uploads() {
    return uploads;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RequestPreview other
        && method.equals(other.method)
        && uri.equals(other.uri)
        && headers.equals(other.headers)
        && Arrays.equals(body, other.body)
        && uploads.equals(other.uploads);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, uri, headers, Arrays.hashCode(body), uploads);
  }

  /** Method, URL without query, header names, body size and uploads count: no values. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>(headers.keySet());
    return "RequestPreview["
        + method
        + " "
        + uri.getScheme()
        + "://"
        + uri.getRawAuthority()
        + uri.getRawPath()
        + ", headers="
        + names
        + ", body="
        + body.length
        + " bytes"
        + (uploads.isEmpty() ? "" : ", uploads=" + uploads.size())
        + "]";
  }
}
