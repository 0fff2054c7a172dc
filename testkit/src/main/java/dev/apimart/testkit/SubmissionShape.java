package dev.apimart.testkit;

/**
 * How the fake answers an accepted {@code POST /v1/images/generations}. ApiMart's model pages show
 * several shapes; a client must read every one, and the fake can produce each.
 */
public enum SubmissionShape {
  /**
   * Shape A, most models (the default): HTTP 200, {@code {"code":200,"data":[{"status":
   * "submitted","task_id":"task_…"}]}}.
   */
  ARRAY,
  /**
   * Shape A′ (wan2.7): HTTP 200, {@code {"code":"success","message":"","data":[{"task_id":"…",
   * "status":"processing"}]}} — {@code code} is a string.
   */
  ARRAY_WITH_TEXT_CODE,
  /**
   * Shape B (older gpt-4o-image page): HTTP 200, {@code data} is an object: {@code {"created":…,
   * "id":"task_…","model":…,"object":"image.generation.task","progress":0,"status":"pending",
   * "task_info":{"can_cancel":true,"estimated_time":…},"type":"image"}}.
   */
  OBJECT,
  /**
   * Shape C (newer response version): HTTP 202, {@code {"code":202,"data":{"id":"task_…",
   * "status":"pending"}}}.
   */
  ACCEPTED
}
