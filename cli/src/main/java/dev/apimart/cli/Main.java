package dev.apimart.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Entry point of {@code apimart-cli.jar}. */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    configureLogging(verbose(args));
    Warmup.startFor(args);
    ApimartCli cli =
        new ApimartCli(
            System.getenv(),
            System.out,
            System.err,
            stderrIsTerminal(),
            Path.of("").toAbsolutePath(),
            Clock.systemUTC(),
            builder -> {});
    // Ctrl-C or SIGTERM while waiting: the task exists, so say which one and how to resume it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    cli.interruptedMessage()
                        .ifPresent(
                            message -> {
                              System.err.println(message);
                              System.err.flush();
                              Runtime.getRuntime().halt(ExitCode.INTERRUPTED.code());
                            })));
    System.exit(cli.run(args));
  }

  /** {@code -v} or {@code --verbose} before {@code --} (after it, they are prompt words). */
  static boolean verbose(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("-v") || arg.equals("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Quiet by default (warnings only, on standard error); {@code -v} shows the SDK's debug decisions
   * (retries, poll timing). Hibernate Validator logs through jboss-logging, routed to SLF4J too.
   */
  private static void configureLogging(boolean verbose) {
    System.setProperty("org.jboss.logging.provider", "slf4j");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    if (verbose) {
      System.setProperty("org.slf4j.simpleLogger.log.dev.apimart", "debug");
    } else {
      // The command prints its own one-line note for a model outside the catalog.
      System.setProperty(
          "org.slf4j.simpleLogger.log.dev.apimart.core.capability.RequestValidator", "error");
    }
  }

  /**
   * Whether standard error — where the progress bar goes — is a terminal. On Linux its file
   * descriptor says so exactly ({@code /proc/self/fd/2} links to {@code /dev/pts/N} or {@code
   * /dev/ttyN}); elsewhere the console is asked, which from JDK 22 answers for standard input and
   * output only, so a redirected standard error may still draw there.
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.isSymbolicLink(fd)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (java.io.IOException | UnsupportedOperationException e) {
        // fall back to the console below
      }
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
