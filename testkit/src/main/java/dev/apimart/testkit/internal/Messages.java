package dev.apimart.testkit.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The few messages the task endpoint localizes through its {@code language} query parameter ({@code
 * en}, {@code zh}, {@code ko}, {@code ja}).
 */
final class Messages {

  /** The languages the task endpoint takes. */
  public static final String LANGUAGES = "en, zh, ko, ja";

  private static final Map<String, String> TASK_NOT_FOUND =
      Map.of(
          "en", "Task not found: %s",
          "zh", "任务不存在：%s",
          "ko", "작업을 찾을 수 없습니다: %s",
          "ja", "タスクが見つかりません: %s");

  private Messages() {}

  /** Whether {@code language} is one the endpoint takes. */
  public static boolean supports(String language) {
    return TASK_NOT_FOUND.containsKey(language);
  }

  /** "Task not found" in the language, naming the id. */
  public static String taskNotFound(String language, String taskId) {
    return String.format(
        Locale.ROOT, TASK_NOT_FOUND.getOrDefault(language, TASK_NOT_FOUND.get("en")), taskId);
  }
}
