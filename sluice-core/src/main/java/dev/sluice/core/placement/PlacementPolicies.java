package dev.sluice.core.placement;

import static dev.sluice.core.placement.SluicePolicy.Switch.CPU_FRAGMENT;
import static dev.sluice.core.placement.SluicePolicy.Switch.FRESH_BASELINE;
import static dev.sluice.core.placement.SluicePolicy.Switch.PROTECTION;
import static dev.sluice.core.placement.SluicePolicy.Switch.SHARING_GPU_EXCUSED;
import static dev.sluice.core.placement.SluicePolicy.Switch.STRANDING;
import static dev.sluice.core.placement.SluicePolicy.Switch.TIE_BREAK_ONLY;

import java.util.List;
import java.util.stream.Stream;
import java.util.random.RandomGenerator;

/** The placement policies by name. */
public final class PlacementPolicies {
  /** The six policies of the FGD paper, in the paper's order. */
  public static final List<String> FGD_PAPER = List.of("random", "dotprod", "clustering", "packing", "bestfit", "fgd");

  /** Sluice's own policy and its ablation variants (see docs/placement.md). */
  public static final List<String> SLUICE = List.of("sluice", "sluice-no-protection", "sluice-no-stranding", "sluice-no-baseline", "sluice-blended",
      "sluice-no-cpu-fragment", "sluice-protection-only", "sluice-share-counted", "sluice-fgd");

  private PlacementPolicies() {
  }

  /** Every name {@link #named} knows. */
  public static List<String> names() {
    return Stream.concat(FGD_PAPER.stream(), SLUICE.stream()).toList();
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
      case "sluice" -> new SluicePolicy(workload);
      case "sluice-no-protection" -> new SluicePolicy(name, workload, SluicePolicy.Options.DEFAULT.without(PROTECTION));
      case "sluice-no-stranding" -> new SluicePolicy(name, workload, SluicePolicy.Options.DEFAULT.without(STRANDING));
      case "sluice-no-baseline" -> new SluicePolicy(name, workload, SluicePolicy.Options.DEFAULT.without(FRESH_BASELINE));
      case "sluice-blended" -> new SluicePolicy(name, workload, SluicePolicy.Options.DEFAULT.without(TIE_BREAK_ONLY));
      case "sluice-no-cpu-fragment" -> new SluicePolicy(name, workload, SluicePolicy.Options.DEFAULT.without(CPU_FRAGMENT));
      case "sluice-protection-only" -> new SluicePolicy(name, workload, SluicePolicy.Options.DEFAULT.without(STRANDING, CPU_FRAGMENT));
      case "sluice-share-counted" -> new SluicePolicy(name, workload, SluicePolicy.Options.DEFAULT.without(SHARING_GPU_EXCUSED));
      case "sluice-fgd" -> new SluicePolicy(name, workload, SluicePolicy.Options.DEFAULT.without(STRANDING, PROTECTION, CPU_FRAGMENT));
      default -> throw new IllegalArgumentException(
          "unknown placement policy '" + name + "'; known: " + String.join(", ", names()));
    };
  }
}
