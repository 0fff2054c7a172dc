package dev.apimart.cli;

import dev.apimart.core.port.HttpTransport;
import dev.apimart.transport.feign.FeignTransport;
import dev.apimart.transport.jdkhttp.JdkHttpTransport;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The proxy to reach the service through: {@code --proxy URL}, else the {@code HTTPS_PROXY} /
 * {@code HTTP_PROXY} variables curl users set (lower case too), else the config file's {@code
 * proxy}; {@code NO_PROXY} (a comma list of hosts, {@code .domain} suffixes, or {@code *}) exempts
 * hosts. Both transports send through it: the JDK client through its proxy selector, Feign's {@code
 * HttpURLConnection} through a proxy chosen per URL. {@code socks5://} works with Feign only (the
 * JDK HTTP client speaks to HTTP proxies only).
 */
final class Proxies extends ProxySelector {

  private final @Nullable Proxy forAll;
  private final @Nullable Proxy forHttps;
  private final @Nullable Proxy forHttp;
  private final List<String> noProxy;
  private final String description;

  private Proxies(
      @Nullable Proxy forAll,
      @Nullable Proxy forHttps,
      @Nullable Proxy forHttp,
      List<String> noProxy,
      String description) {
    this.forAll = forAll;
    this.forHttps = forHttps;
    this.forHttp = forHttp;
    this.noProxy = List.copyOf(noProxy);
    this.description = description;
  }

  /** The proxies configured, or empty when none is (then the transports connect directly). */
  static Optional<Proxies> resolve(
      @Nullable String flag, Map<String, String> env, CliConfig config, List<String> problems) {
    List<String> noProxy = new ArrayList<>();
    String no = first(env, "NO_PROXY", "no_proxy");
    if (no != null) {
      for (String host : no.split(",")) {
        if (!host.isBlank()) {
          noProxy.add(host.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    if (flag != null && !flag.isBlank()) {
      Proxy proxy = parse("--proxy", flag, problems);
      return proxy == null
          ? Optional.empty()
          : Optional.of(new Proxies(proxy, null, null, noProxy, "--proxy " + flag));
    }
    String https = first(env, "HTTPS_PROXY", "https_proxy");
    String http = first(env, "HTTP_PROXY", "http_proxy");
    if (https != null || http != null) {
      Proxy s = https == null ? null : parse("HTTPS_PROXY", https, problems);
      Proxy p = http == null ? null : parse("HTTP_PROXY", http, problems);
      return s == null && p == null
          ? Optional.empty()
          : Optional.of(new Proxies(null, s, p, noProxy, "HTTPS_PROXY/HTTP_PROXY"));
    }
    Optional<String> file = config.get("proxy");
    if (file.isPresent()) {
      Proxy proxy = parse("proxy (config file)", file.get(), problems);
      return proxy == null
          ? Optional.empty()
          : Optional.of(new Proxies(proxy, null, null, noProxy, "the config file's proxy"));
    }
    return Optional.empty();
  }

  private static @Nullable String first(Map<String, String> env, String upper, String lower) {
    String v = env.get(upper);
    if (v == null || v.isBlank()) {
      v = env.get(lower);
    }
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static @Nullable Proxy parse(String where, String text, List<String> problems) {
    String t = text.contains("://") ? text : "http://" + text;
    try {
      URI uri = new URI(t);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null) {
        problems.add(where + ": '" + text + "' has no host; write e.g. http://proxy.example:3128");
        return null;
      }
      Proxy.Type type =
          switch (scheme) {
            case "http", "https" -> Proxy.Type.HTTP;
            case "socks", "socks5", "socks5h", "socks4" -> Proxy.Type.SOCKS;
            default -> null;
          };
      if (type == null) {
        problems.add(
            where + ": '" + scheme + "' proxies are not supported; use http:// or socks5://");
        return null;
      }
      int port = uri.getPort() > 0 ? uri.getPort() : type == Proxy.Type.SOCKS ? 1080 : 80;
      return new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), port));
    } catch (URISyntaxException e) {
      problems.add(where + ": '" + text + "' is not a URL (" + e.getReason() + ")");
      return null;
    }
  }

  /**
   * Where {@code uri} is sent through: a proxy, or {@link Proxy#NO_PROXY} for a direct connection.
   */
  Proxy proxyFor(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    for (String rule : noProxy) {
      String r = rule.startsWith("*.") ? rule.substring(1) : rule;
      if (r.equals("*")
          || host.equals(r)
          || (r.startsWith(".") && (host.endsWith(r) || host.equals(r.substring(1))))
          || (!r.startsWith(".") && host.endsWith("." + r))) {
        return Proxy.NO_PROXY;
      }
    }
    if (forAll != null) {
      return forAll;
    }
    Proxy p = "https".equalsIgnoreCase(uri.getScheme()) ? forHttps : forHttp;
    return p == null ? Proxy.NO_PROXY : p;
  }

  @Override
  public List<Proxy> select(URI uri) {
    return List.of(proxyFor(uri));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}

  /** Whether any configured proxy is SOCKS (which the JDK HTTP client cannot use). */
  boolean hasSocks() {
    for (Proxy p : new Proxy[] {forAll, forHttps, forHttp}) {
      if (p != null && p.type() == Proxy.Type.SOCKS) {
        return true;
      }
    }
    return false;
  }

  String description() {
    return description;
  }

  /**
   * A transport of the chosen kind ({@code jdk} unless {@code feign}) sending through these
   * proxies.
   */
  HttpTransport transport(Optional<String> name) {
    Duration connectTimeout = Duration.ofSeconds(10);
    if (name.orElse("jdk").equals("feign")) {
      Proxies selector = this;
      feign.Client client =
          new feign.Client.Default(null, null) {
            @Override
            public HttpURLConnection getConnection(URL url) throws IOException {
              try {
                return (HttpURLConnection) url.openConnection(selector.proxyFor(url.toURI()));
              } catch (URISyntaxException e) {
                throw new IOException("not a valid URL: " + e.getReason(), e);
              }
            }
          };
      return FeignTransport.builder().client(client).connectTimeout(connectTimeout).build();
    }
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(this)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
    return JdkHttpTransport.builder().httpClient(http).build();
  }
}
