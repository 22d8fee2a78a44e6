package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Random fit: a node drawn uniformly from those the pod fits; inside it, whole GPUs are the lowest-indexed
 * free ones and a fraction goes to a GPU drawn uniformly from those with room.
 */
public final class RandomPolicy implements PlacementPolicy {
  private final RandomGenerator random;

  public RandomPolicy(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public String name() {
    return "random";
  }

  /** Which of {@code fitting} nodes (0-based, in the order the placer lists them) to take. */
  int pickNode(int fitting) {
    return fitting == 1 ? 0 : random.nextInt(fitting);
  }

  int[] chooseGpus(NodeState node, PodShape pod) {
    if (!pod.isSharing()) return GpuChoice.standard(node, pod);
    int withRoom = node.gpusWithRoom(pod.gpuMilliPerGpu());
    int pick = withRoom == 1 ? 0 : random.nextInt(withRoom);
    for (int gpu = 0; gpu < node.gpuCount(); gpu++) {
      if (node.freeGpuMilli(gpu) >= pod.gpuMilliPerGpu() && pick-- == 0) return new int[] {gpu};
    }
    throw new IllegalStateException("no GPU has room for " + pod.gpuMilliPerGpu() + " milli");
  }
}
