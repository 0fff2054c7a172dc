package dev.apimart.core.client;

/**
 * Adds headers to every request a client (or a view from {@link ApiMartClient#withOptions}) sends
 * to the ApiMart service — for instance a proxy's or gateway's own credentials. It never sees the
 * request's other headers and cannot replace the SDK's own: the API key, the idempotency key and
 * the framing headers are out of its reach.
 *
 * <p>Called once for each request the SDK builds (a submission, each status request of a wait, an
 * upload…), before it is sent; the headers it adds go on every retry of that request. Not called
 * for image downloads, which go to the image host, not to ApiMart (so a proxy credential never
 * leaves for a third party). An exception it throws ends the call before anything is sent.
 * Implementations must be thread-safe.
 *
 * <pre>{@code
 * ApiMartClient viaGateway = client.withOptions(CallOptions.builder()
 *     .requestHook(headers -> headers.add("X-Gateway-Token", gatewayToken()))
 *     .build());
 * }</pre>
 */
@FunctionalInterface
public interface RequestHook {

  /** Adds this hook's headers. */
  void addHeaders(Headers headers);

  /** A hook that adds nothing. */
  static RequestHook none() {
    return headers -> {};
  }

  /** Where a hook adds headers; it can add, never read or remove. */
  interface Headers {

    /**
     * Adds a header value (a second call with the same name adds a second value).
     *
     * @param name an HTTP token such as {@code X-Gateway-Token}
     * @param value printable text without line breaks
     * @return these headers, for chaining
     * @throws IllegalArgumentException when the name is not a valid header name, the value holds a
     *     control character or line break, or the name is one the SDK sets itself or that frames
     *     the request: {@code Authorization}, {@code Idempotency-Key}, {@code Content-Type}, {@code
     *     Content-Length}, {@code Accept}, {@code User-Agent}, {@code Host}, {@code
     *     Transfer-Encoding}, {@code Connection}, {@code Keep-Alive}, {@code TE}, {@code Trailer},
     *     {@code Upgrade}, {@code Expect}, {@code Proxy-Connection}, {@code Cookie}
     */
    Headers add(String name, String value);
  }
}
