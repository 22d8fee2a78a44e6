package dev.sluice.bench;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.Fragmentation;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.TargetWorkload;
import dev.sluice.sim.fgd.ArrivalRun;
import dev.sluice.sim.fgd.FgdExperiment;
import dev.sluice.sim.fgd.SeedSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the FGD simulation in-process, after warm-up: one run per policy (one seed), repeated, and the
 * whole sweep (every policy × every seed) on all cores.
 */
public final class SimulateBenchmark {
  /** Timing of one policy's single runs. */
  public record PolicyTiming(String policy, int pods, int placed, double medianMillis, double minMillis) {
    public double podsPerSecond() {
      return pods / (medianMillis / 1000);
    }

    public double placementsPerSecond() {
      return placed / (medianMillis / 1000);
    }
  }

  /** The whole sweep's wall time. */
  public record SweepTiming(int runs, int threads, double wallMillis) {}

  private final List<Node> nodes;
  private final List<PodRequest> pods;
  private final TargetWorkload workload;
  private final Fragmentation fragmentation;

  public SimulateBenchmark(List<Node> nodes, List<PodRequest> pods) {
    this.nodes = List.copyOf(nodes);
    this.pods = List.copyOf(pods);
    this.workload = TargetWorkload.of(pods, TargetWorkload.DEFAULT_COVERAGE);
    this.fragmentation = new Fragmentation(workload);
  }

  public PolicyTiming timeSingleRuns(String policy, long seed, int warmups, int repeats) {
    long capacity = nodes.stream().mapToLong(n -> 1000L * n.gpuCount()).sum();
    var setup = SeedSetup.of(seed, pods, nodes.size(), capacity, 1.3);
    int placed = 0;
    for (int i = 0; i < warmups; i++) placed = runOnce(policy, setup);
    var millis = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      runOnce(policy, setup);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return new PolicyTiming(policy, setup.arrivals().size(), placed, millis[repeats / 2], millis[0]);
  }

  private int runOnce(String policyName, SeedSetup setup) {
    var policy = PlacementPolicies.named(policyName, workload, setup.policyRandom());
    var decisions = new Decision[setup.arrivals().size()];
    new ArrivalRun(nodes, setup.tieOrder(), policy, fragmentation).run(setup.arrivals(), decisions);
    int placed = 0;
    for (var d : decisions) if (d instanceof Decision.Placed) placed++;
    return placed;
  }

  public SweepTiming timeSweep(List<String> policies, List<Long> seeds, int threads) throws InterruptedException {
    var experiment = new FgdExperiment(nodes, pods, policies, seeds, 1.3);
    long start = System.nanoTime();
    experiment.run(threads, false, (p, s) -> { });
    return new SweepTiming(policies.size() * seeds.size(), threads, (System.nanoTime() - start) / 1e6);
  }

  public static List<Long> seedRange(long from, long to) {
    var seeds = new ArrayList<Long>();
    for (long s = from; s <= to; s++) seeds.add(s);
    return seeds;
  }
}
