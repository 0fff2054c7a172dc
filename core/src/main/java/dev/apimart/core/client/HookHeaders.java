package dev.apimart.core.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a {@link RequestHook} against an add-only view and merges what it added into a request's
 * headers, refusing every header the SDK sets itself or that frames the request.
 */
final class HookHeaders implements RequestHook.Headers {

  /** Lower case; see {@link RequestHook.Headers#add}. */
  static final Set<String> REFUSED =
      Set.of(
          "authorization",
          "idempotency-key",
          "content-type",
          "content-length",
          "accept",
          "user-agent",
          "host",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "te",
          "trailer",
          "upgrade",
          "expect",
          "proxy-connection",
          "cookie");

  private final Map<String, List<String>> added = new LinkedHashMap<>();

  private HookHeaders() {}

  /** The adapter the API calls run on each request's header map. */
  static Consumer<Map<String, List<String>>> adapter(RequestHook hook) {
    Objects.requireNonNull(hook, "hook");
    return headers -> {
      HookHeaders view = new HookHeaders();
      hook.addHeaders(view);
      view.added.forEach(
          (name, values) -> {
            if (headers.containsKey(name)) {
              throw refused(name, "the SDK sets it itself");
            }
            headers.put(name, List.copyOf(values));
          });
    };
  }

  @Override
  public RequestHook.Headers add(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() || !name.chars().allMatch(HookHeaders::isTokenChar)) {
      throw new IllegalArgumentException(
          "'"
              + printable(name)
              + "' is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (REFUSED.contains(lower)) {
      throw refused(
          name,
          lower.equals("authorization")
              ? "it would replace the API key; the client sends that itself"
              : "the SDK sets it itself or it frames the request");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' && c != '\t' || c == 0x7F) {
        throw new IllegalArgumentException(
            "The value of header "
                + name
                + " holds a line break or control character at index "
                + i
                + "; header values must be printable text");
      }
    }
    added.computeIfAbsent(lower, k -> new ArrayList<>()).add(value);
    return this;
  }

  private static IllegalArgumentException refused(String name, String why) {
    return new IllegalArgumentException(
        "A request hook may not add the header " + name + ": " + why);
  }

  private static boolean isTokenChar(int c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              if (c < ' ' || c == 0x7F) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                sb.append(Character.toChars(c));
              }
            });
    return sb.toString();
  }

  /** Never shows values, which may be credentials. */
  @Override
  public String toString() {
    return "RequestHook.Headers" + added.keySet();
  }
}
