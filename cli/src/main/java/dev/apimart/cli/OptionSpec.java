package dev.apimart.cli;

import java.util.List;

/**
 * One command-line option.
 *
 * @param name long name without dashes, e.g. {@code model}
 * @param shortName single-letter alias without dash, or empty
 * @param valueName placeholder shown in help, or empty for a flag
 * @param repeatable whether it may be given more than once
 * @param choices allowed values, or empty for free text
 * @param help one line of help
 */
record OptionSpec(
    String name,
    String shortName,
    String valueName,
    boolean repeatable,
    List<String> choices,
    String help) {

  static OptionSpec flag(String name, String help) {
    return new OptionSpec(name, "", "", false, List.of(), help);
  }

  static OptionSpec value(String name, String valueName, String help) {
    return new OptionSpec(name, "", valueName, false, List.of(), help);
  }

  static OptionSpec choice(String name, List<String> choices, String help) {
    return new OptionSpec(name, "", "VALUE", false, List.copyOf(choices), help);
  }

  OptionSpec asRepeatable() {
    return new OptionSpec(name, shortName, valueName, true, choices, help);
  }

  OptionSpec withShort(String alias) {
    return new OptionSpec(name, alias, valueName, repeatable, choices, help);
  }

  boolean takesValue() {
    return !valueName.isEmpty();
  }

  String usage() {
    String names = (shortName.isEmpty() ? "" : "-" + shortName + ", ") + "--" + name;
    String value =
        !takesValue() ? "" : " " + (choices.isEmpty() ? valueName : String.join("|", choices));
    return names + value;
  }
}
