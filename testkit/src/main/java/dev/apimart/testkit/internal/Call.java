package dev.apimart.testkit.internal;

import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Route;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One exchange as it is being answered: what arrived, where it was routed, the fault it met and
 * whether it has been answered and recorded. Confined to the handling thread.
 */
final class Call {
  final String method;
  final String path;
  final Map<String, List<String>> query;
  Instant arrivedAt = Instant.EPOCH;
  long sequence;
  Route route = Route.UNMATCHED;

  /** The methods the path allows, when it is known but the method is not. */
  @Nullable String allowed;

  /** The task id, or upload id, in the path. */
  @Nullable String taskId;

  int imageIndex;
  byte[] body = new byte[0];
  int bodyLength;
  boolean tooLarge;
  @Nullable String contentType;
  @Nullable String idempotencyKey;
  @Nullable String authProblem;
  boolean keyAccepted;
  Map<String, List<String>> headers = Map.of();
  @Nullable Fault fault;
  boolean headersSent;
  boolean recorded;

  Call(String method, String path, Map<String, List<String>> query) {
    this.method = method;
    this.path = path;
    this.query = query;
  }
}
