package dev.apimart.testkit;

/**
 * The routes {@link FakeApiMart} serves, used to aim a {@link Fault} at one kind of request and to
 * query the {@link Journal}.
 */
public enum Route {
  /** {@code POST /v1/images/generations}: submits a generation task. */
  SUBMIT_GENERATION("POST /v1/images/generations"),
  /** {@code GET /v1/tasks/{id}}: reads a task (a poll). */
  GET_TASK("GET /v1/tasks/{id}"),
  /** {@code GET /v1/balance}: the calling key's balance. */
  GET_BALANCE("GET /v1/balance"),
  /** {@code GET /v1/user/balance}: the account's balance. */
  GET_USER_BALANCE("GET /v1/user/balance"),
  /** {@code GET /files/{task id}/{n}.png}: an image file a completed task points at. */
  IMAGE_FILE("GET /files/{task}/{n}.png"),
  /** {@code POST /v1/uploads/images}: uploads a reference image (multipart, field {@code file}). */
  UPLOAD_IMAGE("POST /v1/uploads/images"),
  /**
   * {@code GET /uploads/f/{id}/{name}}: an uploaded image, served at the URL the upload returned.
   */
  UPLOADED_FILE("GET /uploads/f/{id}/{name}"),
  /** {@code GET /v1/usage}: what was spent over a period (computed from the fake's tasks). */
  GET_USAGE("GET /v1/usage"),
  /** Any other method or path; answered with 404 (or 405), and a failure in strict mode. */
  UNMATCHED("any other request");

  private final String description;

  Route(String description) {
    this.description = description;
  }

  /** Method and path pattern, e.g. {@code "GET /v1/tasks/{id}"}. */
  public String description() {
    return description;
  }
}
