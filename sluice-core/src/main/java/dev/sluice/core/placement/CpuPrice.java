package dev.sluice.core.placement;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import java.util.List;

/**
 * What a CPU milli left unusable costs in GPU milli: zero where the cluster's GPUs run out before its CPU,
 * and the workload's GPU milli per CPU milli where its CPU runs out first.
 *
 * <p>Let R be the CPU the workload asks per GPU milli (CPU-only pods included) over the cluster's CPU per GPU
 * milli: the share of the cluster's CPU the pods have asked for by the time their GPU request reaches the
 * cluster's GPUs. With R ≤ 1 the GPUs bind and CPU left over costs nothing. With R &gt; 1 the CPU runs out
 * first; the pods that come then find no CPU, and they are drawn from the whole workload, so each CPU milli
 * left where no pod can use it is, on average, the GPU milli of the workload's pods per CPU milli they ask
 * turned away. (The shadow price of CPU in the fluid model where pods arrive in the workload's proportions
 * and none can be refused.)
 */
public final class CpuPrice {
  private CpuPrice() {
  }

  /** The GPU milli one CPU milli is worth to {@code nodes} under {@code workload} (its whole table). */
  public static double of(TargetWorkload workload, List<Node> nodes) {
    return cpuBinds(workload, nodes) ? workload.meanGpuMilliPerPod() / workload.meanCpuMilliPerPod() : 0;
  }

  /** Whether R &gt; 1: the cluster's CPU runs out before its GPUs under {@code workload} (its whole table). */
  public static boolean cpuBinds(TargetWorkload workload, List<Node> nodes) {
    double cpuPerPod = workload.meanCpuMilliPerPod();
    double gpuPerPod = workload.meanGpuMilliPerPod();
    double clusterCpu = 0;
    double clusterGpu = 0;
    for (var node : nodes) {
      clusterCpu += node.cpuMilli();
      clusterGpu += (double) PodRequest.WHOLE_GPU * node.gpuCount();
    }
    if (cpuPerPod == 0 || gpuPerPod == 0 || clusterCpu == 0) return false;
    return cpuPerPod / gpuPerPod * clusterGpu / clusterCpu > 1;
  }
}
