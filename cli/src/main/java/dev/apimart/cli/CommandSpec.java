package dev.apimart.cli;

import java.util.List;

/**
 * A subcommand: its name, positional argument, options and one line of help.
 *
 * @param name the subcommand, e.g. {@code generate}
 * @param positional placeholder of the positional argument, or empty when it takes none; in
 *     brackets (e.g. {@code [MODEL]}) when it may be left out
 * @param options options specific to this command (global ones are added by the parser)
 * @param help what it does
 */
record CommandSpec(String name, String positional, List<OptionSpec> options, String help) {
  CommandSpec {
    options = List.copyOf(options);
  }
}
