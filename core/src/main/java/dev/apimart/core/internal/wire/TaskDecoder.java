package dev.apimart.core.internal.wire;

import dev.apimart.core.error.ErrorDetails;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskError;
import dev.apimart.core.model.TaskId;
import dev.apimart.core.model.TaskStatus;
import dev.apimart.core.model.internal.Redaction;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the task answers: the submission's ({@code POST /v1/images/generations}, a task id) and the
 * status query's ({@code GET /v1/tasks/{id}}, a task snapshot with its images). Strict where a
 * wrong value would mislead (a missing or unsafe id, a missing status, an image URL that is not
 * absolute http(s)); lenient elsewhere (see {@link WireCodec}).
 */
final class TaskDecoder {

  private final Redaction redaction;

  /**
   * @param redaction hides secrets in the service's words about a failed task
   */
  TaskDecoder(Redaction redaction) {
    this.redaction = redaction;
  }

  TaskId readSubmission(JsonNode root, Answer answer) {
    JsonNode data = dataObject(root, answer, true);
    String id = JsonValues.text(data, "task_id");
    if (id == null) {
      id = JsonValues.text(data, "id");
    }
    if (id == null) {
      throw answer.problem("it holds no task_id", null);
    }
    return taskId(id.strip(), answer);
  }

  Task readTask(JsonNode root, Answer answer) {
    JsonNode data = dataObject(root, answer, false);
    String id = JsonValues.text(data, "id");
    if (id == null) {
      id = JsonValues.text(data, "task_id");
    }
    if (id == null) {
      throw answer.problem("the task has no id", null);
    }
    String rawStatus = JsonValues.text(data, "status");
    if (rawStatus == null) {
      throw answer.problem("the task has no status", null);
    }
    TaskStatus status = TaskStatus.fromWire(rawStatus);
    Integer progress = JsonValues.clampedInt(data.get("progress"), 0, 100);
    return Task.builder(taskId(id.strip(), answer), status)
        .rawStatus(rawStatus)
        .progress(progress != null ? progress : (status == TaskStatus.COMPLETED ? 100 : 0))
        .images(images(data.get("result"), answer))
        .createdAt(JsonValues.epochSeconds(data.get("created")))
        .completedAt(JsonValues.epochSeconds(data.get("completed")))
        .estimatedTime(JsonValues.seconds(data.get("estimated_time")))
        .actualTime(JsonValues.seconds(data.get("actual_time")))
        .error(taskError(data.get("error")))
        .cost(nonNegative(JsonValues.decimal(data.get("cost"))))
        .creditsCost(nonNegative(JsonValues.decimal(data.get("credits_cost"))))
        .build();
  }

  private static @Nullable BigDecimal nonNegative(@Nullable BigDecimal value) {
    return value == null || value.signum() < 0 ? null : value;
  }

  /** {@code data} as an object: the object itself, or the first element of an array. */
  private static JsonNode dataObject(JsonNode root, Answer answer, boolean firstOfMany) {
    JsonNode data = root.get("data");
    if (data != null && data.isArray()) {
      if (data.isEmpty() || (!firstOfMany && data.size() > 1)) {
        throw answer.problem("expected one entry in \"data\" but found " + data.size(), null);
      }
      data = data.get(0);
    }
    if (data == null || !data.isObject()) {
      throw answer.problem("expected a \"data\" object but found " + WireJson.describe(data), null);
    }
    return data;
  }

  private static TaskId taskId(String id, Answer answer) {
    try {
      return new TaskId(id);
    } catch (IllegalArgumentException e) {
      throw answer.problem("the task id is not usable: " + e.getMessage(), e);
    }
  }

  private static List<GeneratedImage> images(@Nullable JsonNode result, Answer answer) {
    if (result == null || !result.isObject()) {
      return List.of();
    }
    JsonNode images = result.get("images");
    if (images == null || !images.isArray()) {
      return List.of();
    }
    List<GeneratedImage> out = new ArrayList<>(images.size());
    for (JsonNode image : images) {
      if (image.isString()) {
        out.add(new GeneratedImage(imageUrl(image.stringValue(), answer), null, null));
        continue;
      }
      if (!image.isObject()) {
        continue;
      }
      Instant expiresAt = JsonValues.epochSeconds(image.get("expires_at"));
      JsonNode url = image.get("url");
      if (url == null || url.isNull()) {
        continue;
      }
      if (url.isString()) {
        out.add(new GeneratedImage(imageUrl(url.stringValue(), answer), expiresAt, null));
      } else if (url.isArray()) {
        for (JsonNode each : url) {
          if (!each.isString()) {
            throw answer.problem("an image url is " + WireJson.describe(each) + ", not text", null);
          }
          out.add(new GeneratedImage(imageUrl(each.stringValue(), answer), expiresAt, null));
        }
      } else {
        throw answer.problem("an image url is " + WireJson.describe(url) + ", not text", null);
      }
    }
    return out;
  }

  private static URI imageUrl(String text, Answer answer) {
    String trimmed = text.strip();
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw answer.problem("an image URL is malformed: " + e.getReason(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null
        || uri.getHost().isEmpty()) {
      throw answer.problem(
          "an image URL is not an absolute http(s) URL: "
              + Redaction.url(uri)
              + (uri.getScheme() == null ? " (relative)" : ""),
          null);
    }
    return uri;
  }

  private @Nullable TaskError taskError(@Nullable JsonNode error) {
    if (error == null) {
      return null;
    }
    if (error.isString()) {
      return error.stringValue().isBlank()
          ? null
          : new TaskError(null, redaction.text(error.stringValue()));
    }
    if (!error.isObject() || error.isEmpty()) {
      return null;
    }
    String message = JsonValues.text(error, "message");
    if (message == null) {
      message = JsonValues.text(error, "msg");
    }
    if (message == null) {
      message = ErrorDetails.truncate(error.toString());
    }
    // The service's words reach logs and exception messages: no key or bearer token in them.
    return new TaskError(JsonValues.codeText(error.get("code")), redaction.text(message));
  }
}
