package dev.sluice.sim.topology;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;

/** How many pods of one shape a node can still take. */
final class NodeFit {
  private NodeFit() {
  }

  /**
   * How many more pods like {@code pod} fit on a node in {@code state}, each with its CPU, memory and whole GPUs; a pod
   * that asks for nothing of a resource is not limited by it.
   */
  static int podsFitting(NodeState state, PodRequest pod) {
    if (pod.gpuCount() > 0 && pod.gpuMilliPerGpu() != PodRequest.WHOLE_GPU) {
      throw new IllegalArgumentException("pod " + pod.name() + ": gangs here take whole GPUs");
    }
    long fit = Integer.MAX_VALUE;
    if (pod.cpuMilli() > 0) fit = Math.min(fit, state.freeCpuMilli() / pod.cpuMilli());
    if (pod.memoryMib() > 0) fit = Math.min(fit, state.freeMemoryMib() / pod.memoryMib());
    if (pod.gpuCount() > 0) fit = Math.min(fit, state.fullyFreeGpus() / pod.gpuCount());
    return (int) Math.max(0, fit);
  }
}
