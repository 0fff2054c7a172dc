package dev.apimart.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicLong machine = new AtomicLong(1_000_000);

  @Test
  void virtualTimeMovesOnlyWhenAdvanced() {
    FakeClock clock = new FakeClock(ORIGIN, 0, machine::get);

    machine.addAndGet(Duration.ofHours(1).toNanos());
    assertThat(clock.now()).isEqualTo(ORIGIN);
    clock.advance(Duration.ofSeconds(90));

    assertThat(clock.now()).isEqualTo(ORIGIN.plusSeconds(90));
    assertThat(clock.isVirtual()).isTrue();
  }

  @Test
  void realTimeFollowsTheMachineTimesTheSpeedPlusAdvances() {
    FakeClock clock = new FakeClock(ORIGIN, 10, machine::get);

    machine.addAndGet(Duration.ofSeconds(2).toNanos());
    clock.advance(Duration.ofSeconds(5));

    assertThat(clock.now()).isEqualTo(ORIGIN.plusSeconds(25));
    assertThat(clock.asClock().instant()).isEqualTo(ORIGIN.plusSeconds(25));
  }

  @Test
  void hugeAdvancesSaturateInsteadOfOverflowing() {
    FakeClock clock = new FakeClock(ORIGIN, 0, machine::get);

    clock.advance(Duration.ofSeconds(Long.MAX_VALUE / 2));
    clock.advance(Duration.ofSeconds(Long.MAX_VALUE / 2));

    assertThat(clock.nanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void refusesNegativeAdvancesAndSpeeds() {
    FakeClock clock = new FakeClock(ORIGIN, 0, machine::get);

    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
        .hasMessage("time only moves forward: PT-0.001S");
    assertThatThrownBy(() -> new FakeClock(ORIGIN, -1, machine::get))
        .hasMessage("speed must be 0 (virtual) or positive, got -1.0");
  }
}
