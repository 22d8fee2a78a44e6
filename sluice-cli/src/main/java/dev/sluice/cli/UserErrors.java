package dev.sluice.cli;

import dev.sluice.cli.client.ApiException;
import dev.sluice.cli.client.Terminal;
import dev.sluice.k8s.KubernetesSetupException;
import dev.sluice.sim.trace.TraceFormatException;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Turns errors a user can fix into one line on stderr and an exit code; bugs keep their stack trace. */
final class UserErrors implements IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;
  static final int IO_FAILURE = 3;
  static final int CLUSTER_UNUSABLE = 4;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) throws Exception {
    var err = commandLine.getErr();
    switch (e) {
      case TraceFormatException t -> err.println("sluice: " + t.getMessage());
      case UserInputException u -> err.println("sluice: " + u.getMessage());
      case KubernetesSetupException k -> {
        err.println("sluice: " + Terminal.safe(k.getMessage()));
        return CLUSTER_UNUSABLE;
      }
      case ApiException a -> {
        err.println("sluice: " + Terminal.safe(a.getMessage()));
        return a.exitCode();
      }
      case IOException io -> {
        err.println("sluice: " + io.getMessage());
        return IO_FAILURE;
      }
      default -> throw e;
    }
    return BAD_INPUT;
  }

  /** A command line picocli cannot parse: one line naming the problem and where help is. */
  static final class Usage implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      var command = e.getCommandLine();
      command.getErr().println("sluice: " + e.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
      return BAD_INPUT;
    }
  }
}
