package dev.apimart.core.internal.logging;

import dev.apimart.core.model.GeneratedImage;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Makes requests and answers safe to log. */
public final class Redaction {

  /** Header whose values may be logged; every other value is replaced. */
  public static final Set<String> LOGGABLE_HEADERS =
      Set.of(
          "accept",
          "content-type",
          "content-length",
          "retry-after",
          "user-agent",
          "date",
          "x-request-id");

  /** What replaces a value that must not be logged. */
  public static final String REDACTED = "[redacted]";

  private Redaction() {}

  /** The URL without query string, fragment or user info. */
  public static String uri(URI uri) {
    return GeneratedImage.redact(uri);
  }

  /** Headers with every value outside {@link #LOGGABLE_HEADERS} replaced. */
  public static Map<String, List<String>> headers(Map<String, List<String>> headers) {
    Map<String, List<String>> safe = new TreeMap<>();
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          safe.put(lower, LOGGABLE_HEADERS.contains(lower) ? values : List.of(REDACTED));
        });
    return safe;
  }
}
