package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command: wires the modules together and maps errors to exit codes. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
    description = "Sluice: an open orchestrator for pools of AI accelerators.",
    subcommands = {SimulateCommand.class, BenchCommand.class})
public final class SluiceCommand {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    var commandLine = new CommandLine(new SluiceCommand());
    commandLine.setExecutionExceptionHandler(new UserErrors());
    return commandLine;
  }
}
