package dev.apimart.cli.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code --concurrency N}: up to N lines in flight, each submitted as soon as a place is free. A
 * refusal delays only the line it hit, by the service's {@code Retry-After} or else by a backoff
 * that doubles from one second up to a minute; nothing else slows down. The baseline the adaptive
 * pace is measured against.
 */
final class FixedConcurrency implements SubmitGate {

  private final int concurrency;

  FixedConcurrency(int concurrency) {
    this.concurrency = concurrency;
  }

  @Override
  public Optional<Instant> nextStart(Instant now, int inFlight) {
    return inFlight < concurrency ? Optional.of(now) : Optional.empty();
  }

  @Override
  public Ticket started(Instant now) {
    return new Ticket(now, false);
  }

  @Override
  public void accepted(Instant now, Ticket ticket) {}

  @Override
  public void refused(Instant now, Ticket ticket, Optional<Duration> retryAfter) {}

  @Override
  public Duration lineDelay(int refusals, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent() && !retryAfter.get().isNegative()) {
      return retryAfter.get();
    }
    int exponent = Math.min(Math.max(refusals - 1, 0), 6);
    return Duration.ofSeconds(Math.min(60, 1L << exponent));
  }

  @Override
  public String describe() {
    return concurrency + " at a time";
  }
}
