package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;

/**
 * BestFit: prefers the node with the least CPU and GPU left after the pod, each scaled by the reference
 * machine and weighted one half: {@code score = trunc(100 · (1 − (½·cpuLeftAfter/128000 + ½·gpuLeftAfter/8000)))},
 * then min–max normalised over the nodes that fit.
 */
public final class BestFitPolicy implements ScoringPolicy {
  @Override
  public String name() {
    return "bestfit";
  }

  @Override
  public long score(NodeState node, PodShape pod) {
    double cpuLeft = (node.freeCpuMilli() - pod.cpuMilli()) / ReferenceShape.CPU_MILLI;
    double gpuLeft = (node.freeGpuMilliTotal() - pod.totalGpuMilli()) / ReferenceShape.GPU_MILLI;
    return (long) ((1 - (0.5 * cpuLeft + 0.5 * gpuLeft)) * 100);
  }

  @Override
  public boolean normalizesScores() {
    return true;
  }
}
