package dev.apimart.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What to answer: status, content type, body and extra headers. */
record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

  static final String JSON = "application/json; charset=utf-8";

  static Answer json(int status, byte[] body) {
    return new Answer(status, JSON, body, Map.of());
  }

  /** An error in the service's envelope. */
  static Answer error(int status, String message) {
    return json(status, Responses.error(status, message));
  }

  /** A CDN's (S3-style) XML error, as the image host answers. */
  static Answer cdnError(int status, String code, String message, String path) {
    return new Answer(status, "application/xml", Responses.cdnError(code, message, path), Map.of());
  }

  Answer withRetryAfter(@Nullable String retryAfter) {
    return retryAfter == null ? this : withHeader("Retry-After", retryAfter);
  }

  Answer withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Answer(status, contentType, body, copy);
  }
}
