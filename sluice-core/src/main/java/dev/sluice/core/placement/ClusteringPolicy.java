package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodClass;
import dev.sluice.core.model.PodShape;

/**
 * GPU clustering: prefers nodes whose GPU pods are all of the pod's class (+75), then nodes that host its
 * class among others (+50), then nodes without GPU pods (+25), then the rest (+0); within a band, fuller nodes
 * first ({@code 25 · (8000 − free GPU milli) / 8000}). CPU-only pods score 0 everywhere.
 */
public final class ClusteringPolicy implements ScoringPolicy {
  @Override
  public String name() {
    return "clustering";
  }

  @Override
  public long score(NodeState node, PodShape pod) {
    if (pod.gpuCount() == 0) return 0;
    long base = 25L * ((long) ReferenceShape.GPU_MILLI - node.freeGpuMilliTotal()) / (long) ReferenceShape.GPU_MILLI;
    int gpuClasses = node.residentClasses() & ~PodClass.CPU_ONLY;
    int own = pod.podClassBit();
    if ((gpuClasses & own) != 0) return base + (gpuClasses == own ? 75 : 50);
    return base + (gpuClasses == 0 ? 25 : 0);
  }
}
