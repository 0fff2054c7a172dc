package dev.apimart.core.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apimart.core.error.ServerException;
import dev.apimart.core.error.UnexpectedResponseException;
import dev.apimart.core.error.UsageUnavailableException;
import dev.apimart.core.model.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage answers, read leniently: their shape is known only from third-party notes (ADR 0016). */
class UsageDecodingTest {

  private final WireCodec codec = WireCodec.create(Clock.systemUTC());

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTotalsAndGroupsWithTheirKeys() {
    Usage usage =
        codec.decodeUsage(
            200,
            Map.of("X-Usage-Cache", List.of("HIT")),
            utf8(
                "{\"currency\":\"USD\",\"total\":{\"cost\":1.25,\"credits_cost\":12.5,"
                    + "\"tasks\":3,\"images\":4},\"data\":[{\"date\":\"2026-11-02\","
                    + "\"model\":\"gpt-image-2\",\"cost\":0.5,\"tasks\":1}]}"));

    assertThat(usage.totalCost()).hasValue(new BigDecimal("1.25"));
    assertThat(usage.total().credits()).hasValue(new BigDecimal("12.5"));
    assertThat(usage.total().tasks()).hasValue(3);
    assertThat(usage.total().images()).hasValue(4);
    assertThat(usage.currency()).hasValue("USD");
    assertThat(usage.cached()).isTrue();
    Usage.Group day = usage.groups().get(0);
    assertThat(day.keys())
        .containsExactly(Map.entry("date", "2026-11-02"), Map.entry("model", "gpt-image-2"));
    assertThat(day.images()).isEmpty();
  }

  @Test
  void readsTopLevelTotalsInADataObject() {
    Usage usage =
        codec.decodeUsage(
            200, Map.of(), utf8("{\"code\":200,\"data\":{\"total_cost\":\"0\",\"count\":0}}"));

    assertThat(usage.totalCost()).hasValueSatisfying(c -> assertThat(c).isZero());
    assertThat(usage.total().tasks()).hasValue(0);
    assertThat(usage.groups()).isEmpty();
    assertThat(usage.cached()).isFalse();
  }

  @Test
  void anAnswerWithoutFiguresIsNotReadAsZero() {
    Throwable thrown = catchThrowable(() -> codec.decodeUsage(200, Map.of(), utf8("{\"ok\":1}")));

    assertThat(thrown).isInstanceOf(UnexpectedResponseException.class);
  }

  @Test
  void usageUnavailableSaysItIsNotZeroSpend() {
    Throwable thrown =
        catchThrowable(
            () ->
                codec.decodeUsage(
                    503,
                    Map.of("retry-after", List.of("5")),
                    utf8("{\"error\":{\"type\":\"usage_unavailable\",\"message\":\"busy\"}}")));

    assertThat(thrown)
        .isInstanceOf(UsageUnavailableException.class)
        .hasMessageContaining("does not mean nothing was spent");
    assertThat(((UsageUnavailableException) thrown).retryAfter()).isPresent();
  }

  @Test
  void anotherServiceUnavailableStaysAServerError() {
    assertThat(codec.errorFor(503, Map.of(), utf8("{\"error\":{\"message\":\"down\"}}")))
        .isInstanceOf(ServerException.class);
  }
}
