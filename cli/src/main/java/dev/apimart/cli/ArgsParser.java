package dev.apimart.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Parses {@code apimart} command lines. Global options may stand before or after the subcommand
 * name (people type {@code apimart generate --api-key K "prompt"}); {@code --name value} and {@code
 * --name=value} both work; {@code --} ends options. Unlike most parsers it does not stop at the
 * first mistake: every unknown flag, missing value and bad choice is collected, so one run tells
 * the user everything to fix.
 */
final class ArgsParser {

  static final List<OptionSpec> GLOBAL =
      List.of(
          OptionSpec.value("api-key", "KEY", "API key (default: env APIMART_API_KEY)"),
          OptionSpec.value(
              "base-url", "URL", "service URL (default: env APIMART_BASE_URL or the real service)"),
          OptionSpec.choice("transport", List.of("jdk", "feign"), "HTTP transport to use"),
          OptionSpec.flag("verbose", "show debug details and stack traces").withShort("v"),
          OptionSpec.flag("help", "show help").withShort("h"));

  private static final OptionSpec OUT =
      OptionSpec.value("out", "DIR", "where to save images (default ./apimart-images)");
  private static final OptionSpec TIMEOUT =
      OptionSpec.value("timeout", "DURATION", "how long to wait, e.g. 90s, 5m (default 10m)");
  private static final OptionSpec NO_DOWNLOAD =
      OptionSpec.flag("no-download", "print image URLs instead of saving files");
  private static final OptionSpec JSON =
      OptionSpec.flag("json", "print one machine-readable JSON result");

  static final List<CommandSpec> COMMANDS =
      List.of(
          new CommandSpec(
              "generate",
              "PROMPT",
              List.of(
                  OptionSpec.value(
                          "model",
                          "MODEL",
                          "model id, default z-image-turbo (see 'apimart models')")
                      .withShort("m"),
                  OptionSpec.value(
                      "size",
                      "SIZE",
                      "ratio such as 16:9, auto, or pixels WxH, as the model takes"),
                  OptionSpec.value(
                      "resolution", "TIER", "resolution tier such as 1K, 2K, 4K (any case)"),
                  OptionSpec.value("n", "COUNT", "number of images, as the model allows"),
                  OptionSpec.value("negative-prompt", "TEXT", "what should not appear"),
                  OptionSpec.value(
                          "image-url",
                          "URL",
                          "reference image URL (data URI where taken), repeatable")
                      .asRepeatable(),
                  OptionSpec.flag("prompt-extend", "smart prompt rewriting (z-image-turbo)"),
                  OptionSpec.value("param", "NAME=VALUE", "any other request field, repeatable")
                      .asRepeatable(),
                  OUT,
                  TIMEOUT,
                  NO_DOWNLOAD,
                  JSON),
              "submit a generation, wait for it and save the images"),
          new CommandSpec("status", "TASK_ID", List.of(JSON), "show a task's current state"),
          new CommandSpec(
              "wait",
              "TASK_ID",
              List.of(OUT, TIMEOUT, NO_DOWNLOAD, JSON),
              "resume waiting for a task and save its images"),
          new CommandSpec("balance", "", List.of(JSON), "show the API key's balance (free)"),
          new CommandSpec(
              "fake",
              "",
              List.of(
                  OptionSpec.value("port", "PORT", "port to listen on (default: any free port)"),
                  OptionSpec.value("key", "KEY", "API key the fake accepts (default: generated)"),
                  OptionSpec.value("speed", "FACTOR", "time speed-up factor (default 1)"),
                  OptionSpec.choice(
                      "url-shape", List.of("string", "array"), "shape of result.images[].url")),
              "run the fake ApiMart server until stopped"),
          new CommandSpec(
              "models",
              "[MODEL]",
              List.of(OptionSpec.flag("json", "print the catalog as JSON, every fact")),
              "list the image models and what each accepts (offline)"));

  private ArgsParser() {}

  static Optional<CommandSpec> command(String name) {
    return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  static ParsedArgs parse(String[] args) {
    String command = findCommand(args);
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> options = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    List<OptionSpec> known = new ArrayList<>(GLOBAL);
    if (!command.isEmpty()) {
      Optional<CommandSpec> spec = command(command);
      if (spec.isPresent()) {
        known.addAll(spec.get().options());
      } else {
        problems.add(
            "unknown command '"
                + command
                + "': choose one of "
                + COMMANDS.stream().map(CommandSpec::name).collect(Collectors.joining(", ")));
      }
    }
    boolean optionsEnded = false;
    boolean commandSeen = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!optionsEnded && arg.equals("--")) {
        optionsEnded = true;
      } else if (!optionsEnded && arg.startsWith("-") && arg.length() > 1) {
        int eq = arg.indexOf('=');
        String name =
            arg.startsWith("--") ? arg.substring(2, eq < 0 ? arg.length() : eq) : arg.substring(1);
        String inlineValue = arg.startsWith("--") && eq >= 0 ? arg.substring(eq + 1) : null;
        Optional<OptionSpec> spec = find(known, name);
        if (spec.isEmpty()) {
          problems.add(unknownOption(arg, command, known));
          // An option of another command keeps its value out of the positional arguments.
          Optional<OptionSpec> elsewhere = find(allOptions(), name);
          if (inlineValue == null
              && elsewhere.isPresent()
              && elsewhere.get().takesValue()
              && i + 1 < args.length) {
            i++;
          }
          continue;
        }
        OptionSpec option = spec.get();
        String value = null;
        if (option.takesValue()) {
          if (inlineValue != null) {
            value = inlineValue;
          } else if (i + 1 < args.length && !isOptionLike(args[i + 1], known)) {
            value = args[++i];
          } else {
            problems.add("--" + option.name() + " needs a value (" + option.valueName() + ")");
            continue;
          }
          if (!option.choices().isEmpty() && !option.choices().contains(value)) {
            problems.add(
                "--"
                    + option.name()
                    + ": '"
                    + value
                    + "' is not one of "
                    + String.join(", ", option.choices()));
            continue;
          }
        } else if (inlineValue != null) {
          problems.add("--" + option.name() + " is a flag and takes no value");
          continue;
        }
        List<String> values = options.computeIfAbsent(option.name(), k -> new ArrayList<>());
        if (!values.isEmpty() && !option.repeatable()) {
          problems.add("--" + option.name() + " is given more than once");
          continue;
        }
        values.add(value == null ? "true" : value);
      } else if (!commandSeen && arg.equals(command)) {
        commandSeen = true;
      } else {
        positionals.add(arg);
      }
    }
    checkPositionals(command, positionals, options, problems);
    return new ParsedArgs(command, options, positionals, problems);
  }

  /**
   * The first word that is neither an option nor an option's value. Which options take a value is
   * judged over every command's options, since the command is not known yet.
   */
  private static List<OptionSpec> allOptions() {
    List<OptionSpec> all = new ArrayList<>(GLOBAL);
    COMMANDS.forEach(c -> all.addAll(c.options()));
    return all;
  }

  private static String findCommand(String[] args) {
    List<OptionSpec> all = allOptions();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return i + 1 < args.length ? args[i + 1] : "";
      }
      if (arg.startsWith("-") && arg.length() > 1) {
        String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        Optional<OptionSpec> spec = name.contains("=") ? Optional.empty() : find(all, name);
        if (spec.isPresent() && spec.get().takesValue()) {
          i++;
        }
        continue;
      }
      return arg;
    }
    return "";
  }

  private static void checkPositionals(
      String command,
      List<String> positionals,
      Map<String, List<String>> options,
      List<String> problems) {
    if (command.isEmpty()) {
      if (!options.containsKey("help")) {
        problems.add(
            "no command given: choose one of "
                + COMMANDS.stream().map(CommandSpec::name).collect(Collectors.joining(", ")));
      }
      return;
    }
    Optional<CommandSpec> spec = command(command);
    if (spec.isEmpty() || options.containsKey("help")) {
      return;
    }
    String positional = spec.get().positional();
    if (positional.startsWith("[")) {
      if (positionals.size() > 1) {
        problems.add(
            command
                + " takes at most one "
                + positional.replaceAll("[\\[\\]]", "")
                + ", got "
                + positionals.size());
      }
    } else if (positional.isEmpty() && !positionals.isEmpty()) {
      problems.add(command + " takes no arguments, got: " + String.join(" ", positionals));
    } else if (!positional.isEmpty() && positionals.isEmpty()) {
      problems.add(command + " needs " + positional);
    } else if (positional.equals("TASK_ID") && positionals.size() > 1) {
      problems.add(command + " takes one TASK_ID, got " + positionals.size());
    }
  }

  private static boolean isOptionLike(String next, List<OptionSpec> known) {
    if (!next.startsWith("-") || next.length() == 1) {
      return false;
    }
    if (next.startsWith("--")) {
      return true;
    }
    return find(known, next.substring(1)).isPresent();
  }

  private static Optional<OptionSpec> find(List<OptionSpec> known, String name) {
    return known.stream()
        .filter(
            o -> o.name().equals(name) || (!o.shortName().isEmpty() && o.shortName().equals(name)))
        .findFirst();
  }

  private static String unknownOption(String arg, String command, List<OptionSpec> known) {
    String bare = arg.replaceFirst("^-+", "").replaceFirst("=.*$", "");
    Optional<String> suggestion =
        known.stream()
            .map(OptionSpec::name)
            .filter(n -> n.startsWith(bare) || bare.startsWith(n) || distance(n, bare) <= 2)
            .findFirst();
    return "unknown option '"
        + arg.replaceFirst("=.*$", "")
        + "'"
        + (command.isEmpty() ? "" : " for " + command)
        + suggestion.map(s -> " (did you mean --" + s + "?)").orElse("")
        + "; valid options: "
        + known.stream().map(o -> "--" + o.name()).collect(Collectors.joining(", "));
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
