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
public final class FgdPolicy extends GpuTrialPolicy {
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
  long scoreWith(NodeState node, PodShape pod, int[] gpus) {
    double before = fragmentationByState.computeIfAbsent(node, fragmentation::of);
    double after = fragmentation.of(node.type().gpuModel(), node.freeCpuMilli() - pod.cpuMilli(), freeAfter(node, pod, gpus));
    return percent(before - after);
  }
}
