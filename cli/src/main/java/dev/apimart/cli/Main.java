package dev.apimart.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;

/** Entry point of {@code apimart-cli.jar}. */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    configureLogging(
        java.util.List.of(args).contains("-v") || java.util.List.of(args).contains("--verbose"));
    ApimartCli cli =
        new ApimartCli(
            System.getenv(),
            System.out,
            System.err,
            isTerminal(),
            Path.of("").toAbsolutePath(),
            Clock.systemUTC(),
            builder -> {});
    // Ctrl-C or SIGTERM while waiting: the task exists, so say which one and how to resume it.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> cli.interruptedMessage().ifPresent(System.err::println)));
    System.exit(cli.run(args));
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
   * Whether standard output is an interactive terminal. From JDK 22 {@code System.console()} exists
   * even when output is redirected, so its {@code isTerminal()} is asked when present.
   */
  static boolean isTerminal() {
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
