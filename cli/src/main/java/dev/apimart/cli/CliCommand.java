package dev.apimart.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * One subcommand of {@code apimart}. The runner first parses the whole command line, then asks the
 * command for its own local checks ({@link #check}) so that parse errors and these are listed
 * together, and runs it ({@link #execute}) only when there is none: nothing is sent before every
 * check that can be made locally has passed.
 */
abstract class CliCommand {

  @ParentCommand ApimartCommand root;

  @Spec CommandSpec spec;

  /** The process around the command: environment, streams, clock, how to build a client. */
  final ApimartCli cli() {
    return root.cli;
  }

  /** The global options (given before or after the command name). */
  final ApimartCommand global() {
    return root;
  }

  final String name() {
    return spec.name();
  }

  /** Whether {@code --json} was given: every outcome is then one JSON object on stdout. */
  boolean json() {
    return false;
  }

  /**
   * Adds every problem a local check finds (values, files, folders, the key's presence) to {@code
   * problems}; called after parsing, even when parsing found problems, so all are told at once.
   */
  void check(List<String> problems) {}

  /** Runs the command after every check passed; returns the exit code. */
  abstract int execute();
}
