package dev.apimart.cli;

import java.util.Optional;

/** The text {@code --help} prints, built from the same option specs the parser uses. */
final class Help {

  private Help() {}

  static String text(String command) {
    Optional<CommandSpec> spec = ArgsParser.command(command);
    StringBuilder sb = new StringBuilder();
    if (spec.isEmpty()) {
      sb.append("Usage: apimart COMMAND [options]\n\n");
      sb.append(
          "Generate images with ApiMart (z-image-turbo, qwen-image-2.0, qwen-image-2.0-pro).\n");
      sb.append("Without an API key, 'generate' uses an embedded fake server.\n\nCommands:\n");
      for (CommandSpec c : ArgsParser.COMMANDS) {
        sb.append(String.format("  %-9s %s%n", c.name(), c.help()));
      }
    } else {
      CommandSpec c = spec.get();
      sb.append("Usage: apimart ")
          .append(c.name())
          .append(c.positional().isEmpty() ? "" : " " + c.positional())
          .append(" [options]\n\n")
          .append(c.help())
          .append("\n\nOptions:\n");
      c.options().forEach(o -> sb.append(String.format("  %-34s %s%n", o.usage(), o.help())));
    }
    sb.append("\nGlobal options (before or after the command):\n");
    ArgsParser.GLOBAL.forEach(o -> sb.append(String.format("  %-34s %s%n", o.usage(), o.help())));
    sb.append(
        "\nExit codes: 0 ok, 2 invalid input, 3 authentication/balance/permission, 4 task failed,\n"
            + "5 timed out, 6 submission outcome unknown, 1 anything else.\n");
    return sb.toString();
  }
}
