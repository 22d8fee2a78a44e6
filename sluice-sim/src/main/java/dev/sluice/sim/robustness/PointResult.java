package dev.sluice.sim.robustness;

import dev.sluice.sim.variant.PodMix;

/**
 * A policy against the baseline at one grid point, over every generated file and seed there.
 *
 * @param baselineUnallocated mean unallocated GPU % at arrived = 100 % of the baseline (FGD)
 * @param policyUnallocated   the same for the policy
 * @param meanDifference      mean of the paired (policy − baseline) differences; negative = policy better
 * @param wins                pairs (file, seed) on which the policy leaves strictly less unallocated
 * @param pairs               pairs compared
 * @param boundUnallocated    mean unallocated % of the offline bound, NaN when not computed
 */
public record PointResult(PodMix mix, double baselineUnallocated, double policyUnallocated, double meanDifference,
                          int wins, int pairs, double boundUnallocated) {
}
