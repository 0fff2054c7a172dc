package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.error.UsageUnavailableException;
import dev.apimart.core.model.Usage;
import dev.apimart.core.model.UsageQuery;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apimart usage}: what was spent over a period of at most 31 days, as the service reports
 * it. The period is checked here before anything is sent. An unavailable report is a failure (exit
 * 1) said as such, never shown as zero spend; an absent figure is shown as unknown, not as 0.
 */
@Command(
    name = "usage",
    description = "show what was spent over a period (free, creates nothing)",
    footer = {
      "",
      "The period is --from DATE to --to DATE (YYYY-MM-DD, both included, at most 31 days);",
      "without them, the last 30 days up to today (today in --tz, else this machine's zone).",
      "--group-by day or model (or another grouping the service knows) lists one line per group.",
      "A figure the service did not report is shown as '-': unknown, not zero. When the service",
      "cannot report usage right now, the command says so and exits with 1: that is not zero",
      "spend. Answers may come from the service's 60-second cache (then marked 'cached').",
      "",
      "Examples:",
      "  apimart usage",
      "  apimart usage --from 2026-11-01 --to 2026-11-30 --group-by model",
      "  apimart usage --model gpt-image-2 --group-by day --json"
    })
final class UsageCommand extends CliCommand {

  /** The period without --from and --to, in days up to and including today. */
  static final int DEFAULT_DAYS = 30;

  @Option(names = "--from", paramLabel = "DATE", description = "first day (YYYY-MM-DD), included")
  @Nullable String from;

  @Option(names = "--to", paramLabel = "DATE", description = "last day (YYYY-MM-DD), included")
  @Nullable String to;

  @Option(names = "--model", paramLabel = "MODEL", description = "only this model")
  @Nullable String model;

  @Option(
      names = "--group-by",
      paramLabel = "KEY",
      description = "one line per day or per model (day, model)")
  @Nullable String groupBy;

  @Option(
      names = "--tz",
      paramLabel = "ZONE",
      description = "time zone of the days, e.g. Europe/Berlin (default: the service's)")
  @Nullable String tz;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description = "key (this API key) or account (the whole account)")
  @Nullable String scope;

  @Option(names = "--json", description = "print one machine-readable JSON result")
  boolean json;

  private @Nullable UsageQuery query;
  private ApimartCli.@Nullable Connection connection;

  @Override
  boolean json() {
    return json;
  }

  @Override
  void check(List<String> problems) {
    ZoneId zone = null;
    if (tz != null) {
      try {
        zone = ZoneId.of(tz.strip());
      } catch (DateTimeException e) {
        problems.add("--tz: '" + tz + "' is not a time zone (write e.g. UTC or Europe/Berlin)");
      }
    }
    LocalDate today =
        LocalDate.now(cli().clock.withZone(zone != null ? zone : cli().clock.getZone()));
    LocalDate first = date("--from", from, problems);
    LocalDate last = date("--to", to, problems);
    if (from == null && to == null) {
      first = today.minusDays(DEFAULT_DAYS - 1L);
      last = today;
    } else if (to == null && first != null) {
      last = today.isBefore(first) ? first : today;
    } else if (from == null && last != null) {
      first = last.minusDays(DEFAULT_DAYS - 1L);
    }
    if (first != null && last != null) {
      long days = ChronoUnit.DAYS.between(first, last) + 1;
      if (last.isBefore(first)) {
        problems.add("--to " + last + " is before --from " + first + "; the period runs forwards");
      } else if (days > UsageQuery.MAX_DAYS) {
        problems.add(
            "the period "
                + first
                + " to "
                + last
                + " is "
                + days
                + " days; the service reports at most "
                + UsageQuery.MAX_DAYS
                + " days at once (both days included) — split it into several runs");
      }
    }
    UsageQuery.Scope chosenScope = null;
    if (scope != null) {
      String s = scope.strip().toLowerCase(Locale.ROOT);
      for (UsageQuery.Scope candidate : UsageQuery.Scope.values()) {
        if (candidate.wireValue().equals(s)) {
          chosenScope = candidate;
        }
      }
      if (chosenScope == null) {
        problems.add("--scope: '" + scope + "' is neither key nor account");
      }
    }
    if (groupBy != null && groupBy.isBlank()) {
      problems.add("--group-by: give day or model");
    }
    if (model != null && model.isBlank()) {
      problems.add("--model: the model name is empty");
    }
    connection = cli().connection(this, problems, false);
    if (problems.isEmpty() && first != null && last != null) {
      query =
          UsageQuery.builder()
              .from(first)
              .to(last)
              .model(model == null ? null : model.strip())
              .groupBy(groupBy == null ? null : groupBy.strip())
              .timeZone(zone)
              .scope(chosenScope)
              .build();
    }
  }

  private static @Nullable LocalDate date(
      String flag, @Nullable String text, List<String> problems) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add(flag + ": '" + text + "' is not a date; write YYYY-MM-DD, e.g. 2026-11-01");
      return null;
    }
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    Usage usage;
    try (ApiMartClient client = cli.client(this, connection, null, null)) {
      usage = client.usage(query);
    } catch (UsageUnavailableException e) {
      ApimartCli.Failure f =
          new ApimartCli.Failure(
                  "usage_unavailable",
                  ExitCode.OTHER,
                  "usage is not available right now — this does not mean nothing was spent")
              .cause(e, global().verbose);
      e.retryAfter()
          .ifPresent(
              after -> f.hint("The service asks to wait " + Durations.words(after) + " first."));
      f.hint("Try again later; 'apimart balance' shows what is left meanwhile.");
      return cli.fail(this, f);
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("task_id", null);
      out.put("from", query.from().toString());
      out.put("to", query.to().toString());
      out.put("model", query.model().orElse(null));
      out.put("group_by", query.groupBy().orElse(null));
      out.put("currency", usage.currency().orElse(null));
      out.put("cached", usage.cached());
      out.put("total", groupJson(usage.total()));
      List<Map<String, Object>> groups = new ArrayList<>();
      usage.groups().forEach(g -> groups.add(groupJson(g)));
      out.put("groups", groups);
      cli.printJson(out);
      return ExitCode.OK.code();
    }
    String currency = usage.currency().orElse("USD");
    cli.out.println(
        "usage "
            + query.from()
            + " to "
            + query.to()
            + query.model().map(m -> ", model " + m).orElse("")
            + (usage.cached() ? " (cached: the last minute may be missing)" : ""));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "cost (" + currency + ")", "credits", "tasks", "images"});
    for (Usage.Group g : usage.groups()) {
      rows.add(row(String.join(" ", g.keys().values()), g));
    }
    rows.add(row("total", usage.total()));
    int[] width = new int[5];
    for (String[] r : rows) {
      for (int i = 0; i < 5; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(pad(r[0], width[0], false));
      for (int i = 1; i < 5; i++) {
        line.append("  ").append(pad(r[i], width[i], true));
      }
      cli.out.println(line.toString().stripTrailing());
    }
    return ExitCode.OK.code();
  }

  private static String[] row(String label, Usage.Group g) {
    return new String[] {
      label, figure(g.cost()), figure(g.credits()), count(g.tasks()), count(g.images())
    };
  }

  private static String figure(Optional<BigDecimal> value) {
    return value.map(BigDecimal::toPlainString).orElse("-");
  }

  private static String count(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }

  private static Map<String, Object> groupJson(Usage.Group g) {
    Map<String, Object> json = new LinkedHashMap<>(g.keys());
    json.put("cost", g.cost().orElse(null));
    json.put("credits", g.credits().orElse(null));
    json.put("tasks", g.tasks().isPresent() ? g.tasks().getAsLong() : null);
    json.put("images", g.images().isPresent() ? g.images().getAsLong() : null);
    return json;
  }
}
