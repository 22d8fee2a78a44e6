package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;

/**
 * DotProd: prefers the node whose free (CPU, GPU) vector has the smallest dot product with the request,
 * both scaled by the reference machine: {@code score = trunc(100 · (1 − (node · pod) / 2))}.
 */
public final class DotProductPolicy implements ScoringPolicy {
  @Override
  public String name() {
    return "dotprod";
  }

  @Override
  public long score(NodeState node, PodShape pod) {
    double cpu = (node.freeCpuMilli() / ReferenceShape.CPU_MILLI) * (pod.cpuMilli() / ReferenceShape.CPU_MILLI);
    double gpu = (node.freeGpuMilliTotal() / ReferenceShape.GPU_MILLI) * (pod.totalGpuMilli() / ReferenceShape.GPU_MILLI);
    return (long) (100 * (1 - (cpu + gpu) / 2));
  }
}
