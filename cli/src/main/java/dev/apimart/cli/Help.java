package dev.apimart.cli;

import java.util.Optional;

/** The text {@code --help} prints, built from the same option specs the parser uses. */
final class Help {

  private static final String GENERATE_NOTES =
      """

      --model takes any name: a model in the catalog ('apimart models') is checked against what
      it documents; another name is sent as given, with only the checks every request shares.
      --param NAME=VALUE sets a typed option (quality, background, moderation, output_format,
      output_compression, seed, watermark, nsfw_check, official_fallback, google_search,
      mask_url) or any other body field. VALUE is JSON when it parses, else text:
        --param style=vivid   --param 'options={"hdr":true}'   --param quality=high
      (a typed option the chosen model does not document is refused: see 'apimart models MODEL')
      Examples:
        apimart generate --model qwen-image-2.0 --size 16:9 --resolution 2K --n 2 "A cat"
        apimart generate --model gpt-image-2 --size 21:9 --resolution 4K "A skyline at dusk"
      """;

  private Help() {}

  static String text(String command) {
    Optional<CommandSpec> spec = ArgsParser.command(command);
    StringBuilder sb = new StringBuilder();
    if (spec.isEmpty()) {
      sb.append("Usage: apimart COMMAND [options]\n\n");
      sb.append("Generate images with any ApiMart image model ('apimart models' lists them).\n");
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
      if (c.name().equals("generate")) {
        sb.append(GENERATE_NOTES);
      }
    }
    sb.append("\nGlobal options (before or after the command):\n");
    ArgsParser.GLOBAL.forEach(o -> sb.append(String.format("  %-34s %s%n", o.usage(), o.help())));
    sb.append(
        "\nExit codes: 0 ok, 2 invalid input, 3 authentication/balance/permission, 4 task failed,\n"
            + "5 timed out, 6 submission outcome unknown, 1 anything else.\n");
    return sb.toString();
  }
}
