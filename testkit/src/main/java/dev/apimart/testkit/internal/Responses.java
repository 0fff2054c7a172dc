package dev.apimart.testkit.internal;

import dev.apimart.core.model.TaskStatus;
import dev.apimart.testkit.FakeTask;
import dev.apimart.testkit.StatusWords;
import dev.apimart.testkit.SubmissionShape;
import dev.apimart.testkit.UrlShape;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The bodies the fake answers with, in the service's shapes. */
final class Responses {

  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(402, "Payment Required"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(408, "Request Timeout"),
          Map.entry(413, "Payload Too Large"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Temporarily Unavailable"),
          Map.entry(504, "Gateway Time-out"));

  /** ApiMart's credits: ten to the US dollar. */
  private static final BigDecimal CREDITS_PER_DOLLAR = BigDecimal.TEN;

  private Responses() {}

  /**
   * The answer to an accepted submission in one of the documented shapes (see {@link
   * SubmissionShape}); shape B and C's status is the queued word of {@code words}.
   *
   * @param task the new task, for shape B's details; {@code null} leaves them out
   */
  public static byte[] submitted(
      SubmissionShape shape, StatusWords words, @Nullable FakeTask task, String taskId) {
    ObjectNode root = JsonSupport.object();
    switch (shape) {
      case ARRAY -> {
        root.put("code", 200);
        ObjectNode entry = root.putArray("data").addObject();
        entry.put("status", "submitted");
        entry.put("task_id", taskId);
      }
      case ARRAY_WITH_TEXT_CODE -> {
        root.put("code", "success");
        root.put("message", "");
        ObjectNode entry = root.putArray("data").addObject();
        entry.put("task_id", taskId);
        entry.put("status", "processing");
      }
      case OBJECT -> {
        root.put("code", 200);
        ObjectNode data = root.putObject("data");
        if (task != null) {
          data.put("created", task.created().getEpochSecond());
        }
        data.put("id", taskId);
        if (task != null) {
          data.put("model", task.model());
        }
        data.put("object", "image.generation.task");
        data.put("progress", 0);
        data.put("status", statusWord(TaskStatus.PENDING, words));
        ObjectNode info = data.putObject("task_info");
        info.put("can_cancel", true);
        if (task != null) {
          info.put("estimated_time", ceilSeconds(task.estimatedTime()));
        }
        data.put("type", "image");
      }
      case ACCEPTED -> {
        root.put("code", 202);
        ObjectNode data = root.putObject("data");
        data.put("id", taskId);
        data.put("status", statusWord(TaskStatus.PENDING, words));
      }
    }
    return JsonSupport.write(root);
  }

  /** The HTTP status of an accepted submission in this shape. */
  public static int submittedStatus(SubmissionShape shape) {
    return shape == SubmissionShape.ACCEPTED ? 202 : 200;
  }

  /** The wire word of a status in a vocabulary. */
  public static String statusWord(TaskStatus status, StatusWords words) {
    if (words == StatusWords.SUBMITTED_IN_PROGRESS) {
      if (status == TaskStatus.PENDING) {
        return "submitted";
      }
      if (status == TaskStatus.PROCESSING) {
        return "in_progress";
      }
    }
    return status.name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code {"code":200,"data":{…task…}}}.
   *
   * @param words the status words of a running task
   * @param reportCost whether a finished task carries {@code cost} and {@code credits_cost}
   */
  public static byte[] task(
      FakeTask task,
      UrlShape shape,
      Duration imageLifetime,
      StatusWords words,
      boolean reportCost) {
    ObjectNode root = JsonSupport.object();
    root.put("code", 200);
    ObjectNode data = root.putObject("data");
    data.put("id", task.id());
    data.put("status", statusWord(task.status(), words));
    data.put("progress", task.progress());
    if (task.status() == TaskStatus.COMPLETED && task.completed() != null) {
      long expires = task.completed().plus(imageLifetime).getEpochSecond();
      ArrayNode images = data.putObject("result").putArray("images");
      for (URI url : task.imageUrls()) {
        ObjectNode image = images.addObject();
        if (shape == UrlShape.STRING) {
          image.put("url", url.toString());
        } else {
          image.putArray("url").add(url.toString());
        }
        image.put("expires_at", expires);
      }
    }
    data.put("created", task.created().getEpochSecond());
    Instant completed = task.completed();
    if (completed != null) {
      data.put("completed", completed.getEpochSecond());
    }
    data.put("estimated_time", ceilSeconds(task.estimatedTime()));
    if (completed != null) {
      long millis = Duration.between(task.created(), completed).toMillis();
      data.put("actual_time", (millis + 500) / 1000);
    }
    if (reportCost && task.isTerminal()) {
      data.put("cost", plain(task.charged()));
      data.put("credits_cost", plain(task.charged().multiply(CREDITS_PER_DOLLAR)));
    }
    if (task.status() == TaskStatus.FAILED) {
      ObjectNode error = data.putObject("error");
      String code = task.errorCode();
      if (code != null && code.matches("-?\\d{1,9}")) {
        error.put("code", Integer.parseInt(code));
      } else if (code != null) {
        error.put("code", code);
      }
      String message = task.errorMessage();
      error.put("message", message == null ? "Image generation failed" : message);
    }
    return JsonSupport.write(root);
  }

  /** {@code {"success":true,"remain_balance":…,"used_balance":…,"unlimited_quota":…}}. */
  public static byte[] balance(@Nullable BigDecimal remaining, BigDecimal used) {
    ObjectNode root = JsonSupport.object();
    root.put("success", true);
    root.put("remain_balance", remaining == null ? BigDecimal.ONE.negate() : plain(remaining));
    root.put("used_balance", plain(used));
    root.put("unlimited_quota", remaining == null);
    return JsonSupport.write(root);
  }

  /** The service's error envelope with the type that goes with the status. */
  public static byte[] error(int status, String message) {
    return JsonSupport.errorEnvelope(status, message, errorType(status));
  }

  /**
   * An idempotency error as third-party notes quote ApiMart's: the {@code idempotency_*} word as
   * the error's code, with a message.
   */
  public static byte[] idempotencyError(int status, String code, String message) {
    return JsonSupport.idempotencyEnvelope(code, message);
  }

  /** The error {@code type} the service's gateway uses for a status. */
  public static String errorType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 402 -> "insufficient_quota";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 408, 504 -> "timeout_error";
      case 429 -> "rate_limit_error";
      case 502 -> "upstream_error";
      case 503 -> "service_unavailable_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  /** The message a status fault carries unless the test set one. */
  public static String defaultMessage(int status) {
    return switch (status) {
      case 429 -> "Rate limit reached: too many requests, please retry later";
      case 500 -> "Internal server error, please retry later";
      case 502 -> "Bad gateway: the upstream model service did not answer";
      case 503 -> "Service temporarily unavailable, please retry later";
      case 504 -> "Gateway timeout: the upstream model service took too long";
      default -> status + " " + reason(status);
    };
  }

  /** A reverse proxy's HTML error page. */
  public static byte[] htmlErrorPage(int status) {
    String title = status + " " + reason(status);
    String html =
        "<html>\r\n<head><title>"
            + title
            + "</title></head>\r\n<body>\r\n<center><h1>"
            + title
            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    return html.getBytes(StandardCharsets.UTF_8);
  }

  /** A CDN's XML error for a file that is not there (404) or no longer valid (403). */
  public static byte[] cdnError(String code, String message, String key) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>"
            + code
            + "</Code>\n  <Message>"
            + message
            + "</Message>\n  <Key>"
            + key.replace("&", "&amp;").replace("<", "&lt;")
            + "</Key>\n</Error>\n";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON answer cut off in the middle, as a broken proxy or a crashed backend sends. */
  public static byte[] malformedJson() {
    return "{\"code\":200,\"data\":{\"id\":\"task_01JGXYZ1234567890ABCDEF\",\"status\":\"proc"
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The reason phrase of a status. */
  public static String reason(int status) {
    return REASONS.getOrDefault(status, status >= 500 ? "Server Error" : "Client Error");
  }

  private static long ceilSeconds(Duration d) {
    return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
  }

  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
