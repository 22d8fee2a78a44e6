package dev.sluice.sim.bound;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.sim.fgd.SeedSetup;
import java.util.List;

/**
 * The offline bound of the FGD experiment: no placement, even one that knows every pod in advance, can
 * allocate more GPU milli of a set of pods than the optimum of {@link PackingRelaxation}'s LP. At arrived =
 * 100 % it bounds the allocation after every pod of the arrival sequence that counts toward that point of
 * the curve (allocation can only grow with the pods offered, so the longest such prefix bounds them all).
 */
public final class OfflineBound {
  private static final int ARRIVED_PCT = 100;

  private OfflineBound() {
  }

  /** An upper bound on the GPU milli any placement of {@code pods} on {@code nodes} allocates. */
  public static double maxAllocatedGpuMilli(List<Node> nodes, List<PodRequest> pods) {
    return new PackingRelaxation(nodes, pods).maxAllocatedGpuMilli();
  }

  /** A lower bound on unallocated GPU % at arrived = 100 % for this arrival sequence. */
  public static double unallocatedPctAt100(List<Node> nodes, List<PodRequest> arrivals) {
    long capacity = nodes.stream().mapToLong(n -> (long) PodRequest.WHOLE_GPU * n.gpuCount()).sum();
    var offered = arrivals.subList(0, prefixLength(arrivals, capacity));
    double allocated = Math.min(capacity, maxAllocatedGpuMilli(nodes, offered));
    return 100 - 100 * allocated / capacity;
  }

  /** The mean over {@code seeds} of {@link #unallocatedPctAt100} on each seed's arrival sequence. */
  public static double meanUnallocatedPctAt100(List<Node> nodes, List<PodRequest> pods, List<Long> seeds,
                                               double tuneRatio) {
    long capacity = nodes.stream().mapToLong(n -> (long) PodRequest.WHOLE_GPU * n.gpuCount()).sum();
    return seeds.stream().mapToDouble(seed -> unallocatedPctAt100(nodes,
        SeedSetup.of(seed, pods, nodes.size(), capacity, tuneRatio).arrivals())).average().orElse(Double.NaN);
  }

  /**
   * How many arrivals count toward the curve at 100 %: those whose arrived % rounds to at most 100, or to at
   * most 101 when none rounds to exactly 100 ({@code ArrivalCurve} then takes the neighbouring bins).
   */
  static int prefixLength(List<PodRequest> arrivals, long capacity) {
    long arrived = 0;
    int throughBin = 0;
    int throughNext = 0;
    boolean binHasPods = false;
    for (int i = 0; i < arrivals.size(); i++) {
      arrived += arrivals.get(i).totalGpuMilli();
      long bin = Math.round(Math.rint(100.0 * arrived / capacity));
      if (bin <= ARRIVED_PCT) throughBin = i + 1;
      if (bin <= ARRIVED_PCT + 1) throughNext = i + 1;
      if (bin == ARRIVED_PCT) binHasPods = true;
    }
    return binHasPods ? throughBin : throughNext;
  }
}
