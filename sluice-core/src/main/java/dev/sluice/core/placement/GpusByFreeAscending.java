package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;
import java.util.Arrays;

/** The GPUs a pod would take when GPUs are tried from the least free up (by index on ties). */
final class GpusByFreeAscending {
  private GpusByFreeAscending() {
  }

  static int[] take(NodeState node, PodShape pod) {
    Integer[] order = new Integer[node.gpuCount()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Integer.compare(node.freeGpuMilli(a), node.freeGpuMilli(b)));
    var taken = new int[pod.gpuCount()];
    int count = 0;
    for (int i = 0; i < order.length && count < taken.length; i++) {
      if (node.freeGpuMilli(order[i]) >= pod.gpuMilliPerGpu()) taken[count++] = order[i];
    }
    if (count < taken.length) throw new IllegalStateException("the pod does not fit the node's GPUs");
    return taken;
  }
}
