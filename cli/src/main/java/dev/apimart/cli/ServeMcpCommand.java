package dev.apimart.cli;

import dev.apimart.cli.mcp.McpCommand;
import dev.apimart.core.error.ConfigurationException;
import dev.apimart.testkit.FakeApiMart;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apimart mcp}: the Model Context Protocol over standard input and output, so that an AI
 * agent generates images through the same engine (checked before the network, never submitted
 * twice). Key, base URL, transport and proxy come from the global options, the environment and the
 * config file as for every command; standard output carries nothing but protocol messages.
 */
@Command(
    name = "mcp",
    description = {
      "Serve the Model Context Protocol on stdin/stdout for AI agents: tools generate_image,"
          + " get_task, list_models, get_balance.",
      "Without an API key or base URL, the embedded fake server answers (placeholder images)."
    })
final class ServeMcpCommand extends CliCommand {

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where generated images are saved (default ./" + SaveOptions.DEFAULT_OUT + ")")
  @Nullable String out;

  private ApimartCli.@Nullable Connection connection;

  /** How long a task of the embedded fake takes. */
  private static final Duration EMBEDDED_TASK_TIME = Duration.ofSeconds(2);

  @Override
  void check(List<String> problems) {
    connection = cli().connection(this, problems, true);
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    ApimartCli.Connection conn = connection;
    String outText = out != null ? out : cli.config().get("out").orElse(null);
    try (FakeApiMart embedded =
        conn.embedded() ? cli.startEmbeddedFake(EMBEDDED_TASK_TIME, "serving MCP on") : null) {
      return McpCommand.serve(
          cli.clientBuilder(this, conn, embedded),
          embedded == null
              ? null
              : "It runs on an embedded fake ApiMart server: images are placeholders.",
          ApimartCommand.Version.version(),
          cli.workingDir.resolve(outText == null ? SaveOptions.DEFAULT_OUT : outText).normalize(),
          cli.stdin(),
          cli.out,
          cli.err);
    } catch (ConfigurationException e) {
      cli.err.println("error: " + e.getMessage());
      return ExitCode.INVALID_INPUT.code();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.INTERRUPTED.code();
    }
  }
}
