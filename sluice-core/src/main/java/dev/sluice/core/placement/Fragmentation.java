package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.placement.TargetWorkload.PodKind;

/**
 * The FGD paper's measure of GPU fragmentation of a node against a target workload: the expected amount
 * of the node's idle GPU milli that a pod drawn from the workload could not use.
 *
 * <p>For each kind m with probability p_m: if the node can host m (GPU model allowed, enough CPU, enough
 * GPUs with at least m's milli free) the fragment is the idle milli of the GPUs too small for m; otherwise,
 * and always for CPU-only kinds, it is all the node's idle GPU milli. Memory plays no part.
 */
public final class Fragmentation {
  private final PodKind[] kinds;

  public Fragmentation(TargetWorkload workload) {
    this.kinds = workload.kinds().toArray(PodKind[]::new);
  }

  /** The expected fragment, in GPU milli, of a node in {@code state}. */
  public double of(NodeState state) {
    return of(state.type().gpuModel(), state.freeCpuMilli(), state.freeGpuMilliPerGpu());
  }

  /** The expected fragment of a node with {@code freeCpuMilli} and {@code freeGpuMilli} per GPU. */
  public double of(String gpuModel, long freeCpuMilli, int[] freeGpuMilli) {
    int idle = 0;
    for (int free : freeGpuMilli) idle += free;
    if (idle == 0) return 0;
    double fragment = 0;
    for (var kind : kinds) {
      fragment += kind.probability() * fragmentFor(kind, gpuModel, freeCpuMilli, freeGpuMilli, idle);
    }
    return fragment;
  }

  private static int fragmentFor(PodKind kind, String gpuModel, long freeCpuMilli, int[] freeGpuMilli, int idle) {
    if (kind.gpuCount() == 0 || !kind.allowsModel(gpuModel) || freeCpuMilli < kind.cpuMilli()) return idle;
    int roomy = 0;
    int tooSmall = 0;
    for (int free : freeGpuMilli) {
      if (free >= kind.gpuMilliPerGpu()) {
        roomy++;
      } else {
        tooSmall += free;
      }
    }
    return roomy >= kind.gpuCount() ? tooSmall : idle;
  }
}
