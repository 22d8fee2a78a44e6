package dev.sluice.sim.robustness;

import dev.sluice.core.model.Node;
import dev.sluice.sim.bound.OfflineBound;
import dev.sluice.sim.fgd.FgdExperiment;
import dev.sluice.sim.fgd.FgdResult;
import dev.sluice.sim.trace.TracePod;
import dev.sluice.sim.variant.PodMix;
import dev.sluice.sim.variant.WorkloadVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A policy against a baseline over a grid of workload mixes: at each point, {@code files} pod lists are
 * generated from the source ({@link WorkloadVariant}, file k drawn with seed k, the same k at every point),
 * and each is run through the FGD experiment on every seed with both policies.
 *
 * @param withBound also compute the offline bound ({@link OfflineBound}) of every generated list and seed
 */
public record RobustnessSweep(List<Node> nodes, List<TracePod> source, String policy, String baseline, int files,
                             List<Long> seeds, double tuneRatio, boolean withBound) {
  private static final int ARRIVED_PCT = 100;

  public RobustnessSweep {
    nodes = List.copyOf(nodes);
    source = List.copyOf(source);
    seeds = List.copyOf(seeds);
    if (files < 1) throw new IllegalArgumentException("files must be at least 1");
  }

  public PointResult run(PodMix mix, int threads) throws InterruptedException {
    var results = new ArrayList<FgdResult>();
    double boundTotal = 0;
    for (int file = 1; file <= files; file++) {
      var pods = WorkloadVariant.of(source, mix, nodes, new SplittableRandom(file)).stream()
          .map(TracePod::request).toList();
      results.add(new FgdExperiment(nodes, pods, List.of(baseline, policy), seeds, tuneRatio)
          .run(threads, false, (p, s) -> { }));
      if (withBound) boundTotal += OfflineBound.meanUnallocatedPctAt100(nodes, pods, seeds, tuneRatio);
    }
    var paired = results.stream().map(r -> r.paired(policy, baseline, ARRIVED_PCT)).toList();
    int pairs = paired.stream().mapToInt(FgdResult.PairedDifference::seeds).sum();
    return new PointResult(mix, meanUnallocated(results, baseline), meanUnallocated(results, policy),
        paired.stream().mapToDouble(d -> d.meanDifference() * d.seeds()).sum() / pairs,
        paired.stream().mapToInt(FgdResult.PairedDifference::wins).sum(), pairs,
        withBound ? boundTotal / files : Double.NaN);
  }

  /** Every point of the grid in order; {@code done} hears of each as it finishes. */
  public List<PointResult> run(RobustnessGrid grid, int threads, Consumer<PointResult> done)
      throws InterruptedException {
    var results = new ArrayList<PointResult>();
    for (var mix : grid.points()) {
      var result = run(mix, threads);
      done.accept(result);
      results.add(result);
    }
    return List.copyOf(results);
  }

  private static double meanUnallocated(List<FgdResult> results, String policy) {
    return results.stream().mapToDouble(r -> r.means().get(policy).unallocatedPct(ARRIVED_PCT)).average().orElseThrow();
  }
}
