package dev.sluice.core.placement;

import dev.sluice.core.model.PodRequest;
import java.util.List;
import java.util.Objects;

/** What placement decided for one pod. The caller commits a {@link Placed} decision, or not. */
public sealed interface Decision permits Decision.Placed, Decision.Unschedulable {
  PodRequest pod();

  /**
   * The pod goes to {@code node} and takes {@code gpus}.
   *
   * @param nodeIndex index of the node in the cluster
   * @param nodeName  the node's name
   * @param gpus      GPU indices on that node, ascending for whole GPUs
   * @param score     the winning score, on the policy's scale
   */
  record Placed(PodRequest pod, int nodeIndex, String nodeName, List<Integer> gpus, long score) implements Decision {
    public Placed {
      Objects.requireNonNull(pod, "pod");
      Objects.requireNonNull(nodeName, "nodeName");
      gpus = List.copyOf(gpus);
    }

    public int[] gpuArray() {
      return gpus.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** No node can take the pod now; {@code reason} says why, node by node. */
  record Unschedulable(PodRequest pod, UnschedulableReason reason) implements Decision {
    public Unschedulable {
      Objects.requireNonNull(pod, "pod");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
