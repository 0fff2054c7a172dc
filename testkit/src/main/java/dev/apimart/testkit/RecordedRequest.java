package dev.apimart.testkit;

import dev.apimart.testkit.internal.JsonSupport;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One request {@link FakeApiMart} received and how it answered, as kept in its {@link Journal}. The
 * {@code Authorization} header (and any header holding an accepted key) is redacted.
 *
 * @param sequence position in arrival order, starting at 1
 * @param time the fake clock's time when the request arrived
 * @param method the HTTP method, upper case
 * @param path the decoded path, e.g. {@code /v1/tasks/task_01…}
 * @param query query parameters, decoded
 * @param headers request headers, names in lower case, secrets redacted
 * @param body the body as UTF-8 text, cut at the journal's per-request limit
 * @param bodyLength the body's size in bytes as received
 * @param route the route it matched
 * @param taskId the task the request named or created, when there was one
 * @param apiKeyAccepted whether it carried an accepted API key
 * @param status the HTTP status answered; 0 when the connection was dropped without an answer
 * @param fault the injected fault that hit it, when one did
 */
public record RecordedRequest(
    long sequence,
    Instant time,
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    String body,
    int bodyLength,
    Route route,
    @Nullable String taskId,
    boolean apiKeyAccepted,
    int status,
    @Nullable Fault fault) {

  /** Copies the maps and checks the required components. */
  public RecordedRequest {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(route, "route");
    query = copy(query, false);
    headers = copy(headers, true);
  }

  /** The first value of a request header (name in any case), or {@code null}. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a query parameter, or {@code null}. */
  public @Nullable String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The body read as a JSON object, with plain Java values ({@code String}, {@code Integer}, {@code
   * Long}, {@code BigDecimal}, {@code Boolean}, {@code List}, {@code Map}, {@code null}), for
   * assertions such as {@code assertThat(request.jsonBody()).containsEntry("n", 4)}.
   *
   * @throws IllegalStateException when the body is not a JSON object
   */
  public Map<String, @Nullable Object> jsonBody() {
    return JsonSupport.toPlainObject(body);
  }

  /** Whether the connection was closed without an answer. */
  public boolean wasDropped() {
    return status == 0;
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> map, boolean lower) {
    Map<String, List<String>> copy = new TreeMap<>();
    map.forEach((k, v) -> copy.put(lower ? k.toLowerCase(Locale.ROOT) : k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** A one-line summary: sequence, method, path, status, task and fault; never headers or body. */
  @Override
  public String toString() {
    return "#"
        + sequence
        + " "
        + method
        + " "
        + path
        + " -> "
        + (status == 0 ? "dropped" : Integer.toString(status))
        + (taskId == null ? "" : " [" + taskId + "]")
        + (fault == null ? "" : " " + fault);
  }
}
