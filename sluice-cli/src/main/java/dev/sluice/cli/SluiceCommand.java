package dev.sluice.cli;

import dev.sluice.cli.client.CancelCommand;
import dev.sluice.cli.client.DescribeCommand;
import dev.sluice.cli.client.ListCommand;
import dev.sluice.cli.client.LogsCommand;
import dev.sluice.cli.client.NodesCommand;
import dev.sluice.cli.client.QueuesCommand;
import dev.sluice.cli.client.SubmitCommand;
import dev.sluice.cli.client.TokenCommand;
import dev.sluice.cli.client.TopCommand;
import dev.sluice.cli.k8s.K8sCommand;
import dev.sluice.cli.up.DemoCommand;
import dev.sluice.cli.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command: wires the modules together and maps errors to exit codes. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
    description = "Sluice: an open orchestrator for pools of AI accelerators.",
    subcommands = {UpCommand.class, DemoCommand.class, SubmitCommand.class, ListCommand.class, DescribeCommand.class, LogsCommand.class,
        CancelCommand.class, QueuesCommand.class, NodesCommand.class, TopCommand.class, TokenCommand.class,
        SimulateCommand.class, TraceCommand.class, BenchCommand.class, K8sCommand.class})
public final class SluiceCommand {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Sluice's error handling; tests run it in-process. */
  public static CommandLine commandLine() {
    var commandLine = new CommandLine(new SluiceCommand());
    commandLine.setExecutionExceptionHandler(new UserErrors());
    commandLine.setParameterExceptionHandler(new UserErrors.Usage());
    return commandLine;
  }
}
