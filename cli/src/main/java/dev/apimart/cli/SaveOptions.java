package dev.apimart.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where and how {@code generate} and {@code wait} save images, and how long they wait. The folder
 * is checked by trying — created, a file written and removed — before anything is submitted, so a
 * folder that cannot take the images never costs a paid task.
 */
final class SaveOptions {

  static final String DEFAULT_OUT = "apimart-images";

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "where to save images (default ./" + DEFAULT_OUT + ", or the config file's out)")
  @Nullable String out;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "how long to wait, e.g. 90s, 5m, 1h (default 10m, at most 24h)")
  @Nullable String timeoutText;

  @Option(names = "--no-download", description = "print image URLs instead of saving files")
  boolean noDownload;

  @Option(
      names = "--overwrite",
      description =
          "replace files of the same name (default: an existing file is kept and the new image"
              + " saved under the next free number, e.g. ID-1.2.png)")
  boolean overwrite;

  /** The folder, resolved against the working directory; set by {@link #check}. */
  @Nullable Path dir;

  /** The wait's timeout when one was given; set by {@link #check}. */
  @Nullable Duration timeout;

  /** The topmost folder {@link #check} created, removed again if nothing was saved in it. */
  private @Nullable Path created;

  /** The folder as given (flag, then config file), for the resume command; null for the default. */
  @Nullable String outText(CliConfig config) {
    return out != null ? out : config.get("out").orElse(null);
  }

  /**
   * Reads {@code --timeout} and, unless {@code --no-download} (or {@code dryRun}), makes sure the
   * folder can be created and written by doing both.
   */
  void check(ApimartCli cli, List<String> problems, boolean dryRun) {
    CliConfig config = cli.config();
    String timeoutValue = timeoutText != null ? timeoutText : config.get("timeout").orElse(null);
    if (timeoutValue != null) {
      String flag = timeoutText != null ? "--timeout" : "timeout (config file)";
      timeout = Durations.timeout(flag, timeoutValue, problems).orElse(null);
    }
    if (noDownload) {
      return;
    }
    String text = outText(config);
    Path target =
        cli.workingDir.resolve(expandHome(text == null ? DEFAULT_OUT : text, cli)).normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      problems.add("--out: '" + target + "' exists and is not a directory");
      return;
    }
    Path existing = target;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      problems.add(
          "--out: '" + target + "' cannot be created: '" + existing + "' is a file, not a folder");
      return;
    }
    if (dryRun) {
      dir = target;
      return;
    }
    // The topmost folder this check creates, so that it can be removed again if unused.
    Path firstCreated =
        existing == null || Files.exists(target)
            ? null
            : existing.resolve(existing.relativize(target).getName(0));
    try {
      Files.createDirectories(target);
      Path probe = Files.createTempFile(target, ".apimart-", ".probe");
      Files.delete(probe);
    } catch (IOException e) {
      problems.add(
          "--out: cannot write in '"
              + target
              + "' ("
              + CliWords.io(e)
              + "); choose a folder you can write to");
      removeCreated(firstCreated, target);
      return;
    }
    dir = target;
    created = firstCreated;
  }

  /** Removes the folders {@link #check} created when they are still empty (nothing was saved). */
  void cleanUpIfEmpty() {
    if (created != null && dir != null) {
      removeCreated(created, dir);
    }
  }

  private static void removeCreated(@Nullable Path top, Path target) {
    if (top == null) {
      return;
    }
    for (Path p = target; p != null && p.startsWith(top); p = p.getParent()) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        return; // not empty, or not ours to remove
      }
    }
  }

  private static String expandHome(String path, ApimartCli cli) {
    if (path.equals("~") || path.startsWith("~/")) {
      String home = cli.env.getOrDefault("HOME", System.getProperty("user.home"));
      return home + path.substring(1);
    }
    return path;
  }
}
