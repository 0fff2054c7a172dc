package dev.apimart.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code apimart completion bash|zsh}: a completion script for the shell. */
@Command(
    name = "completion",
    description = "print a completion script: bash or zsh",
    footer = {
      "",
      "  bash: source <(apimart completion bash)       (or save it in",
      "        ~/.local/share/bash-completion/completions/apimart)",
      "  zsh:  source <(apimart completion zsh)        (uses zsh's bashcompinit)"
    })
final class CompletionCommand extends CliCommand {

  @Parameters(paramLabel = "SHELL", arity = "1", description = "bash or zsh")
  @Nullable String shell;

  @Override
  void check(List<String> problems) {
    if (shell != null && !shell.equals("bash") && !shell.equals("zsh")) {
      problems.add("completion: '" + shell + "' is not one of bash, zsh");
    }
  }

  @Override
  int execute() {
    String script = AutoComplete.bash("apimart", spec.root().commandLine());
    if ("zsh".equals(shell)) {
      // picocli's script runs in zsh once bashcompinit is loaded; it checks for that itself.
      script =
          "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
              + script;
    }
    cli().out.print(script);
    return ExitCode.OK.code();
  }
}
