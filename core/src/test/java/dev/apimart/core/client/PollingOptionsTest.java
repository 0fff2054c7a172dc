package dev.apimart.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder checks the result, not each step: any consistent combination, in any order. */
class PollingOptionsTest {

  private static final Duration MS_10 = Duration.ofMillis(10);

  @Test
  void defaults() {
    PollingOptions o = PollingOptions.defaults();
    assertThat(o.initialDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.minInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.maxInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(o.maxFailedPolls()).isEqualTo(5);
    assertThat(PollingOptions.builder().build()).isEqualTo(o);
  }

  @Test
  void aMaxIntervalBelowTheDefaultMinLowersTheMin() {
    PollingOptions o =
        PollingOptions.builder().initialDelay(Duration.ZERO).maxInterval(MS_10).build();
    assertThat(o.initialDelay()).isZero();
    assertThat(o.minInterval()).isEqualTo(MS_10);
    assertThat(o.maxInterval()).isEqualTo(MS_10);
  }

  @Test
  void aMinIntervalAboveTheDefaultMaxRaisesTheMax() {
    PollingOptions o = PollingOptions.builder().minInterval(Duration.ofSeconds(30)).build();
    assertThat(o.minInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.maxInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theOrderOfTheSettersDoesNotMatter() {
    PollingOptions minFirst =
        PollingOptions.builder().minInterval(Duration.ofMillis(1)).maxInterval(MS_10).build();
    PollingOptions maxFirst =
        PollingOptions.builder().maxInterval(MS_10).minInterval(Duration.ofMillis(1)).build();
    assertThat(minFirst).isEqualTo(maxFirst);
    assertThat(minFirst.minInterval()).isEqualTo(Duration.ofMillis(1));
    assertThat(minFirst.maxInterval()).isEqualTo(MS_10);

    // A step that is out of order on its own is fine when the end result is consistent.
    PollingOptions o =
        PollingOptions.builder()
            .minInterval(Duration.ofSeconds(20))
            .maxInterval(Duration.ofSeconds(5))
            .minInterval(Duration.ofSeconds(2))
            .build();
    assertThat(o.minInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.maxInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void validSettingsAreKeptAsGiven() {
    PollingOptions o =
        PollingOptions.builder()
            .initialDelay(Duration.ofMillis(500))
            .minInterval(Duration.ofSeconds(2))
            .maxInterval(Duration.ofSeconds(20))
            .timeout(Duration.ofMinutes(3))
            .maxFailedPolls(2)
            .build();
    assertThat(o.initialDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.minInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.maxInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(o.maxFailedPolls()).isEqualTo(2);
    assertThat(PollingOptions.builder().minInterval(MS_10).maxInterval(MS_10).build().minInterval())
        .isEqualTo(MS_10);
  }

  @Test
  void anExplicitMinAboveAnExplicitMaxNamesBothValues() {
    PollingOptions.Builder b =
        PollingOptions.builder().minInterval(Duration.ofSeconds(1)).maxInterval(MS_10);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("min interval 1s must not exceed max interval 10ms");
    assertThatThrownBy(
            () ->
                PollingOptions.builder()
                    .maxInterval(Duration.ofMillis(1500))
                    .minInterval(Duration.ofMinutes(2))
                    .build())
        .hasMessageStartingWith("min interval 2min must not exceed max interval 1.5s");
  }

  @Test
  void toBuilderKeepsWhichIntervalsWereSet() {
    PollingOptions fast = PollingOptions.builder().maxInterval(MS_10).build();
    assertThat(fast.toBuilder().build()).isEqualTo(fast);
    // the min was never chosen: it follows a new max back up to its default
    PollingOptions slower = fast.toBuilder().maxInterval(Duration.ofSeconds(5)).build();
    assertThat(slower.minInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(slower.maxInterval()).isEqualTo(Duration.ofSeconds(5));
    // a chosen min stays chosen
    PollingOptions chosen = PollingOptions.builder().minInterval(Duration.ofSeconds(1)).build();
    assertThatThrownBy(() -> chosen.toBuilder().maxInterval(MS_10).build())
        .hasMessageStartingWith("min interval 1s must not exceed max interval 10ms");
    assertThat(PollingOptions.defaults().toBuilder().maxInterval(MS_10).build().minInterval())
        .isEqualTo(MS_10);
  }

  @Test
  void eachValueIsStillCheckedOnItsOwn() {
    assertThatThrownBy(() -> PollingOptions.builder().minInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minInterval");
    assertThatThrownBy(() -> PollingOptions.builder().initialDelay(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollingOptions.builder().maxFailedPolls(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plainDurations() {
    assertThat(PollingOptions.Builder.plain(Duration.ofMillis(10))).isEqualTo("10ms");
    assertThat(PollingOptions.Builder.plain(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(PollingOptions.Builder.plain(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(PollingOptions.Builder.plain(Duration.ofMinutes(10))).isEqualTo("10min");
    assertThat(PollingOptions.Builder.plain(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
  }
}
