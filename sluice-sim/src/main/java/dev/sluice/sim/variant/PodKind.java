package dev.sluice.sim.variant;

import dev.sluice.core.model.PodRequest;

/** The four kinds of pod a workload variant mixes: by how many GPUs they ask and whether they share one. */
public enum PodKind {
  CPU_ONLY, SHARING, ONE_GPU, MULTI_GPU;

  public static PodKind of(PodRequest pod) {
    if (pod.gpuCount() == 0) return CPU_ONLY;
    if (pod.gpuCount() > 1) return MULTI_GPU;
    return pod.gpuMilliPerGpu() < PodRequest.WHOLE_GPU ? SHARING : ONE_GPU;
  }
}
