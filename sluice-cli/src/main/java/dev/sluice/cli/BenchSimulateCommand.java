package dev.sluice.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Time the FGD simulation.")
final class BenchSimulateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
