package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.client.GenerationResult;
import dev.apimart.core.model.TaskId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apimart wait TASK_ID}: resume waiting for a task and save its images. */
@Command(
    name = "wait",
    description = "resume waiting for a task and save its images (free: nothing is submitted)")
final class WaitCommand extends CliCommand implements SavingCommand {

  @Option(names = "--json", description = "print one machine-readable JSON result")
  boolean json;

  @Mixin SaveOptions save = new SaveOptions();

  @Parameters(
      paramLabel = "TASK_ID",
      arity = "1",
      description = "the task, as 'submitted task …' printed it")
  @Nullable String taskId;

  private @Nullable TaskId id;
  private ApimartCli.@Nullable Connection connection;

  @Override
  boolean json() {
    return json;
  }

  @Override
  public SaveOptions save() {
    return save;
  }

  @Override
  void check(List<String> problems) {
    id = TaskIds.read(taskId, problems);
    save.check(cli(), problems, false);
    connection = cli().connection(this, problems, false);
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    String outText = save.outText(cli.config());
    cli.waitingFor(id, outText);
    Instant started = cli.clock.instant();
    try (ApiMartClient client = cli.client(this, connection, null, outText)) {
      ProgressPrinter progress = cli.progress(started, json);
      GenerationResult result;
      try {
        result = client.waitFor(id, cli.waitOptions(json, save.timeout, outText, progress));
      } finally {
        progress.finish();
      }
      return Results.report(cli, this, client, result, save, started);
    }
  }
}
