package dev.sluice.sim.variant;

import dev.sluice.core.model.PodRequest;
import java.util.Collection;
import java.util.Locale;

/**
 * The mix of a pod list, as the four knobs of a workload variant measure it.
 *
 * @param cpuShare      CPU-only pods' share of all pods' CPU request
 * @param sharingShare  pods on a fraction of one GPU: their share of all GPU milli requested
 * @param multiGpuShare pods on several GPUs: their share of all GPU milli requested
 * @param gpuSpecShare  share of the GPU pods (by count) that name the GPU models they may run on
 */
public record PodMix(double cpuShare, double sharingShare, double multiGpuShare, double gpuSpecShare) {
  public PodMix {
    requireShare("cpu share", cpuShare);
    requireShare("sharing share", sharingShare);
    requireShare("multi-GPU share", multiGpuShare);
    requireShare("GPU-spec share", gpuSpecShare);
    if (sharingShare + multiGpuShare > 1 + 1e-9) {
      throw new IllegalArgumentException("sharing share + multi-GPU share must be at most 1, was "
          + (sharingShare + multiGpuShare));
    }
  }

  private static void requireShare(String what, double value) {
    if (!(value >= 0 && value <= 1)) throw new IllegalArgumentException(what + " must be in [0, 1], was " + value);
  }

  /** The one-whole-GPU pods' share of GPU milli: what sharing and multi-GPU pods leave. */
  public double oneGpuShare() {
    return Math.max(0, 1 - sharingShare - multiGpuShare);
  }

  /** The mix of {@code pods}; a share of nothing (no GPU pods, no CPU) is 0. */
  public static PodMix of(Collection<PodRequest> pods) {
    long cpuOnlyCpu = 0;
    long allCpu = 0;
    long sharingMilli = 0;
    long multiMilli = 0;
    long allMilli = 0;
    int gpuPods = 0;
    int constrained = 0;
    for (var pod : pods) {
      var kind = PodKind.of(pod);
      allCpu += pod.cpuMilli();
      allMilli += pod.totalGpuMilli();
      if (kind == PodKind.CPU_ONLY) cpuOnlyCpu += pod.cpuMilli();
      if (kind == PodKind.SHARING) sharingMilli += pod.totalGpuMilli();
      if (kind == PodKind.MULTI_GPU) multiMilli += pod.totalGpuMilli();
      if (kind != PodKind.CPU_ONLY) gpuPods++;
      if (kind != PodKind.CPU_ONLY && !pod.allowedGpuModels().isEmpty()) constrained++;
    }
    return new PodMix(ratio(cpuOnlyCpu, allCpu), ratio(sharingMilli, allMilli), ratio(multiMilli, allMilli),
        ratio(constrained, gpuPods));
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "cpu %.3f, sharing %.3f, multi-GPU %.3f, GPU-spec %.3f", cpuShare,
        sharingShare, multiGpuShare, gpuSpecShare);
  }
}
