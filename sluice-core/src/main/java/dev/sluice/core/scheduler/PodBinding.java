package dev.sluice.core.scheduler;

import dev.sluice.core.model.PodRequest;
import java.util.List;
import java.util.Objects;

/**
 * One pod on one node, holding GPUs by index.
 *
 * @param pod  the pod
 * @param node the node's name
 * @param gpus GPU indices on that node; empty for a CPU-only pod
 */
public record PodBinding(PodRequest pod, String node, List<Integer> gpus) {
  public PodBinding {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(node, "node");
    gpus = List.copyOf(gpus);
    if (gpus.size() != pod.gpuCount()) {
      throw new IllegalArgumentException("pod " + pod.name() + " needs " + pod.gpuCount() + " GPUs, bound to " + gpus.size());
    }
  }

  int[] gpuArray() {
    return gpus.stream().mapToInt(Integer::intValue).toArray();
  }
}
