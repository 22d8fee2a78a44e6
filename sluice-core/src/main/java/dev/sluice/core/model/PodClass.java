package dev.sluice.core.model;

/**
 * Coarse kinds of pods, as bits of a set: CPU-only, sharing a fraction of one GPU, or k whole GPUs (one
 * class per k, as the FGD paper's clustering tags "k-gpu"; counts above 29 share the last bit).
 */
public final class PodClass {
  public static final int CPU_ONLY = 1;
  public static final int SHARING = 1 << 1;
  private static final int LAST_WHOLE_GPU_COUNT = 29;

  private PodClass() {
  }

  /** The bit of a pod with {@code gpuCount} GPUs of {@code gpuMilliPerGpu} each. */
  public static int bit(int gpuCount, int gpuMilliPerGpu) {
    if (gpuCount == 0) return CPU_ONLY;
    if (gpuCount == 1 && gpuMilliPerGpu < PodRequest.WHOLE_GPU) return SHARING;
    return 1 << (1 + Math.min(gpuCount, LAST_WHOLE_GPU_COUNT));
  }
}
