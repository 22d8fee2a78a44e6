package dev.sluice.cli;

import dev.sluice.server.ServerConfig;
import dev.sluice.server.bench.ServerLoadBenchmark;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "api", mixinStandardHelpOptions = true,
    description = {"Load on a control plane in a JVM of its own (embedded H2 in a temporary folder, 8 simulated GPUs,",
        "a launcher that starts nothing) over loopback, and prints a table: jobs that each ask for a GPU, so most wait,",
        "seeded through the API, then durable submissions from concurrent clients into that deep queue, listing",
        "and paging through every job, /api/v1/usage, and the server's resident memory."})
final class BenchApiCommand implements Callable<Integer> {
  private static final List<String> SCHEDULERS = List.of(ServerConfig.FAIR_SHARE, ServerConfig.PRIORITY);

  @Spec
  CommandSpec spec;

  @Option(names = "--clients", defaultValue = "16", description = "Concurrent submitting clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--seconds", defaultValue = "10", description = "How long they submit (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--stored", defaultValue = "100000", description = "Jobs submitted through the API before the timed submissions (default: ${DEFAULT-VALUE}).")
  int stored;

  @Option(names = "--scheduler", defaultValue = "fair-share", description = "fair-share or priority (default: ${DEFAULT-VALUE}).")
  String scheduler;

  @Override
  public Integer call() throws Exception {
    if (clients < 1) throw new UserInputException("--clients must be at least 1, was " + clients);
    if (seconds < 1) throw new UserInputException("--seconds must be at least 1, was " + seconds);
    if (stored < 1) throw new UserInputException("--stored must be at least 1, was " + stored);
    if (!SCHEDULERS.contains(scheduler)) {
      throw new UserInputException("--scheduler: unknown scheduler '" + scheduler + "'; known: " + String.join(", ", SCHEDULERS));
    }
    ServerLoadBenchmark.run(clients, Duration.ofSeconds(seconds), stored, scheduler, spec.commandLine().getOut());
    return 0;
  }
}
