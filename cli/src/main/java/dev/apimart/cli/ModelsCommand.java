package dev.apimart.cli;

import dev.apimart.core.model.ModelCapabilities;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code apimart models [MODEL]}: the catalog, offline. */
@Command(name = "models", description = "list the image models and what each accepts (offline)")
final class ModelsCommand extends CliCommand {

  @Option(names = "--json", description = "print the catalog as JSON, every fact")
  boolean json;

  @Parameters(paramLabel = "MODEL", arity = "0..1", description = "one model in detail")
  @Nullable String model;

  @Override
  boolean json() {
    return json;
  }

  @Override
  void check(List<String> problems) {
    if (model != null && cli().catalog.find(model).isEmpty()) {
      problems.add(
          "'"
              + model
              + "' is not in the model catalog (run 'apimart models' for the list); it can"
              + " still be used with --model, with only the checks every request shares");
    }
  }

  @Override
  int execute() {
    ApimartCli cli = cli();
    if (model == null) {
      if (json) {
        cli.printJson(ModelsView.json(cli.catalog));
      } else {
        cli.out.print(ModelsView.table(cli.catalog, cli.width()));
      }
      return ExitCode.OK.code();
    }
    Optional<ModelCapabilities> entry = cli.catalog.find(model);
    if (json) {
      cli.printJson(ModelsView.json(entry.orElseThrow()));
    } else {
      cli.out.print(ModelsView.details(entry.orElseThrow(), cli.width()));
    }
    return ExitCode.OK.code();
  }
}
