package dev.sluice.sim.fgd;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.Fragmentation;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.TargetWorkload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The FGD paper's fragmentation experiment: every policy, on every seed, places the tuned arrival sequence
 * on the cluster; the result is each policy's allocation curve, median over the seeds.
 *
 * @param nodes      the cluster
 * @param pods       the trace's pods (before tuning)
 * @param policies   names of the policies to compare
 * @param seeds      one run per seed and policy
 * @param tuneRatio  GPU request of the arrivals as a share of capacity (1.3 in the paper)
 */
public record FgdExperiment(List<Node> nodes, List<PodRequest> pods, List<String> policies, List<Long> seeds,
                            double tuneRatio) {
  /** The arrivals' GPU request as a share of capacity in the paper's experiment. */
  public static final double PAPER_TUNE_RATIO = 1.3;

  public FgdExperiment {
    nodes = List.copyOf(nodes);
    pods = List.copyOf(pods);
    policies = List.copyOf(policies);
    seeds = List.copyOf(seeds);
    if (nodes.isEmpty() || pods.isEmpty() || policies.isEmpty() || seeds.isEmpty()) {
      throw new IllegalArgumentException("an experiment needs nodes, pods, policies and seeds");
    }
  }

  /** Called after each finished run, from the thread that ran it. */
  public interface Progress {
    void runFinished(String policy, long seed);
  }

  public long capacityMilli() {
    return nodes.stream().mapToLong(n -> 1000L * n.gpuCount()).sum();
  }

  public TargetWorkload targetWorkload() {
    return TargetWorkload.of(pods, TargetWorkload.DEFAULT_COVERAGE);
  }

  /** Runs everything on {@code threads} threads; keeps every decision when {@code keepPlacements}. */
  public FgdResult run(int threads, boolean keepPlacements, Progress progress) throws InterruptedException {
    var workload = targetWorkload();
    var fragmentation = new Fragmentation(workload);
    long capacity = capacityMilli();
    var setups = seeds.stream().map(s -> SeedSetup.of(s, pods, nodes.size(), capacity, tuneRatio)).toList();
    var runs = new LinkedHashMap<RunKey, Future<FgdResult.Run>>();
    try (var executor = Executors.newFixedThreadPool(threads)) {
      for (var setup : setups) {
        for (var policy : policies) {
          runs.put(new RunKey(policy, setup.seed()), executor.submit(() -> {
            var run = runOne(policy, setup, workload, fragmentation, keepPlacements);
            progress.runFinished(policy, setup.seed());
            return run;
          }));
        }
      }
      var results = new ArrayList<FgdResult.Run>();
      for (var future : runs.values()) results.add(await(future));
      return new FgdResult(policies, setups, results);
    }
  }

  private record RunKey(String policy, long seed) {}

  private FgdResult.Run runOne(String policyName, SeedSetup setup, TargetWorkload workload,
                               Fragmentation fragmentation, boolean keepPlacements) {
    var policy = PlacementPolicies.named(policyName, workload, setup.policyRandom());
    var run = new ArrivalRun(nodes, setup.tieOrder(), policy, fragmentation);
    var placements = keepPlacements ? new Decision[setup.arrivals().size()] : null;
    var record = run.run(setup.arrivals(), placements);
    return new FgdResult.Run(policyName, setup.seed(), ArrivalCurve.of(record, capacityMilli()), placements);
  }

  private static <T> T await(Future<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

}
