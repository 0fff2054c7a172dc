package dev.apimart.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line after parsing: the command, its options and positional words, and every problem
 * found (the command runs only when there is none).
 */
record ParsedArgs(
    String command,
    Map<String, List<String>> options,
    List<String> positionals,
    List<String> problems) {

  ParsedArgs {
    options = Map.copyOf(options);
    positionals = List.copyOf(positionals);
    problems = List.copyOf(problems);
  }

  boolean has(String option) {
    return options.containsKey(option);
  }

  Optional<String> value(String option) {
    List<String> values = options.get(option);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  List<String> values(String option) {
    return options.getOrDefault(option, List.of());
  }
}
