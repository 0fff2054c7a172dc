package dev.apimart.cli.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides when the batch may start its next submission, and learns from how submissions were
 * answered. It only ever delays or allows a first attempt: it never repeats a submission itself —
 * the batch sends a line again only when the service refused it before doing any work (429, 503,
 * connection refused), so adapting can never create a second task. Used from one thread.
 */
interface SubmitGate {

  /**
   * When the next submission may start.
   *
   * @param now the current time
   * @param inFlight lines submitted or being submitted and not yet finished
   * @return the instant (at or after {@code now}), or empty when it must wait for a line to finish
   */
  Optional<Instant> nextStart(Instant now, int inFlight);

  /**
   * A submission starts now (at or after {@link #nextStart}).
   *
   * @return what to hand back with its answer
   */
  Ticket started(Instant now);

  /** The service accepted the submission (a task exists). */
  void accepted(Instant now, Ticket ticket);

  /**
   * The service refused the submission before any work: rate limited (429), overloaded (503) or
   * unreachable.
   *
   * @param retryAfter the service's {@code Retry-After}, when it sent one
   */
  void refused(Instant now, Ticket ticket, Optional<Duration> retryAfter);

  /**
   * How long a line the service refused waits before it is tried again, on top of {@link
   * #nextStart}; zero when the gate itself already holds every submission back.
   */
  Duration lineDelay(int refusals, Optional<Duration> retryAfter);

  /** A short description for the progress line and the report, e.g. {@code 9.6/s}. */
  String describe();

  /** One submission as the gate saw it start. */
  record Ticket(Instant startedAt, boolean paced) {}
}
