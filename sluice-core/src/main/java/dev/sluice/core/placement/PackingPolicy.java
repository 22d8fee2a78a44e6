package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;

/**
 * GPU packing: prefers sharing a GPU already in use (scores 50..100, higher the fuller it is), then free GPUs
 * on a node already in use (33..49), then a node whose GPUs are all free (25..32, smaller nodes first).
 * CPU-only pods score 0 everywhere.
 */
public final class PackingPolicy implements ScoringPolicy {
  @Override
  public String name() {
    return "packing";
  }

  @Override
  public long score(NodeState node, PodShape pod) {
    if (pod.gpuCount() == 0) return 0;
    int fullyFree = node.fullyFreeGpus();
    if (fullyFree == node.gpuCount()) return Math.max(33 - fullyFree, fullyFree);
    int[] taken = GpusByFreeAscending.take(node, pod);
    int freshGpus = 0;
    long freePercent = 0;
    for (int gpu : taken) {
      int free = node.freeGpuMilli(gpu);
      if (free == PodRequest.WHOLE_GPU) freshGpus++;
      freePercent += free * 100L / PodRequest.WHOLE_GPU;
    }
    if (freshGpus > 0) return Math.max(50 - freshGpus, 33);
    return Math.max(100 - freePercent / 10, 50);
  }
}
