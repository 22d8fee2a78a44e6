package dev.sluice.local.process;

import java.util.List;
import java.util.Optional;

/** The program that makes a job's namespaces, and the command line that runs the job in them. */
sealed interface Isolation permits Bubblewrap, Namespaces {
  SandboxMode mode();

  /**
   * The command that runs {@code command} inside {@code layout}, after {@code drop} (the switch to the account
   * the job runs as; empty where it keeps the launcher's) has given up every privilege the sandbox was made with.
   */
  List<String> confine(SandboxLayout layout, Optional<List<String>> drop, List<String> command);
}
