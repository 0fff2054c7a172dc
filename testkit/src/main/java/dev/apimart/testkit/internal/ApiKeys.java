package dev.apimart.testkit.internal;

import com.sun.net.httpserver.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The accepted API keys: whether a request's {@code Authorization} header carries one, and the
 * request's headers as the journal keeps them, with every key redacted.
 */
final class ApiKeys {

  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(\\S.*)");
  private static final String REDACTED = "[redacted]";

  private final Set<String> keys;

  ApiKeys(List<String> keys) {
    this.keys = Set.copyOf(keys);
  }

  /** What is wrong with the request's key, as the service words it, or {@code null} if nothing. */
  @Nullable String problem(Headers headers) {
    String authorization = headers.getFirst("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return "Missing API key: send the header 'Authorization: Bearer <your API key>'";
    }
    Matcher m = BEARER.matcher(authorization.strip());
    if (!m.matches()) {
      return "Invalid Authorization header: use the form 'Bearer <your API key>'";
    }
    if (!keys.contains(m.group(1).strip())) {
      return "Invalid API key: the key in the Authorization header is not known";
    }
    return null;
  }

  /**
   * The headers with lower-case names, the credential of {@code Authorization} and every key
   * hidden.
   */
  Map<String, List<String>> redacted(Headers headers) {
    Map<String, List<String>> copy = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      List<String> values = new ArrayList<>(e.getValue().size());
      for (String value : e.getValue()) {
        values.add(redact(name, value));
      }
      copy.merge(
          name,
          values,
          (a, b) -> {
            List<String> merged = new ArrayList<>(a);
            merged.addAll(b);
            return merged;
          });
    }
    return copy;
  }

  private String redact(String name, String value) {
    if (name.equals("authorization")) {
      Matcher m = BEARER.matcher(value.strip());
      return m.matches() ? value.strip().substring(0, 6) + " " + REDACTED : REDACTED;
    }
    String redacted = value;
    for (String key : keys) {
      if (!key.isEmpty() && redacted.contains(key)) {
        redacted = redacted.replace(key, REDACTED);
      }
    }
    return redacted;
  }
}
