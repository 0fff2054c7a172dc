package dev.apimart.core.error;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The request breaks a rule the SDK checks before sending: every {@link Violation} is listed at
 * once, and nothing was sent (no task, no charge). Fix the request; repeating it cannot help.
 *
 * <p>When the <em>service</em> refuses a request as invalid (HTTP 400/422) the failure is a {@link
 * RequestRejectedException} instead — answered by the service, with its message and request id. To
 * handle both the same way, catch both (or look at {@link ApiMartClientException} / {@link
 * ApiMartServiceException}).
 */
public final class InvalidRequestException extends ApiMartClientException {
  private static final long serialVersionUID = 2L;

  // An immutable List.copyOf of serialisable Violations (whose writeReplace keeps them so).
  @SuppressWarnings("serial")
  private final List<Violation> violations;

  /**
   * Violations found before sending.
   *
   * @param violations every problem found; at least one
   * @throws IllegalArgumentException when the list is empty
   */
  public InvalidRequestException(List<Violation> violations) {
    this("image generation request", violations);
  }

  /**
   * Violations found before sending something other than a generation request.
   *
   * @param subject what was refused, for the message: {@code "upload"}, {@code "usage query"}
   * @param violations every problem found; at least one
   * @throws IllegalArgumentException when the list is empty
   */
  public InvalidRequestException(String subject, List<Violation> violations) {
    super(describe(subject, violations), ErrorDetails.NONE, null);
    this.violations = List.copyOf(violations);
  }

  /** Every problem found before sending; never empty. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(String subject, List<Violation> violations) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(violations, "violations");
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid request has at least one violation");
    }
    return "Invalid "
        + subject
        + " ("
        + violations.size()
        + (violations.size() == 1 ? " problem" : " problems")
        + "), nothing was sent:"
        + violations.stream().map(v -> "\n - " + v).collect(Collectors.joining());
  }
}
