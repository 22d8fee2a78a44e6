package dev.sluice.cli;

import dev.sluice.bench.CycleBenchmark;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.scheduler.SchedulerConfig;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "cycle", mixinStandardHelpOptions = true,
    description = {"Times Sluice's scheduler cycle in this JVM on a seeded synthetic cluster and prints a table:",
        "full cycles on fresh snapshots (median and p99 after warm-up, pods bound per second), and a reclaim",
        "where a tenth of the cluster must change hands."})
final class BenchCycleCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "10000", description = "Nodes of 8 GPUs (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--pending", defaultValue = "100000", description = "Pending one-pod workloads (default: ${DEFAULT-VALUE}).")
  int pending;

  @Option(names = "--queues", defaultValue = "1000", description = "Leaf queues (default: ${DEFAULT-VALUE}).")
  int queues;

  @Option(names = "--seed", defaultValue = "42", description = "Seeds the pending workloads (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--placement", defaultValue = "sluice", description = "Placement policy (default: ${DEFAULT-VALUE}).")
  String placement;

  @Option(names = "--warmups", defaultValue = "2", description = "Untimed cycles first (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Option(names = "--repeats", defaultValue = "7", description = "Timed cycles (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--reclaim-cycles", defaultValue = "50",
      description = "Most cycles the reclaim may take (default: ${DEFAULT-VALUE}); 0 skips it.")
  int reclaimCycles;

  @Option(names = "--fabric", description = {"Nodes with four 400 Gbit/s RDMA NICs (one per two GPUs) in racks of 16,",
      "blocks of 128; GPU pods ask 50 Gbit/s of RDMA per GPU near their GPUs; 8-GPU workloads are gangs of two",
      "such pods that must share a rack."})
  boolean fabric;

  @Override
  public Integer call() throws UserInputException {
    validate();
    var defaults = SchedulerConfig.defaults();
    var config = new SchedulerConfig(placement, defaults.historyWeight(), seed, defaults.evictionAttempts(),
        defaults.reservationDepth());
    var bench = new CycleBenchmark(config, fabric);
    var out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Full cycle: %d nodes, %d GPUs, %d pending workloads in %d queues, placement %s%s (%d warm-up, %d timed)%n",
        nodes, nodes * 8, pending, queues, placement, fabric ? ", RDMA NICs and racks" : "", warmups, repeats);
    out.flush();
    var t = bench.timeFullCycles(nodes, pending, queues, seed, warmups, repeats);
    out.printf(Locale.ROOT, "%12s %10s %10s %12s %14s%n", "median ms", "p99 ms", "min ms", "pods bound", "pods bound/s");
    out.printf(Locale.ROOT, "%12.1f %10.1f %10.1f %12d %14.0f%n", t.medianMillis(), t.p99Millis(), t.minMillis(),
        t.podsBound(), t.podsPerSecond());
    out.flush();
    if (reclaimCycles > 0) {
      var r = bench.timeReclaim(nodes, queues, reclaimCycles);
      out.printf(Locale.ROOT, "%nReclaim: %d nodes full of borrowed 8-GPU work; %d queues ask %d workloads (%d GPUs, 10 %%) back%n",
          r.running(), r.reclaimers(), r.requested(), r.requested() * 8);
      out.printf(Locale.ROOT, "%16s %10s %8s %10s %12s%n", "first cycle ms", "total ms", "cycles", "evictions", "reclaimed %");
      out.printf(Locale.ROOT, "%16.1f %10.1f %8d %10d %12.1f%n", r.firstCycleMillis(), r.totalMillis(), r.cycles(),
          r.evictions(), r.reclaimedPct());
    }
    return 0;
  }

  private void validate() throws UserInputException {
    if (nodes < 1 || pending < 0 || queues < 10) {
      throw new UserInputException("--nodes must be >= 1, --pending >= 0 and --queues >= 10");
    }
    if (warmups < 0 || repeats < 1 || reclaimCycles < 0) {
      throw new UserInputException("--warmups and --reclaim-cycles must be >= 0 and --repeats >= 1");
    }
    if (!PlacementPolicies.names().contains(placement)) {
      throw new UserInputException("--placement: unknown policy '" + placement + "'; known: "
          + String.join(", ", PlacementPolicies.names()));
    }
  }
}
