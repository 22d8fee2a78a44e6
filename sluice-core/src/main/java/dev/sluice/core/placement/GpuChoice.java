package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;

/** Choices of GPUs inside a node that fits the pod. */
public final class GpuChoice {
  private static final int[] NONE = new int[0];

  private GpuChoice() {
  }

  /**
   * The usual choice: whole-GPU pods take the lowest-indexed free GPUs; a sharing pod takes the tightest GPU
   * with room (lowest index on ties); CPU-only pods take none.
   */
  public static int[] standard(NodeState node, PodShape pod) {
    if (pod.gpuCount() == 0) return NONE;
    if (pod.isSharing()) return new int[] {tightest(node, pod.gpuMilliPerGpu())};
    return lowestFree(node, pod.gpuCount());
  }

  /** The {@code count} lowest-indexed fully free GPUs. */
  public static int[] lowestFree(NodeState node, int count) {
    var chosen = new int[count];
    int taken = 0;
    for (int gpu = 0; gpu < node.gpuCount() && taken < count; gpu++) {
      if (node.freeGpuMilli(gpu) == PodRequest.WHOLE_GPU) chosen[taken++] = gpu;
    }
    if (taken < count) throw new IllegalStateException("only " + taken + " free GPUs, need " + count);
    return chosen;
  }

  /** The GPU with the least free milli that still has {@code milli} free; lowest index on ties. */
  public static int tightest(NodeState node, int milli) {
    int best = -1;
    for (int gpu = 0; gpu < node.gpuCount(); gpu++) {
      int free = node.freeGpuMilli(gpu);
      if (free >= milli && (best < 0 || free < node.freeGpuMilli(best))) best = gpu;
    }
    if (best < 0) throw new IllegalStateException("no GPU has " + milli + " milli free");
    return best;
  }
}
