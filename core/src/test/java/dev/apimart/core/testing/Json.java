package dev.apimart.core.testing;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** ApiMart answers as the wire contract describes them. */
public final class Json {

  private Json() {}

  public static String submitted(String taskId) {
    return "{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"" + taskId + "\"}]}";
  }

  public static String task(String id, String status, int progress, Integer estimatedSeconds) {
    return task(id, status, progress, estimatedSeconds, null, List.of(), null);
  }

  public static String task(
      String id,
      String status,
      int progress,
      Integer estimatedSeconds,
      Instant created,
      List<String> urls,
      String errorMessage) {
    StringBuilder sb = new StringBuilder("{\"code\":200,\"data\":{");
    sb.append("\"id\":\"").append(id).append("\",\"status\":\"").append(status).append('"');
    sb.append(",\"progress\":").append(progress);
    if (estimatedSeconds != null) {
      sb.append(",\"estimated_time\":").append(estimatedSeconds);
    }
    if (created != null) {
      sb.append(",\"created\":").append(created.getEpochSecond());
    }
    if (!urls.isEmpty()) {
      sb.append(",\"result\":{\"images\":[")
          .append(
              urls.stream()
                  .map(u -> "{\"url\":[\"" + u + "\"],\"expires_at\":1900000000}")
                  .collect(Collectors.joining(",")))
          .append("]}");
    }
    if (errorMessage != null) {
      sb.append(",\"error\":{\"code\":\"content_policy\",\"message\":\"")
          .append(errorMessage)
          .append("\"}");
    }
    return sb.append("}}").toString();
  }

  public static String completed(String id, String... urls) {
    return task(id, "completed", 100, 10, null, List.of(urls), null);
  }

  public static String error(int code, String message) {
    return "{\"error\":{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\",\"type\":\"test_error\"}}";
  }

  public static String balance(String remain, String used) {
    return "{\"success\":true,\"remain_balance\":"
        + remain
        + ",\"used_balance\":"
        + used
        + ",\"unlimited_quota\":false}";
  }
}
