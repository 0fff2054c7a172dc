package dev.apimart.core.capability;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one reference image URL the way the service will see it: it must be a public http(s) URL.
 * Host names are never resolved (validation does no network I/O); literal IP addresses and names
 * that only resolve inside a private network are refused.
 */
final class ImageUrlRules {

  /** An IPv4 address as a.b.c.d, without leading zeros (which some resolvers read as octal). */
  private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");

  /** A host whose last label is a number: resolvers read it as an IPv4 address in some form. */
  private static final Pattern ENDS_IN_NUMBER =
      Pattern.compile("(.*\\.)?(\\d+|0x[0-9a-f]*)", Pattern.CASE_INSENSITIVE);

  private static final int MAX_URL_LENGTH = 2048;

  private ImageUrlRules() {}

  /** Why the URL cannot be used, or empty when it can. */
  static Optional<String> problem(String url) {
    String trimmed = url.strip();
    if (trimmed.isEmpty()) {
      return Optional.of("image URL is blank: give a public http(s) URL of the reference image");
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:") || lower.contains(";base64,")) {
      return Optional.of(
          "data: / base64 images are not accepted by ApiMart: upload the image somewhere public and"
              + " give its http(s) URL");
    }
    if (trimmed.length() > MAX_URL_LENGTH) {
      return Optional.of("image URL is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      return Optional.of(
          "image URL is malformed (" + e.getReason() + "): give a valid http(s) URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(
          (scheme.isEmpty() ? "image URL has no scheme" : "scheme '" + scheme + "' is not accepted")
              + ": only public http:// or https:// URLs can be fetched by ApiMart");
    }
    String host = uri.getHost();
    if ((host == null || host.isEmpty()) && uri.getRawAuthority() != null) {
      return Optional.of(
          "host '" + uri.getRawAuthority() + "' is not a valid host name or IP address");
    }
    if (host == null || host.isEmpty()) {
      return Optional.of(
          "image URL has no host: give a full URL such as https://example.com/a.png");
    }
    return privateHostProblem(host.toLowerCase(Locale.ROOT));
  }

  private static Optional<String> privateHostProblem(String name) {
    // A fully qualified name ends in a dot: "localhost." is localhost.
    String host = name;
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    String unreachable =
        "host '"
            + host
            + "' is not reachable from ApiMart's servers (loopback, private or local network):"
            + " use a publicly accessible URL";
    if (host.equals("localhost")
        || host.endsWith(".localhost")
        || host.endsWith(".local")
        || host.endsWith(".internal")
        || host.endsWith(".lan")
        || host.endsWith(".home.arpa")) {
      return Optional.of(unreachable);
    }
    boolean ipv6 = host.startsWith("[") && host.endsWith("]");
    if (!ipv6 && ENDS_IN_NUMBER.matcher(host).matches() && !IPV4.matcher(host).matches()) {
      return Optional.of(
          "host '"
              + host
              + "' writes an IP address in a non-standard form (such as 127.1, 0x7f.0.0.1 or"
              + " 2130706433): give a public host name, or an address as a.b.c.d");
    }
    if (!ipv6 && !IPV4.matcher(host).matches()) {
      return host.contains(".")
          ? Optional.empty()
          : Optional.of(
              "host '"
                  + host
                  + "' is a single-label name that only resolves inside a local network: use a"
                  + " publicly accessible URL");
    }
    try {
      // Literal addresses only: getByAddress and bracketed IPv6 never trigger a DNS lookup.
      InetAddress address =
          ipv6 ? InetAddress.getByName(host) : InetAddress.getByAddress(ipv4Bytes(host));
      return isPrivate(address) ? Optional.of(unreachable) : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of("host '" + host + "' is not a valid host name or IP address");
    }
  }

  private static byte[] ipv4Bytes(String host) throws UnknownHostException {
    String[] parts = host.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int value = Integer.parseInt(parts[i]);
      if (value > 255) {
        throw new UnknownHostException(host);
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private static boolean isPrivate(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0
          || (first == 100 && second >= 64 && second <= 127)
          || (first == 198 && (second == 18 || second == 19))
          || first >= 240;
    }
    return (b[0] & 0xfe) == 0xfc;
  }
}
