package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.PodShape;
import java.util.HashMap;
import java.util.Map;

/**
 * Fragmentation gradient descent (Weng et al., ATC'23): prefers the node whose {@link Fragmentation} grows
 * least, {@code score = trunc(100 · sigmoid((F_before − F_after) / 1000))}. A sharing pod tries every GPU
 * with room and takes the first with the best score; whole GPUs are the lowest-indexed free ones.
 *
 * <p>Scores are truncated to integers on purpose: the paper's result depends on the ties this makes, which
 * the cluster's tie order then settles.
 */
public final class FgdPolicy implements ScoringPolicy {
  private final Fragmentation fragmentation;
  private final Map<NodeState, Double> fragmentationByState = new HashMap<>();

  public FgdPolicy(TargetWorkload workload) {
    this.fragmentation = new Fragmentation(workload);
  }

  @Override
  public String name() {
    return "fgd";
  }

  @Override
  public long score(NodeState node, PodShape pod) {
    return pod.isSharing() ? bestSharingGpu(node, pod).score() : scoreOf(node, pod, GpusByFreeAscending.take(node, pod));
  }

  @Override
  public int[] chooseGpus(NodeState node, PodShape pod) {
    return pod.isSharing() ? new int[] {bestSharingGpu(node, pod).gpu()} : GpuChoice.standard(node, pod);
  }

  private record GpuScore(int gpu, long score) {}

  /** The first GPU with room that scores best. */
  private GpuScore bestSharingGpu(NodeState node, PodShape pod) {
    int bestGpu = -1;
    long bestScore = Long.MIN_VALUE;
    for (int gpu = 0; gpu < node.gpuCount(); gpu++) {
      if (node.freeGpuMilli(gpu) < pod.gpuMilliPerGpu()) continue;
      long score = scoreOf(node, pod, new int[] {gpu});
      if (score > bestScore) {
        bestScore = score;
        bestGpu = gpu;
      }
    }
    return new GpuScore(bestGpu, bestScore);
  }

  private long scoreOf(NodeState node, PodShape pod, int[] gpus) {
    double before = fragmentationByState.computeIfAbsent(node, fragmentation::of);
    var free = new int[node.gpuCount()];
    for (int i = 0; i < free.length; i++) free[i] = node.freeGpuMilli(i);
    for (int gpu : gpus) free[gpu] -= pod.gpuMilliPerGpu();
    double after = fragmentation.of(node.type().gpuModel(), node.freeCpuMilli() - pod.cpuMilli(), free);
    return (long) (100 * sigmoid((before - after) / 1000));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
