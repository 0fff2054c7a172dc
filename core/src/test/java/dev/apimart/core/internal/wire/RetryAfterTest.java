package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private final WireCodec codec = Fixtures.codec(); // clock fixed at 2025-01-14T00:00:00Z

  private static Map<String, List<String>> header(String name, String... values) {
    return Map.of(name, Arrays.asList(values));
  }

  @Test
  void readsDeltaSeconds() {
    assertThat(codec.retryAfter(header("Retry-After", "120"))).hasValue(Duration.ofSeconds(120));
  }

  @Test
  void readsZeroSeconds() {
    assertThat(codec.retryAfter(header("Retry-After", "0"))).hasValue(Duration.ZERO);
  }

  @Test
  void toleratesDecimalSecondsAndBlanks() {
    assertThat(codec.retryAfter(header("Retry-After", " 1.5 "))).hasValue(Duration.ofMillis(1500));
  }

  @ParameterizedTest
  @ValueSource(strings = {"retry-after", "RETRY-AFTER", "Retry-After", "rEtRy-AfTeR"})
  void matchesTheHeaderNameInAnyCase(String name) {
    assertThat(codec.retryAfter(header(name, "3"))).hasValue(Duration.ofSeconds(3));
  }

  @Test
  void readsAnHttpDateRelativeToTheClock() {
    assertThat(codec.retryAfter(header("Retry-After", "Tue, 14 Jan 2025 00:01:30 GMT")))
        .hasValue(Duration.ofSeconds(90));
  }

  @Test
  void readsADateInThePastAsNoWait() {
    assertThat(codec.retryAfter(header("Retry-After", "Mon, 13 Jan 2025 23:00:00 GMT")))
        .hasValue(Duration.ZERO);
  }

  @Test
  void doesNotClampALongWait() {
    assertThat(codec.retryAfter(header("Retry-After", "86400"))).hasValue(Duration.ofDays(1));
  }

  @Test
  void saturatesANumberBeyondDurationsRange() {
    assertThat(codec.retryAfter(header("Retry-After", "99999999999999999999999")))
        .hasValue(Duration.ofSeconds(Long.MAX_VALUE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "soon",
        "-5",
        "+5",
        "1e3",
        "0x10",
        "5 seconds",
        "Tue, 32 Jan 2025 00:00:00 GMT",
        "2025-01-14T00:01:00Z",
        "NaN",
        "Infinity",
        "1.2.3"
      })
  void ignoresGarbage(String value) {
    assertThat(codec.retryAfter(header("Retry-After", value))).isEmpty();
  }

  @Test
  void isEmptyWithoutTheHeader() {
    assertThat(codec.retryAfter(Map.of())).isEmpty();
    assertThat(codec.retryAfter(header("Content-Type", "application/json"))).isEmpty();
  }

  @Test
  void skipsNullAndBlankValuesAndNullNames() {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put(null, List.of("HTTP/1.1 429"));
    headers.put("Retry-After", Arrays.asList(null, " ", "4"));

    assertThat(codec.retryAfter(headers)).hasValue(Duration.ofSeconds(4));
  }
}
