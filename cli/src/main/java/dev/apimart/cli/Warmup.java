package dev.apimart.cli;

import dev.apimart.core.capability.RequestValidator;
import dev.apimart.core.model.GenerationRequest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Starts the costly one-time initialisation a request needs — Hibernate Validator's bootstrap and
 * the JVM's default TLS context (its trust store) — on background threads while the main thread
 * parses the command line, so that on a machine with two or more cores the first request leaves
 * sooner. Nothing it does is visible: it validates a throwaway request that is never sent and asks
 * for the default TLS context; a failure is ignored, since the main thread meets it again and
 * reports it in its own words.
 */
final class Warmup {

  /** The commands that validate a request or open a connection. */
  private static final Set<Class<? extends CliCommand>> SENDING =
      Set.of(
          GenerateCommand.class,
          StatusCommand.class,
          WaitCommand.class,
          BalanceCommand.class,
          UsageCommand.class,
          UploadCommand.class,
          BatchCommand.class);

  private Warmup() {}

  /** Starts the warm-up threads when the command line names a command that sends requests. */
  static void startFor(String[] argv) {
    List<Class<? extends CliCommand>> commands = ApimartCommand.subcommandsFor(argv);
    if (commands.size() != 1 || !SENDING.contains(commands.get(0)) || asksForHelp(argv)) {
      return;
    }
    start("apimart-warmup-validator", Warmup::validator);
    start("apimart-warmup-tls", Warmup::tls);
  }

  private static boolean asksForHelp(String[] argv) {
    for (String arg : argv) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("-h") || arg.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  private static void start(String name, Runnable task) {
    Thread thread =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (RuntimeException | LinkageError e) {
                // the main thread meets the same failure and reports it
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void validator() {
    RequestValidator.instance()
        .validate(GenerationRequest.builder().model("z-image-turbo").prompt("warm-up").build());
  }

  private static void tls() {
    try {
      SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      // the transport reports it
    }
  }
}
