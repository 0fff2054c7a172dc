package dev.apimart.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Defaults from the user's config file, {@code config.properties} in {@code
 * $XDG_CONFIG_HOME/apimart/} (else {@code ~/.config/apimart/}), or the file {@code $APIMART_CONFIG}
 * names. Keys are the long flag names without dashes ({@code model=gpt-image-2}, {@code
 * out=~/Pictures/apimart}); a flag wins over the environment, which wins over the file, which wins
 * over the built-in default.
 */
final class CliConfig {

  /** The keys the file may set: the flags whose defaults a user may want to keep. */
  static final Set<String> KEYS =
      Set.of(
          "api-key",
          "base-url",
          "transport",
          "proxy",
          "model",
          "size",
          "resolution",
          "out",
          "timeout");

  private final @Nullable Path file;
  private final Map<String, String> values;
  private final List<String> problems;

  private CliConfig(@Nullable Path file, Map<String, String> values, List<String> problems) {
    this.file = file;
    this.values = Map.copyOf(values);
    this.problems = List.copyOf(problems);
  }

  static CliConfig empty() {
    return new CliConfig(null, Map.of(), List.of());
  }

  /** Reads the file the environment points to; a missing default file is no problem. */
  static CliConfig load(Map<String, String> env) {
    String explicit = env.get("APIMART_CONFIG");
    Path file = location(env).orElse(null);
    if (file == null || (!Files.exists(file) && explicit == null)) {
      return new CliConfig(file, Map.of(), List.of());
    }
    List<String> problems = new ArrayList<>();
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      problems.add("config file " + file + ": cannot be read (" + CliWords.io(e) + ")");
      return new CliConfig(file, Map.of(), problems);
    }
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      String value = properties.getProperty(key).strip();
      if (!KEYS.contains(key)) {
        problems.add(
            "config file "
                + file
                + ": unknown key '"
                + key
                + "'"
                + ParseProblems.closest(key, KEYS).map(k -> " (did you mean " + k + "?)").orElse("")
                + "; valid keys: "
                + String.join(", ", new TreeSet<>(KEYS)));
      } else if (!value.isEmpty()) {
        values.put(key, value);
      }
    }
    return new CliConfig(file, values, problems);
  }

  /** Where the config file is (or would be), from {@code APIMART_CONFIG}, XDG or HOME. */
  static Optional<Path> location(Map<String, String> env) {
    String explicit = env.get("APIMART_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit.strip()));
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg.strip()).isAbsolute()) {
      return Optional.of(Path.of(xdg.strip(), "apimart", "config.properties"));
    }
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return home == null
        ? Optional.empty()
        : Optional.of(Path.of(home, ".config", "apimart", "config.properties"));
  }

  /** A value the file sets, expanding a leading {@code ~/} in paths. */
  Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** What is wrong with the file; reported with the command line's problems. */
  List<String> problems() {
    return problems;
  }

  @Nullable Path file() {
    return file;
  }
}
