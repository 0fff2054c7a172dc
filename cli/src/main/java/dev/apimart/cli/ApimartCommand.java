package dev.apimart.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code apimart} command itself: its global options (valid before or after the subcommand's
 * name) and the list of subcommands. A new subcommand is one class extending {@link CliCommand},
 * added to {@code subcommands} below.
 */
@Command(
    name = "apimart",
    versionProvider = ApimartCommand.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Generate images with any ApiMart image model ('apimart models' lists them).",
      "Without an API key, 'generate' uses an embedded fake server."
    },
    footer = {
      "",
      "Arguments starting with @ are read from that file (one argument per line or",
      "shell-quoted): apimart generate @args.txt. A prompt starting with '-' goes after",
      "'--' or in --prompt: apimart generate -- \"-5 degrees outside\".",
      "",
      "Exit codes: 0 ok, 1 anything else, 2 invalid input (nothing sent), 3 key, balance or",
      "permission, 4 task failed or cancelled, 5 timed out (the task may still finish),",
      "6 submission outcome unknown (may be billed), 7 task finished but its images were",
      "not all saved, 130 interrupted."
    })
final class ApimartCommand {

  /**
   * Every subcommand, in the order help lists them. Not in the {@code @Command} annotation: picocli
   * builds a command's model from its annotations by reflection, so a run builds only the command
   * it names (see {@link #subcommandsFor}), which takes a tenth of the time of building all.
   */
  static final List<Class<? extends CliCommand>> SUBCOMMANDS =
      List.of(
          GenerateCommand.class,
          StatusCommand.class,
          WaitCommand.class,
          BalanceCommand.class,
          UsageCommand.class,
          UploadCommand.class,
          BatchCommand.class,
          ModelsCommand.class,
          FakeCommand.class,
          ServeMcpCommand.class,
          CompletionCommand.class);

  /** Global options that take a value as the next argument. */
  private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE =
      Set.of("--api-key", "--base-url", "--transport", "--proxy");

  /**
   * The subcommands a command line needs: only the one it names when its first word names one;
   * every one when it names none, an unknown one (to suggest the closest), {@code completion}
   * (whose script lists them all), or may name one inside an {@code @file}.
   */
  static List<Class<? extends CliCommand>> subcommandsFor(String[] argv) {
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (arg.equals("--") || arg.startsWith("@")) {
        return SUBCOMMANDS;
      }
      if (arg.startsWith("-")) {
        if (GLOBAL_OPTIONS_WITH_VALUE.contains(arg)) {
          i++;
        }
        continue;
      }
      for (Class<? extends CliCommand> command : SUBCOMMANDS) {
        if (command != CompletionCommand.class
            && command.getAnnotation(Command.class).name().equals(arg)) {
          return List.of(command);
        }
      }
      return SUBCOMMANDS;
    }
    boolean versionOnly =
        argv.length > 0
            && java.util.Arrays.stream(argv).allMatch(a -> a.equals("-V") || a.equals("--version"));
    return versionOnly ? List.of() : SUBCOMMANDS;
  }

  final ApimartCli cli;

  ApimartCommand(ApimartCli cli) {
    this.cli = cli;
  }

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      scope = ScopeType.INHERIT,
      description = "API key (default: env APIMART_API_KEY, then the config file)")
  @Nullable String apiKey;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description =
          "service URL (default: env APIMART_BASE_URL, the config file, the real service)")
  @Nullable String baseUrl;

  @Option(
      names = "--transport",
      paramLabel = "jdk|feign",
      completionCandidates = Transports.class,
      scope = ScopeType.INHERIT,
      description = "HTTP transport to use (default jdk)")
  @Nullable String transport;

  @Option(
      names = "--allow-insecure-http",
      scope = ScopeType.INHERIT,
      description = "allow a plain http:// base URL to a host other than this machine")
  boolean allowInsecureHttp;

  @Option(
      names = "--proxy",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description =
          "HTTP proxy, e.g. http://proxy:3128 (default: env HTTPS_PROXY / HTTP_PROXY, with"
              + " NO_PROXY)")
  @Nullable String proxy;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "show debug details and stack traces")
  boolean verbose;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "show this help")
  boolean help;

  @Option(
      names = {"-V", "--version"},
      versionHelp = true,
      description = "print the version")
  boolean version;

  /** Transports {@code --transport} takes, for help and completion. */
  static final class Transports implements Iterable<String> {
    static final List<String> NAMES = List.of("jdk", "feign");

    @Override
    public java.util.Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  /** The version the build wrote into the jar, and the Java running it. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "apimart " + version(), "Java " + System.getProperty("java.version") + " " + os()
      };
    }

    static String version() {
      Properties properties = new Properties();
      try (InputStream in = ApimartCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        // no version resource: say so below
      }
      return properties.getProperty("version", "(version unknown)");
    }

    private static String os() {
      return "(" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }
  }
}
