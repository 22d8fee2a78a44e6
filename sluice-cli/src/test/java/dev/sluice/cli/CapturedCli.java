package dev.sluice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code sluice} command in this JVM and keeps what it printed. */
final class CapturedCli {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  /** Runs {@code sluice ARGS...}; returns its exit code. */
  int sluice(String... args) {
    var commandLine = SluiceCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
