package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;

/**
 * A policy that scores a node by trying the pod on it, as FGD does: a sharing pod is tried on every GPU with
 * room and takes the first that scores best, which is also the node's score; other pods are tried on the GPUs
 * a node hands out from the least free up, and whole GPUs go to the lowest-indexed free ones.
 */
abstract class GpuTrialPolicy implements ScoringPolicy {
  /** The score of the node after the pod takes {@code gpus} (indices). */
  abstract long scoreWith(NodeState node, PodShape pod, int[] gpus);

  @Override
  public final long score(NodeState node, PodShape pod) {
    return pod.isSharing() ? bestSharingGpu(node, pod).score() : scoreWith(node, pod, GpusByFreeAscending.take(node, pod));
  }

  @Override
  public final int[] chooseGpus(NodeState node, PodShape pod) {
    return pod.isSharing() ? new int[] {bestSharingGpu(node, pod).gpu()} : GpuChoice.standard(node, pod);
  }

  /** The free milli per GPU after the pod takes {@code gpus}. */
  static int[] freeAfter(NodeState node, PodShape pod, int[] gpus) {
    var free = node.freeGpuMilliPerGpu();
    for (int gpu : gpus) free[gpu] -= pod.gpuMilliPerGpu();
    return free;
  }

  /** FGD's score of a drop in GPU milli: {@code trunc(100 · sigmoid(drop / 1000))}, 0..100. */
  static long percent(double drop) {
    return (long) (100 / (1 + Math.exp(-drop / 1000)));
  }

  private record GpuScore(int gpu, long score) {}

  private GpuScore bestSharingGpu(NodeState node, PodShape pod) {
    int bestGpu = -1;
    long bestScore = Long.MIN_VALUE;
    for (int gpu = 0; gpu < node.gpuCount(); gpu++) {
      if (node.freeGpuMilli(gpu) < pod.gpuMilliPerGpu()) continue;
      long score = scoreWith(node, pod, new int[] {gpu});
      if (score > bestScore) {
        bestScore = score;
        bestGpu = gpu;
      }
    }
    return new GpuScore(bestGpu, bestScore);
  }
}
