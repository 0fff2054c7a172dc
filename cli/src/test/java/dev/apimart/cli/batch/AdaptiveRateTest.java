package dev.apimart.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The adaptive pace on a fake timeline: every instant is given, nothing waits. */
class AdaptiveRateTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final AdaptiveRate gate = new AdaptiveRate(256);

  private static Instant at(double seconds) {
    return T0.plusNanos((long) (seconds * 1e9));
  }

  /** Starts submissions whenever the gate allows, each accepted at once, until {@code end}. */
  private Instant acceptAll(Instant from, Instant end) {
    Instant now = from;
    while (true) {
      Instant next = gate.nextStart(now, 0).orElseThrow();
      if (next.isAfter(end)) {
        return now;
      }
      now = next;
      gate.accepted(now, gate.started(now));
    }
  }

  @Test
  void startsGentlyAndSpacesSubmissionsByTheRate() {
    Instant first = gate.nextStart(T0, 0).orElseThrow();
    assertThat(first).isEqualTo(T0);
    gate.started(T0);

    assertThat(gate.nextStart(T0, 1)).hasValue(at(1 / AdaptiveRate.INITIAL_RATE));
  }

  @Test
  void cleanAnswersGrowTheRateFastInSlowStart() {
    acceptAll(T0, at(3));

    assertThat(gate.inSlowStart()).isTrue();
    assertThat(gate.rate()).isGreaterThan(4 * AdaptiveRate.INITIAL_RATE);
  }

  @Test
  void aRefusalCutsTheRateAndNothingStartsBeforeRetryAfter() {
    Instant now = acceptAll(T0, at(3));
    double before = gate.rate();
    SubmitGate.Ticket ticket = gate.started(now);

    gate.refused(now, ticket, Optional.of(Duration.ofSeconds(2)));

    assertThat(gate.rate()).isLessThanOrEqualTo(before * 0.5);
    assertThat(gate.inSlowStart()).isFalse();
    assertThat(gate.nextStart(now, 0)).hasValue(now.plusSeconds(2));
    assertThat(gate.nextStart(now.plusSeconds(1), 0)).hasValue(now.plusSeconds(2));
  }

  @Test
  void refusalsOfSubmissionsStartedBeforeTheCutDoNotCutAgain() {
    Instant now = acceptAll(T0, at(3));
    SubmitGate.Ticket a = gate.started(now);
    SubmitGate.Ticket b = gate.started(now);
    gate.refused(now.plusMillis(10), a, Optional.empty());
    double afterFirst = gate.rate();

    gate.refused(now.plusMillis(20), b, Optional.empty());

    assertThat(gate.rate()).isEqualTo(afterFirst);
  }

  @Test
  void theRateGrowsBackSlowlyAfterACut() {
    Instant now = acceptAll(T0, at(3));
    gate.refused(now, gate.started(now), Optional.of(Duration.ofSeconds(1)));
    double cut = gate.rate();

    Instant later = acceptAll(now, now.plusSeconds(10));

    assertThat(gate.rate()).isGreaterThan(cut);
    // About 5 % a second: well under what slow start would have done in 10 s.
    assertThat(gate.rate()).isLessThan(cut * 2);
    assertThat(later).isAfter(now.plusSeconds(9));
  }

  @Test
  void aBatchHeldBackByTheInFlightCapDoesNotInflateTheRate() {
    AdaptiveRate capped = new AdaptiveRate(1);
    Instant now = T0;
    for (int i = 0; i < 20; i++) {
      assertThat(capped.nextStart(now, 1)).isEmpty();
      now = now.plusSeconds(5);
      SubmitGate.Ticket ticket = capped.started(now);
      capped.accepted(now.plusMillis(1), ticket);
    }

    assertThat(capped.rate()).isEqualTo(AdaptiveRate.INITIAL_RATE);
  }

  /**
   * Against a token bucket of 10 a second (burst 10) answering 429 with {@code Retry-After: 1}, as
   * the fake does: over 100 s the pace gets at least 90 % of what the bucket allows, and no more
   * than 5 % of its submissions are refused.
   */
  @Test
  void againstATenPerSecondLimitItUsesMostOfTheRateWithFewRefusals() {
    double limit = 10;
    double tokens = 10;
    Instant last = T0;
    Instant now = T0;
    Instant end = at(100);
    int accepted = 0;
    int refused = 0;
    while (true) {
      now = gate.nextStart(now, 0).orElseThrow();
      if (now.isAfter(end)) {
        break;
      }
      double elapsed = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(10, tokens + elapsed * limit);
      last = now;
      SubmitGate.Ticket ticket = gate.started(now);
      Instant answered = now.plusMillis(2);
      if (tokens >= 1) {
        tokens -= 1;
        accepted++;
        gate.accepted(answered, ticket);
      } else {
        refused++;
        gate.refused(answered, ticket, Optional.of(Duration.ofSeconds(1)));
      }
    }

    assertThat(accepted).isGreaterThanOrEqualTo(900);
    assertThat(refused).isLessThanOrEqualTo((accepted + refused) / 20);
  }
}
