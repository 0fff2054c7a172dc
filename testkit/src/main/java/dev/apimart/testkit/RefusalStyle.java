package dev.apimart.testkit;

/**
 * How the fake refuses an invalid submission for a model other than the three seed models (those
 * are always refused with HTTP 400, as their pages document).
 */
public enum RefusalStyle {
  /** HTTP 400 {@code invalid_request_error} listing every problem (the default). */
  BAD_REQUEST,
  /**
   * HTTP 500 with {@code build_request_failed: invalid size: 3:5, allowed: …}, as the service
   * answers some validation errors of the wider catalog; the request was not executed.
   */
  BUILD_REQUEST_FAILED
}
