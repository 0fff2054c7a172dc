package dev.apimart.cli.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * The batch's default pace: submissions are spaced {@code 1/rate} apart and the rate adapts, AIMD
 * style, to what the service says.
 *
 * <ul>
 *   <li><b>Start</b>: {@value #INITIAL_RATE} submissions per second, doubling about every second
 *       while every answer is clean (slow start).
 *   <li><b>Refused</b> (429, 503, unreachable): nothing starts before the service's {@code
 *       Retry-After} (or one interval when it gave none); the rate is cut — halved when leaving
 *       slow start, else multiplied by {@value #DECREASE} — and never above what the service
 *       actually accepted over the last {@link #WINDOW} when that is known. Refusals of submissions
 *       that started before the last cut do not cut again: they answer for the old rate.
 *   <li><b>Clean answers</b> add {@value #PROBE_GAIN} per accepted submission (about 5% more per
 *       second), probing for room; only submissions that waited for their turn count, so a batch
 *       held back by something else (too few lines left, the in-flight cap) does not inflate the
 *       rate it never used.
 * </ul>
 *
 * <p>Rate, not concurrency, is what adapts: a task runs for seconds to minutes on the service while
 * a rate limit counts submissions, so the number of lines in flight is only a loose proxy (Little's
 * law: in flight = rate × task time); it is bounded by {@link #maxInFlight} to cap polling. A
 * service that limits running tasks instead answers 429 the same way, and a lower rate means fewer
 * running tasks. Pure logic on the times it is given; used from one thread.
 */
final class AdaptiveRate implements SubmitGate {

  static final double INITIAL_RATE = 4.0;
  static final double MIN_RATE = 0.05;
  static final double MAX_RATE = 1000.0;
  static final double SLOW_START_GAIN = 0.7;
  static final double PROBE_GAIN = 0.05;
  static final double DECREASE = 0.9;
  static final Duration WINDOW = Duration.ofSeconds(2);
  static final int MIN_SAMPLES = 5;

  private final int maxInFlight;
  private double rate = INITIAL_RATE;
  private boolean slowStart = true;
  private Instant nextAllowed = Instant.MIN;
  private Instant pausedUntil = Instant.MIN;
  private Instant lastCut = Instant.MIN;
  private final Deque<Instant> acceptedTimes = new ArrayDeque<>();
  private long accepted;
  private long refused;

  AdaptiveRate(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  /** Submissions per second now. */
  double rate() {
    return rate;
  }

  /** Whether it is still in slow start (no refusal seen yet). */
  boolean inSlowStart() {
    return slowStart;
  }

  /** The cap on lines in flight. */
  int maxInFlight() {
    return maxInFlight;
  }

  @Override
  public Optional<Instant> nextStart(Instant now, int inFlight) {
    if (inFlight >= maxInFlight) {
      return Optional.empty();
    }
    Instant at = now;
    if (nextAllowed.isAfter(at)) {
      at = nextAllowed;
    }
    if (pausedUntil.isAfter(at)) {
      at = pausedUntil;
    }
    return Optional.of(at);
  }

  @Override
  public Ticket started(Instant now) {
    Duration interval = interval();
    // Waited for its turn, or came at most one interval late: the pace, not idleness, set it.
    boolean paced = !now.isAfter(nextAllowed.plus(interval));
    // Paced starts keep to the schedule (a late wake-up does not lower the rate); others restart
    // it.
    nextAllowed = (paced ? nextAllowed : now).plus(interval);
    return new Ticket(now, paced);
  }

  @Override
  public void accepted(Instant now, Ticket ticket) {
    accepted++;
    acceptedTimes.addLast(now);
    trim(now);
    if (!ticket.paced() || ticket.startedAt().isBefore(lastCut)) {
      return;
    }
    rate = Math.min(MAX_RATE, rate + (slowStart ? SLOW_START_GAIN : PROBE_GAIN));
  }

  @Override
  public void refused(Instant now, Ticket ticket, Optional<Duration> retryAfter) {
    refused++;
    trim(now);
    if (!ticket.startedAt().isBefore(lastCut)) {
      double cut = slowStart ? rate * 0.5 : rate * DECREASE;
      if (acceptedTimes.size() >= MIN_SAMPLES) {
        double seen = acceptedTimes.size() / (WINDOW.toNanos() / 1e9);
        cut = Math.min(cut, seen * DECREASE);
      }
      rate = Math.max(MIN_RATE, cut);
      slowStart = false;
      lastCut = now;
    }
    Duration pause = retryAfter.filter(d -> !d.isNegative()).orElse(interval());
    Instant until = now.plus(pause);
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
    if (pausedUntil.isAfter(nextAllowed)) {
      nextAllowed = pausedUntil;
    }
  }

  @Override
  public Duration lineDelay(int refusals, Optional<Duration> retryAfter) {
    return Duration.ZERO;
  }

  private void trim(Instant now) {
    Instant from = now.minus(WINDOW);
    while (!acceptedTimes.isEmpty() && acceptedTimes.peekFirst().isBefore(from)) {
      acceptedTimes.removeFirst();
    }
  }

  private Duration interval() {
    return Duration.ofNanos((long) (1e9 / rate));
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%.1f/s", rate);
  }

  @Override
  public String toString() {
    return "AdaptiveRate[rate="
        + describe()
        + (slowStart ? ", slow start" : "")
        + ", accepted="
        + accepted
        + ", refused="
        + refused
        + "]";
  }
}
