package dev.sluice.sim.fgd;

import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.TieOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * What one seed fixes for every policy it runs: the arrival sequence, the tie order of the nodes, and the
 * seed of the randomness a drawing policy uses. All are drawn from one generator seeded with {@code seed},
 * in that order, so every policy of a seed sees the same pods and the same ties.
 */
public record SeedSetup(long seed, List<PodRequest> arrivals, int[] tieOrder, long policySeed) {
  public SeedSetup {
    arrivals = List.copyOf(arrivals);
    tieOrder = tieOrder.clone();
  }

  public static SeedSetup of(long seed, List<PodRequest> pods, int nodeCount, long capacityMilli, double tuneRatio) {
    var random = new SplittableRandom(seed);
    var arrivals = ArrivalWorkload.of(pods, capacityMilli, tuneRatio, random);
    var tieOrder = TieOrder.shuffled(nodeCount, random);
    return new SeedSetup(seed, arrivals, tieOrder, random.nextLong());
  }

  /** A fresh generator for a policy that draws. */
  public RandomGenerator policyRandom() {
    return new SplittableRandom(policySeed);
  }
}
