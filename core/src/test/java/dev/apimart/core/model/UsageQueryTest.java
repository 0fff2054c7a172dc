package dev.apimart.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The usage query's days; the client checks the period's length before sending (UsageTest). */
class UsageQueryTest {

  private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);

  @Test
  void countsBothEnds() {
    UsageQuery q = UsageQuery.builder().from(NOV_1).to(LocalDate.of(2026, 12, 1)).build();

    assertThat(q.days()).isEqualTo(31);
  }

  @Test
  void needsBothDays() {
    Throwable missing = catchThrowable(() -> UsageQuery.builder().from(NOV_1).build());

    assertThat(missing).isInstanceOf(IllegalStateException.class).hasMessageContaining("to(");
  }

  @Test
  void lastDaysEndsToday() {
    UsageQuery q = UsageQuery.lastDays(7, NOV_1);

    assertThat(q.from()).isEqualTo(LocalDate.of(2026, 10, 26));
    assertThat(q.to()).isEqualTo(NOV_1);
  }
}
