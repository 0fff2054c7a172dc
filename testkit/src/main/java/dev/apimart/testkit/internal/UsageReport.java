package dev.apimart.testkit.internal;

import dev.apimart.core.model.TaskStatus;
import dev.apimart.testkit.FakeTask;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fake's {@code GET /v1/usage}, computed from its own tasks as third-party notes describe the
 * endpoint: {@code start}/{@code end} (ISO dates, both included, at most 31 days), {@code model},
 * {@code group_by} ({@code day} or {@code model}), {@code tz}, {@code scope} ({@code key} or {@code
 * account}; the fake has one account, so both report the same). Only completed tasks count — failed
 * and refunded ones are excluded —, each on the day it was created. The answer: {@code
 * {"object":"usage","start","end","tz","scope","currency":"USD","total":{cost, credits_cost, tasks,
 * images},"data":[{"date"|"model", cost, credits_cost, tasks, images}]}} with {@code X-Usage-Cache:
 * MISS}. The shape is the fake's reading of those notes, not a documented one.
 */
final class UsageReport {

  /** The longest period, in days. */
  public static final int MAX_DAYS = 31;

  /** An answer: status and body. */
  public record Reply(int status, byte[] body) {}

  private UsageReport() {}

  /** Answers a usage request over these tasks. */
  public static Reply answer(Map<String, List<String>> query, List<FakeTask> tasks) {
    String start = first(query, "start");
    String end = first(query, "end");
    if (start == null || end == null) {
      return error("start and end are required (ISO dates, e.g. 2026-11-01)");
    }
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(start);
      to = LocalDate.parse(end);
    } catch (DateTimeParseException e) {
      return error("start and end must be ISO dates such as 2026-11-01");
    }
    if (to.isBefore(from)) {
      return error("end is before start");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      return error("the period must not exceed " + MAX_DAYS + " days");
    }
    ZoneId zone = ZoneOffset.UTC;
    String tz = first(query, "tz");
    if (tz != null) {
      try {
        zone = ZoneId.of(tz);
      } catch (DateTimeException e) {
        return error("tz '" + tz + "' is not a time zone");
      }
    }
    String scope = first(query, "scope");
    if (scope != null && !scope.equals("key") && !scope.equals("account")) {
      return error("scope must be key or account");
    }
    String groupBy = first(query, "group_by");
    if (groupBy != null && !groupBy.equals("day") && !groupBy.equals("model")) {
      return error("group_by must be day or model");
    }
    String model = first(query, "model");
    Figures total = new Figures();
    Map<String, Figures> groups = new TreeMap<>();
    for (FakeTask task : tasks) {
      if (task.status() != TaskStatus.COMPLETED) {
        continue;
      }
      if (model != null && !model.equals(task.model())) {
        continue;
      }
      LocalDate day = task.created().atZone(zone).toLocalDate();
      if (day.isBefore(from) || day.isAfter(to)) {
        continue;
      }
      total.add(task);
      if (groupBy != null) {
        String key = groupBy.equals("day") ? day.toString() : task.model();
        groups.computeIfAbsent(key, k -> new Figures()).add(task);
      }
    }
    ObjectNode root = JsonSupport.object();
    root.put("object", "usage");
    root.put("start", from.toString());
    root.put("end", to.toString());
    root.put("tz", zone.getId());
    root.put("scope", scope == null ? "key" : scope);
    root.put("currency", "USD");
    total.write(root.putObject("total"));
    if (groupBy != null) {
      ArrayNode data = root.putArray("data");
      groups.forEach(
          (key, figures) -> {
            ObjectNode entry = data.addObject();
            entry.put(groupBy.equals("day") ? "date" : "model", key);
            figures.write(entry);
          });
    }
    return new Reply(200, JsonSupport.write(root));
  }

  private static final class Figures {
    BigDecimal cost = BigDecimal.ZERO;
    long tasks;
    long images;

    void add(FakeTask task) {
      cost = cost.add(task.charged());
      tasks++;
      images += task.imageCount();
    }

    void write(ObjectNode node) {
      node.put("cost", cost);
      node.put("credits_cost", cost.multiply(BigDecimal.TEN));
      node.put("tasks", tasks);
      node.put("images", images);
    }
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Reply error(String message) {
    return new Reply(400, JsonSupport.errorEnvelope(400, message, "invalid_request_error"));
  }
}
