package dev.sluice.cli;

import dev.sluice.bench.SimulateBenchmark;
import dev.sluice.sim.trace.TraceFormatException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Times the FGD simulation in this JVM after warm-up and prints a table: one run per policy",
        "(one seed, median of --repeats) and the whole sweep (every policy x seeds 42-51) on all cores."})
final class BenchSimulateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  TraceOptions traces;

  @Option(names = "--policies", split = ",", paramLabel = "P1,P2",
      defaultValue = "random,dotprod,clustering,packing,bestfit,fgd,sluice", description = "Policies (default: ${DEFAULT-VALUE}).")
  List<String> policies;

  @Option(names = "--warmups", defaultValue = "5", description = "Untimed runs per policy first (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Option(names = "--repeats", defaultValue = "11", description = "Timed runs per policy (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--no-sweep", description = "Skip timing the whole sweep.")
  boolean noSweep;

  @Override
  public Integer call() throws UserInputException, TraceFormatException, InterruptedException {
    if (warmups < 0 || repeats < 1) throw new UserInputException("--warmups must be >= 0 and --repeats >= 1");
    var nodeList = traces.readNodes();
    var podList = traces.readPods();
    var bench = new SimulateBenchmark(nodeList, podList);
    var out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "One run (seed 42, %d nodes, median of %d after %d warm-up runs)%n", nodeList.size(), repeats, warmups);
    out.printf(Locale.ROOT, "%-12s %8s %8s %10s %10s %14s %16s%n", "policy", "pods", "placed", "median ms", "min ms",
        "pods/s", "placements/s");
    for (var policy : policies) {
      var t = bench.timeSingleRuns(policy, 42, warmups, repeats);
      out.printf(Locale.ROOT, "%-12s %8d %8d %10.1f %10.1f %14.0f %16.0f%n", t.policy(), t.pods(), t.placed(),
          t.medianMillis(), t.minMillis(), t.podsPerSecond(), t.placementsPerSecond());
      out.flush();
    }
    if (!noSweep) {
      int threads = Runtime.getRuntime().availableProcessors();
      var sweep = bench.timeSweep(policies, SimulateBenchmark.seedRange(42, 51), threads);
      out.printf(Locale.ROOT, "%nWhole sweep: %d runs on %d threads in %.2f s (in-process, after warm-up)%n",
          sweep.runs(), sweep.threads(), sweep.wallMillis() / 1000);
    }
    return 0;
  }
}
