package dev.sluice.core.model;

/** Coarse kinds of pods: CPU-only, sharing a fraction of one GPU, or k whole GPUs. */
public enum PodClass {
  CPU_ONLY, SHARING, ONE_GPU, TWO_GPUS, FOUR_GPUS, EIGHT_GPUS, OTHER_MULTI_GPU;

  public static PodClass of(int gpuCount, int gpuMilliPerGpu) {
    if (gpuCount == 0) return CPU_ONLY;
    if (gpuCount == 1) return gpuMilliPerGpu < PodRequest.WHOLE_GPU ? SHARING : ONE_GPU;
    return switch (gpuCount) {
      case 2 -> TWO_GPUS;
      case 4 -> FOUR_GPUS;
      case 8 -> EIGHT_GPUS;
      default -> OTHER_MULTI_GPU;
    };
  }

  public int bit() {
    return 1 << ordinal();
  }
}
