package dev.sluice.cli;

import dev.sluice.sim.trace.TraceFormatException;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns errors a user can fix into one line on stderr and an exit code; bugs keep their stack trace. */
final class UserErrors implements IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;
  static final int IO_FAILURE = 3;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) throws Exception {
    var err = commandLine.getErr();
    switch (e) {
      case TraceFormatException t -> err.println("sluice: " + t.getMessage());
      case UserInputException u -> err.println("sluice: " + u.getMessage());
      case IOException io -> {
        err.println("sluice: " + io.getMessage());
        return IO_FAILURE;
      }
      default -> throw e;
    }
    return BAD_INPUT;
  }
}
