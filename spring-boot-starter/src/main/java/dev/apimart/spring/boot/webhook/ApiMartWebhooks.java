package dev.apimart.spring.boot.webhook;

import dev.apimart.spring.boot.ApiMartProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds the webhook URL to put in a request, so the secret is never assembled by hand:
 *
 * <pre>{@code
 * GenerationRequest request = defaults.request("a lighthouse at dawn")
 *     .webhook(webhooks.webhookUri())
 *     .build();
 * }</pre>
 *
 * The URL is {@code <apimart.webhook.public-base-url><apimart.webhook.path>/<secret>}; ApiMart
 * appends {@code /callback} and posts there, which is where the starter's endpoint listens. The
 * secret travels as a path segment rather than a query parameter because ApiMart appends {@code
 * /callback} to the URL it is given: a path survives that whether the service edits the path or
 * simply concatenates text, while a query parameter could come back as {@code ?secret=…/callback}.
 *
 * <p>A bean when {@code apimart.webhook.enabled=true}. {@link #toString()} never shows the secret;
 * neither should the application log the URL.
 */
public final class ApiMartWebhooks {

  /** The shortest secret accepted. */
  public static final int MIN_SECRET_LENGTH = 32;

  private static final Log LOG = LogFactory.getLog(ApiMartWebhooks.class);
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()+,;=:@%-]+)+");

  private final String path;
  private final String secret;
  private final @Nullable String publicBaseUrl;
  private final UnaryOperator<String> placeholders;

  private ApiMartWebhooks(
      String path,
      String secret,
      @Nullable String publicBaseUrl,
      UnaryOperator<String> placeholders) {
    this.path = path;
    this.secret = secret;
    this.publicBaseUrl = publicBaseUrl;
    this.placeholders = placeholders;
  }

  /**
   * Checks {@code apimart.webhook.*}.
   *
   * @param placeholders resolves placeholders left in the public base URL at start-up (such as
   *     {@code ${local.server.port}}, known only once the server runs)
   * @throws WebhookConfigurationException naming the property that is missing or wrong
   */
  static ApiMartWebhooks from(
      ApiMartProperties.Webhook properties, UnaryOperator<String> placeholders) {
    String secret = properties.getSecret();
    if (secret == null || secret.isBlank()) {
      throw new WebhookConfigurationException(
          "secret",
          "apimart.webhook.enabled is true but apimart.webhook.secret is not set. ApiMart's"
              + " callbacks are not signed: the secret in the callback URL is the only thing that"
              + " keeps others from posting forged task results");
    }
    if (!SECRET.matcher(secret).matches()) {
      throw new WebhookConfigurationException(
          "secret",
          "apimart.webhook.secret may contain only A-Z, a-z, 0-9, '-' and '_' (it travels as a"
              + " segment of the callback URL)");
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new WebhookConfigurationException(
          "secret",
          "apimart.webhook.secret has "
              + secret.length()
              + " characters; at least "
              + MIN_SECRET_LENGTH
              + " are needed, so it cannot be guessed");
    }
    String path = normalisePath(properties.getPath());
    String base = properties.getPublicBaseUrl();
    if (base != null && base.isBlank()) {
      base = null;
    }
    if (base != null && !base.contains("${")) {
      String refused = refusedByApiMart(checkBase(base));
      if (refused != null) {
        LOG.warn(
            "apimart.webhook.public-base-url "
                + base
                + " is "
                + refused
                + ": ApiMart refuses such callback URLs (it calls public addresses on ports 80"
                + " and 443 only). Fine for tests against the fake; in production put a public"
                + " address, a reverse proxy or a tunnel there.");
      }
    }
    return new ApiMartWebhooks(path, secret, base, placeholders);
  }

  /**
   * Why ApiMart would refuse callbacks to this base, as far as can be told without a name lookup: a
   * loopback, private or link-local address literal or {@code localhost}, or a port other than 80
   * and 443; {@code null} when none of these applies.
   */
  static @Nullable String refusedByApiMart(URI base) {
    String host = base.getHost();
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    String lower = literal.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost") || lower.endsWith(".localhost")) {
      return "a loopback address";
    }
    if (literal.matches("[0-9.]+") || literal.contains(":")) {
      try {
        InetAddress address = InetAddress.getByName(literal);
        if (address.isLoopbackAddress()) {
          return "a loopback address";
        }
        if (address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()
            || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc)) {
          return "a private address";
        }
      } catch (UnknownHostException e) {
        return null;
      }
    }
    int port = base.getPort();
    if (port != -1 && port != 80 && port != 443) {
      return "on port " + port;
    }
    return null;
  }

  private static String normalisePath(@Nullable String configured) {
    String path = configured == null ? "" : configured.strip();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.isEmpty() && !path.startsWith("/")) {
      path = "/" + path;
    }
    if (!path.isEmpty() && !PATH.matcher(path).matches()) {
      throw new WebhookConfigurationException(
          "path",
          "apimart.webhook.path '"
              + configured
              + "' is not a plain URL path (segments of letters, digits and -._~, no '{', '*',"
              + " '?' or '#')");
    }
    return path;
  }

  private static URI checkBase(String text) {
    String stripped = text.strip();
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(stripped);
    } catch (URISyntaxException e) {
      throw badBase(text, "it is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw badBase(text, "it must be an absolute http or https URL");
    }
    if (uri.getHost() == null) {
      throw badBase(text, "it has no host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw badBase(text, "it must not carry user info, a query or a fragment");
    }
    return uri;
  }

  private static WebhookConfigurationException badBase(String text, String why) {
    return new WebhookConfigurationException(
        "public-base-url",
        "the public base URL '" + text + "' cannot start the webhook URL: " + why);
  }

  /**
   * The URL to give {@code GenerationRequest.Builder#webhook}: {@code
   * <public-base-url><path>/<secret>}.
   *
   * @throws IllegalStateException when {@code apimart.webhook.public-base-url} is not set (use
   *     {@link #webhookUri(URI)}) or does not make a URL
   */
  public URI webhookUri() {
    if (publicBaseUrl == null) {
      throw new IllegalStateException(
          "apimart.webhook.public-base-url is not set: set it to the address ApiMart reaches this"
              + " application at (https://app.example.com), or call webhookUri(URI)");
    }
    try {
      return webhookUri(checkBase(placeholders.apply(publicBaseUrl)));
    } catch (WebhookConfigurationException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * The URL to give {@code GenerationRequest.Builder#webhook} for an application reached at {@code
   * publicBaseUrl} (with its context path, if any): {@code <publicBaseUrl><path>/<secret>}. For
   * applications that learn their address at run time.
   *
   * @throws IllegalArgumentException when {@code publicBaseUrl} is not an absolute http(s) URL
   *     without query, fragment or user info
   */
  public URI webhookUri(URI publicBaseUrl) {
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    URI base;
    try {
      base = checkBase(publicBaseUrl.toString());
    } catch (WebhookConfigurationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return URI.create(base + path + "/" + secret);
  }

  /** {@code apimart.webhook.path}, normalised: a leading slash, no trailing one. */
  public String path() {
    return path;
  }

  /** The route the endpoint serves, relative to the context path. */
  String route() {
    return path + "/{secret}/callback";
  }

  String secret() {
    return secret;
  }

  /** The path and whether a public base URL is set; never the secret. */
  @Override
  public String toString() {
    return "ApiMartWebhooks[path="
        + path
        + ", publicBaseUrl="
        + (publicBaseUrl == null ? "unset" : publicBaseUrl)
        + "]";
  }
}
