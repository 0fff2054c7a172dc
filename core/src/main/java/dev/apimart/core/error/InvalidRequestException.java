package dev.apimart.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The request is invalid: found by the SDK before anything was sent (with every {@link Violation}
 * at once), or refused by the service with HTTP 400 (then {@link #violations()} may be empty and
 * {@link #serverMessage()} says why). Fix the request; repeating it cannot help.
 */
public final class InvalidRequestException extends ApiMartException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  /** Violations found before sending. */
  public InvalidRequestException(List<Violation> violations) {
    super(describe(violations), ErrorDetails.NONE, null);
    this.violations = List.copyOf(violations);
  }

  /** The service refused the request (HTTP 400). */
  public InvalidRequestException(String message, ErrorDetails details) {
    super(message, details, null);
    this.violations = List.of();
  }

  /** Every problem found before sending; empty when the service refused the request instead. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    return "Invalid image generation request ("
        + violations.size()
        + (violations.size() == 1 ? " problem" : " problems")
        + "), nothing was sent:"
        + violations.stream().map(v -> "\n - " + v).collect(Collectors.joining());
  }
}
