package dev.apimart.reliability.readme;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.UsageUnavailableException;
import dev.apimart.core.model.Usage;
import dev.apimart.core.model.UsageQuery;
import java.time.LocalDate;
import java.time.ZoneId;

/** The README's usage example, compiled by the build. */
final class UsageExample {

  private UsageExample() {}

  static void printSpend(ApiMartClient client) {
    UsageQuery query =
        UsageQuery.builder()
            .from(LocalDate.of(2026, 11, 1))
            .to(LocalDate.of(2026, 11, 30)) // at most 31 days, checked before sending
            .groupBy(UsageQuery.GROUP_BY_MODEL)
            .timeZone(ZoneId.of("Europe/Berlin"))
            .scope(UsageQuery.Scope.ACCOUNT)
            .build();
    try {
      Usage usage = client.usage(query);
      usage.groups().forEach(g -> System.out.println(g.key("model") + ": " + g.cost()));
    } catch (UsageUnavailableException e) {
      System.out.println("usage unknown right now (not zero): " + e.getMessage());
    }
  }
}
