package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.placement.TargetWorkload.PodKind;
import java.util.Arrays;

/**
 * The FGD paper's fragmentation of a node (as {@link Fragmentation}) together with the GPU milli stranded
 * for lack of CPU and the node's CPU fragment, all expectations over the target workload's kinds.
 *
 * <p>Stranding of a kind m on a node that can host m: the node's free CPU bounds how many pods of m it can
 * still take, {@code k = floor(cpuFree / cpu_m)}, so at most {@code k · gpuCount_m} of the GPUs with room
 * for m are reachable. The others, the roomiest (pods of m fill the tightest GPUs first), are stranded:
 * FGD counts their milli as usable, stranding counts it as lost. A node that cannot host m at all is
 * already all fragment in FGD's measure and strands nothing more.
 *
 * <p>With {@code freshBaseline}, an empty node's own shortfall is forgiven: an empty node of the type
 * reaches {@code floor(cpu / cpu_m) · gpuCount_m} GPUs, and the {@code gpuCount − that} it can never reach
 * are added to the reachable budget. Otherwise CPU-poor node types (8 GPUs and 96 cores) look stranded
 * before any pod arrives and a pod placed there looks like it relieves them.
 *
 * <p>CPU fragment: the free CPU milli of the node that a pod of the workload could not use, because the node
 * cannot host its kind (too little CPU, or, for a GPU kind, a GPU model it may not use or too few GPUs with
 * room). The FGD measure on CPU, CPU-only kinds included; a node with no free GPU keeps its CPU for
 * CPU-only pods alone.
 */
public final class StrandedFragmentation {
  /**
   * Expected fragment and stranded GPU milli and expected CPU fragment (CPU milli) of a node, all against the
   * target workload.
   */
  public record Measure(double fragment, double stranded, double cpuFragment) {}

  private final PodKind[] kinds;
  private final boolean freshBaseline;

  public StrandedFragmentation(TargetWorkload workload, boolean freshBaseline) {
    this.kinds = workload.kinds().toArray(PodKind[]::new);
    this.freshBaseline = freshBaseline;
  }

  public Measure of(NodeState state) {
    return of(state.type(), state.freeCpuMilli(), state.freeGpuMilliPerGpu());
  }

  /** The measure of a node of {@code type} with {@code freeCpuMilli} and {@code freeGpuMilli} per GPU. */
  public Measure of(NodeType type, long freeCpuMilli, int[] freeGpuMilli) {
    int idle = 0;
    for (int free : freeGpuMilli) idle += free;
    var ascending = freeGpuMilli.clone();
    Arrays.sort(ascending);
    double fragment = 0;
    double stranded = 0;
    double cpuUnusable = 0; // the share of the workload that cannot use the node's free CPU
    for (var kind : kinds) {
      if (freeCpuMilli < kind.cpuMilli()) {
        cpuUnusable += kind.probability();
        fragment += kind.probability() * idle;
        continue;
      }
      if (kind.gpuCount() == 0 || !kind.allowsModel(type.gpuModel())) {
        if (kind.gpuCount() > 0) cpuUnusable += kind.probability();
        fragment += kind.probability() * idle;
        continue;
      }
      int firstRoomy = 0; // ascending[firstRoomy..] have room for the kind
      int tooSmall = 0;
      while (firstRoomy < ascending.length && ascending[firstRoomy] < kind.gpuMilliPerGpu()) {
        tooSmall += ascending[firstRoomy++];
      }
      int roomy = ascending.length - firstRoomy;
      if (roomy < kind.gpuCount()) {
        cpuUnusable += kind.probability();
        fragment += kind.probability() * idle;
        continue;
      }
      fragment += kind.probability() * tooSmall;
      long reachable = kind.cpuMilli() == 0 ? roomy : freeCpuMilli / kind.cpuMilli() * kind.gpuCount();
      if (freshBaseline && kind.cpuMilli() > 0) {
        reachable += Math.max(0, type.gpuCount() - type.cpuMilli() / kind.cpuMilli() * kind.gpuCount());
      }
      int lost = 0;
      for (int i = (int) Math.min(roomy, reachable) + firstRoomy; i < ascending.length; i++) lost += ascending[i];
      stranded += kind.probability() * lost;
    }
    return new Measure(fragment, stranded, cpuUnusable * freeCpuMilli);
  }
}
