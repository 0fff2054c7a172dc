package dev.apimart.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what picocli collected while parsing (it is told to collect errors instead of stopping at
 * the first) into one line per problem, in the words the command's help uses: {@code unknown option
 * '--modle' for generate (did you mean --model?)}, {@code --out needs a value (DIR)}, {@code status
 * takes one TASK_ID, got 2}.
 */
final class ParseProblems {

  private ParseProblems() {}

  /** Every problem of the command line, the root command's first, then the subcommand's. */
  static List<String> of(ParseResult result) {
    List<String> problems = new ArrayList<>();
    for (ParseResult r = result; r != null; r = r.subcommand()) {
      CommandSpec spec = r.commandSpec();
      for (Exception e : r.errors()) {
        if (e instanceof UnmatchedArgumentException unmatched) {
          unmatched(spec, r, unmatched.getUnmatched(), problems);
        } else if (e instanceof ParameterException pe) {
          problems.add(describe(spec, pe));
        } else {
          problems.add(e.getMessage());
        }
      }
    }
    return problems.stream().distinct().collect(Collectors.toList());
  }

  private static String describe(CommandSpec spec, ParameterException e) {
    if (e instanceof OverwrittenOptionException o) {
      return label(o.getOverwritten()) + " is given more than once";
    }
    if (e instanceof MissingParameterException missing) {
      ArgSpec arg = missing.getMissing().isEmpty() ? null : missing.getMissing().get(0);
      if (arg instanceof OptionSpec option) {
        return label(option) + " needs a value (" + option.paramLabel() + ")";
      }
      if (arg instanceof PositionalParamSpec positional) {
        return spec.name() + " needs " + positional.paramLabel();
      }
    }
    ArgSpec arg = e.getArgSpec();
    if (arg instanceof OptionSpec option && option.arity().max() == 0) {
      return label(option) + " is a flag and takes no value";
    }
    return e.getMessage();
  }

  private static void unmatched(
      CommandSpec spec, ParseResult result, List<String> args, List<String> problems) {
    boolean root = spec.parent() == null;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("-") && arg.length() > 1) {
        problems.add(unknownOption(spec, arg));
        // An option of another command keeps its value out of the positional arguments.
        Optional<OptionSpec> elsewhere = findAnywhere(spec.root(), name(arg));
        if (!arg.contains("=")
            && elsewhere.isPresent()
            && elsewhere.get().arity().min() > 0
            && i + 1 < args.size()
            && !args.get(i + 1).startsWith("-")) {
          i++;
        }
      } else {
        words.add(arg);
      }
    }
    if (words.isEmpty()) {
      return;
    }
    if (root) {
      String word = words.get(0);
      if (spec.subcommands().containsKey(word)) {
        problems.add(
            "'"
                + word
                + "' after '--' is an argument, not a command: put the command first, as in"
                + " apimart "
                + word
                + " -- \"-5 degrees outside\"");
        return;
      }
      problems.add(
          "unknown command '"
              + word
              + "'"
              + closest(word, spec.subcommands().keySet())
                  .map(s -> " (did you mean " + s + "?)")
                  .orElse("")
              + ": choose one of "
              + String.join(", ", spec.subcommands().keySet()));
      return;
    }
    List<PositionalParamSpec> positionals = spec.positionalParameters();
    if (positionals.isEmpty()) {
      problems.add(spec.name() + " takes no arguments, got: " + String.join(" ", words));
      return;
    }
    PositionalParamSpec positional = positionals.get(0);
    int given = words.size() + result.matchedPositionals().size();
    String label = positional.paramLabel();
    problems.add(
        spec.name()
            + (positional.arity().min() == 0 ? " takes at most one " : " takes one ")
            + label
            + ", got "
            + given);
  }

  private static String unknownOption(CommandSpec spec, String arg) {
    String given = arg.replaceFirst("=.*$", "");
    List<String> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        names.add(o.longestName());
      }
    }
    return "unknown option '"
        + given
        + "'"
        + (spec.parent() == null ? "" : " for " + spec.name())
        + closest(given, names).map(s -> " (did you mean " + s + "?)").orElse("")
        + "; valid options: "
        + String.join(", ", names);
  }

  private static Optional<OptionSpec> findAnywhere(CommandSpec spec, String name) {
    OptionSpec own = spec.findOption(name);
    if (own != null) {
      return Optional.of(own);
    }
    return spec.subcommands().values().stream()
        .map(c -> findAnywhere(c.getCommandSpec(), name))
        .flatMap(Optional::stream)
        .findFirst();
  }

  private static String name(String arg) {
    return arg.replaceFirst("=.*$", "");
  }

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  /**
   * The candidate nearest to what was typed: the smallest edit distance when it is small for the
   * word's length (a typo), else the only candidate the typed word is a beginning of. Bare dashes
   * are ignored, so {@code --no-dowload} finds {@code --no-download}, not {@code --n}.
   */
  static Optional<String> closest(String typed, Iterable<String> candidates) {
    String bare = strip(typed);
    if (bare.isEmpty()) {
      return Optional.empty();
    }
    List<String> all = new ArrayList<>();
    candidates.forEach(all::add);
    int allowed = bare.length() <= 3 ? 1 : Math.max(2, bare.length() / 4);
    Optional<String> typo =
        all.stream()
            .filter(c -> distance(strip(c), bare) <= allowed)
            .min(Comparator.comparingInt(c -> distance(strip(c), bare)));
    if (typo.isPresent()) {
      return typo;
    }
    List<String> longer =
        all.stream().filter(c -> bare.length() >= 2 && strip(c).startsWith(bare)).toList();
    return longer.size() == 1 ? Optional.of(longer.get(0)) : Optional.empty();
  }

  private static String strip(String s) {
    return s.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
  }

  private static int distance(String a, String b) {
    int[] beforePrevious = new int[b.length() + 1];
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
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          // a swap of two neighbours ("modle") is one typo, not two
          current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
        }
      }
      int[] swap = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
