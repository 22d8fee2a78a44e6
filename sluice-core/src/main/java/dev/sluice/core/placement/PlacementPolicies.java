package dev.sluice.core.placement;

import java.util.List;
import java.util.random.RandomGenerator;

/** The placement policies by name. */
public final class PlacementPolicies {
  /** The six policies of the FGD paper, in the paper's order. */
  public static final List<String> FGD_PAPER = List.of("random", "dotprod", "clustering", "packing", "bestfit", "fgd");

  private PlacementPolicies() {
  }

  /** Every name {@link #named} knows. */
  public static List<String> names() {
    return FGD_PAPER;
  }

  /**
   * A fresh policy (policies may remember per-state results, so use one per cluster).
   *
   * @param workload the target workload, for policies that look ahead at it
   * @param random   randomness, for policies that draw
   * @throws IllegalArgumentException for an unknown name
   */
  public static PlacementPolicy named(String name, TargetWorkload workload, RandomGenerator random) {
    return switch (name) {
      case "random" -> new RandomPolicy(random);
      case "dotprod" -> new DotProductPolicy();
      case "clustering" -> new ClusteringPolicy();
      case "packing" -> new PackingPolicy();
      case "bestfit" -> new BestFitPolicy();
      case "fgd" -> new FgdPolicy(workload);
      default -> throw new IllegalArgumentException(
          "unknown placement policy '" + name + "'; known: " + String.join(", ", names()));
    };
  }
}
