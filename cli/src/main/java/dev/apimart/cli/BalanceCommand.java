package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.Balance;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apimart balance}: the key's (or with {@code --user} the account's) balance, free. */
@Command(name = "balance", description = "show the API key's balance (free, creates nothing)")
final class BalanceCommand extends CliCommand {

  @Option(names = "--json", description = "print one machine-readable JSON result")
  boolean json;

  @Option(
      names = "--user",
      description = "the whole account's balance (GET /v1/user/balance) instead of this key's")
  boolean user;

  private ApimartCli.Connection connection;

  @Override
  boolean json() {
    return json;
  }

  @Override
  void check(List<String> problems) {
    connection = cli().connection(this, problems, false);
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    Balance balance;
    try (ApiMartClient client = cli.client(this, connection, null, null)) {
      balance = user ? client.userBalance() : client.balance();
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("task_id", null);
      out.put("scope", user ? "user" : "key");
      out.put("remaining", balance.remaining().orElse(null));
      out.put("used", balance.used());
      out.put("unlimited", balance.unlimited());
      cli.printJson(out);
    } else {
      cli.out.println(
          "remaining "
              + balance.remaining().map(BigDecimal::toPlainString).orElse("unlimited")
              + (user ? "  (account)" : ""));
      cli.out.println("used      " + balance.used().toPlainString());
    }
    return ExitCode.OK.code();
  }
}
