package dev.apimart.testkit.internal;

import dev.apimart.testkit.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which {@link Route} a method and path are, with the ids the path carries; and the query string's
 * parameters. A known path with the wrong method is {@link Route#UNMATCHED} but remembers the
 * method it allows, for the 405.
 */
final class Router {

  private static final Pattern TASK_PATH = Pattern.compile("/v1/tasks/([^/]+)");
  private static final Pattern FILE_PATH = Pattern.compile("/files/([^/]+)/(\\d{1,3})\\.png");
  private static final Pattern UPLOADED_PATH = Pattern.compile("/uploads/f/([0-9a-f]{16})/[^/]+");

  private Router() {}

  /** Sets the call's route, allowed method, and task id, upload id or image index. */
  static void route(Call call) {
    String path = call.path;
    String method = call.method;
    Route route = Route.UNMATCHED;
    String allowed = null;
    Matcher task = TASK_PATH.matcher(path);
    Matcher file = FILE_PATH.matcher(path);
    Matcher uploaded = UPLOADED_PATH.matcher(path);
    if (path.equals("/v1/images/generations")) {
      route = method.equals("POST") ? Route.SUBMIT_GENERATION : Route.UNMATCHED;
      allowed = "POST";
    } else if (task.matches()) {
      route = method.equals("GET") ? Route.GET_TASK : Route.UNMATCHED;
      allowed = "GET";
      call.taskId = task.group(1);
    } else if (path.equals("/v1/balance")) {
      route = method.equals("GET") ? Route.GET_BALANCE : Route.UNMATCHED;
      allowed = "GET";
    } else if (path.equals("/v1/user/balance")) {
      route = method.equals("GET") ? Route.GET_USER_BALANCE : Route.UNMATCHED;
      allowed = "GET";
    } else if (path.equals("/v1/usage")) {
      route = method.equals("GET") ? Route.GET_USAGE : Route.UNMATCHED;
      allowed = "GET";
    } else if (path.equals("/v1/uploads/images")) {
      route = method.equals("POST") ? Route.UPLOAD_IMAGE : Route.UNMATCHED;
      allowed = "POST";
    } else if (uploaded.matches()) {
      route = method.equals("GET") ? Route.UPLOADED_FILE : Route.UNMATCHED;
      allowed = "GET";
      call.taskId = uploaded.group(1);
    } else if (file.matches()) {
      route = method.equals("GET") ? Route.IMAGE_FILE : Route.UNMATCHED;
      allowed = "GET";
      call.taskId = file.group(1);
      call.imageIndex = Integer.parseInt(file.group(2));
    }
    call.route = route;
    call.allowed = route == Route.UNMATCHED ? allowed : null;
  }

  /** The query's parameters in order, decoded; a malformed escape is kept as written. */
  static Map<String, List<String>> query(@Nullable String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
