package dev.apimart.cli;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.GeneratedImage;
import dev.apimart.core.model.Task;
import dev.apimart.core.model.TaskId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apimart status TASK_ID}: one look at a task, free. */
@Command(name = "status", description = "show a task's current state (free, sends one request)")
final class StatusCommand extends CliCommand {

  @Option(names = "--json", description = "print one machine-readable JSON result")
  boolean json;

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
  void check(List<String> problems) {
    id = TaskIds.read(taskId, problems);
    cli().named(id);
    connection = cli().connection(this, problems, false);
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    try (ApiMartClient client = cli.client(this, connection, null, null)) {
      Task task = client.getTask(id);
      if (json) {
        cli.printJson(taskJson(task));
      } else {
        cli.out.println("task      " + task.id());
        cli.out.println("status    " + task.rawStatus() + " (" + task.progress() + "%)");
        if (task.estimatedTime() != null) {
          cli.out.println("estimated " + Durations.human(task.estimatedTime()));
        }
        if (task.actualTime() != null) {
          cli.out.println("took      " + Durations.human(task.actualTime()));
        }
        if (task.error() != null) {
          cli.out.println("error     " + task.error());
        }
        Results.costWords(task).ifPresent(c -> cli.out.println("cost      " + c));
        for (GeneratedImage image : task.images()) {
          cli.out.println("image     " + image.url());
        }
      }
      return ExitCode.OK.code();
    }
  }

  private static Map<String, Object> taskJson(Task task) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", task.id().value());
    json.put("status", task.rawStatus());
    json.put("progress", task.progress());
    json.put(
        "estimated_seconds",
        task.estimatedTime() == null ? null : task.estimatedTime().toSeconds());
    json.put("actual_seconds", task.actualTime() == null ? null : task.actualTime().toSeconds());
    json.put("task_error", task.error() == null ? null : task.error().toString());
    Results.costJson(json, task);
    List<Map<String, Object>> images = new ArrayList<>();
    int index = 0;
    for (GeneratedImage image : task.images()) {
      images.add(Results.imageJson(++index, image));
    }
    json.put("images", images);
    return json;
  }
}
