package dev.apimart.core.internal.client;

import dev.apimart.core.error.ConfigurationException;
import dev.apimart.core.internal.discovery.TransportDiscovery;
import dev.apimart.core.port.HttpTransport;
import dev.apimart.core.port.TransportProvider;
import dev.apimart.core.port.TransportSettings;
import dev.apimart.core.port.support.DaemonThreads;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the client's builder was given, and the environment, into the settings a client runs
 * on: the API key, the base URL (refusing plain http to a host that is not loopback), the transport
 * (given, or discovered and then owned) and the scheduler's executor when none was given.
 */
public final class ConfigurationResolver {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigurationResolver.class);
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final Function<String, @Nullable String> environment;
  private final Function<String, @Nullable String> systemProperties;

  /**
   * @param environment reads an environment variable
   * @param systemProperties reads a system property
   */
  public ConfigurationResolver(
      Function<String, @Nullable String> environment,
      Function<String, @Nullable String> systemProperties) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
  }

  /**
   * The API key: the one given, else the environment variable; stripped.
   *
   * @throws ConfigurationException when there is none, or it holds a space or control character
   */
  public String apiKey(@Nullable String given, String envVariable) {
    String key = given != null ? given : environment.apply(envVariable);
    if (key == null || key.isBlank()) {
      throw new ConfigurationException(
          "No ApiMart API key: pass one with ApiMartClient.builder().apiKey(…) or set the"
              + " environment variable "
              + envVariable
              + ". Keys are created in the ApiMart console.");
    }
    String stripped = key.strip();
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (c <= ' ' || c == 0x7F) {
        throw new ConfigurationException(
            "The API key contains a space, line break or control character; copy it again"
                + " without them");
      }
    }
    return stripped;
  }

  /**
   * The base URL: the one given, else the environment variable, else the default; without trailing
   * slashes.
   *
   * @throws ConfigurationException when it is not an absolute http(s) URL, carries a query,
   *     fragment or user info, or is plain http to a host that is not loopback and that was not
   *     allowed
   */
  public URI baseUrl(
      @Nullable String given, String envVariable, String defaultUrl, boolean allowInsecureHttp) {
    String configured = given != null ? given : environment.apply(envVariable);
    String text = configured == null || configured.isBlank() ? defaultUrl : configured.strip();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new ConfigurationException(
          "The base URL '" + text + "' is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw new ConfigurationException(
          "The base URL '" + text + "' must be an absolute http(s) URL such as " + defaultUrl);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getUserInfo() != null) {
      throw new ConfigurationException(
          "The base URL must not carry a query, fragment or user info; use e.g. " + defaultUrl);
    }
    if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
      throw new ConfigurationException(
          "Refusing to send the API key over plain http to "
              + uri.getHost()
              + ": use https, or call allowInsecureHttp(true) if this network is trusted");
    }
    return uri;
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /**
   * Creates a transport from the discovered providers: the one named, else the one the system
   * property or environment names, else the only or preferred one. The caller owns it.
   *
   * @param providers replaces the {@code ServiceLoader} lookup, or {@code null} for the standard
   *     one
   * @throws ConfigurationException when no transport can be found
   */
  public HttpTransport discoverTransport(
      @Nullable String name,
      @Nullable Supplier<List<TransportProvider>> providers,
      Duration connectTimeout) {
    TransportDiscovery discovery =
        providers == null
            ? new TransportDiscovery(
                systemProperties, environment, () -> TransportDiscovery.standard().providers())
            : new TransportDiscovery(systemProperties, environment, providers);
    TransportDiscovery.Selection selection = discovery.select(name);
    HttpTransport created =
        selection
            .provider()
            .create(TransportSettings.builder().connectTimeout(connectTimeout).build());
    LOG.debug("Created transport '{}' ({})", created.name(), selection.reason());
    return created;
  }

  /**
   * A one-thread executor of daemon threads named {@code apimart-scheduler-N-1} (N counts clients),
   * for a client given no scheduler; the client shuts it down on close.
   */
  public static ScheduledThreadPoolExecutor ownedExecutor() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1, DaemonThreads.factory("apimart-scheduler-" + CLIENTS.incrementAndGet()));
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
