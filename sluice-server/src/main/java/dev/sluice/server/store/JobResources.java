package dev.sluice.server.store;

/**
 * What a job asks for. Every job counts at least {@link #MIN_CPU_MILLI} and {@link #MIN_MEMORY_MIB} against its
 * queue and its host, whatever it asked for (less is raised to that), so that no number of jobs is free.
 *
 * @param gpus         how many GPUs (1 for a fraction of one)
 * @param gpuMilli     the share of each GPU in thousandths: 1000 for whole GPUs; 0 without GPUs
 * @param gpuMemoryMib GPU memory asked for on that GPU, when the request was made in memory; else 0
 * @param cpuMilli     CPU in thousandths of a core
 * @param memoryMib    host memory
 */
public record JobResources(int gpus, int gpuMilli, long gpuMemoryMib, long cpuMilli, long memoryMib) {
  /** The least CPU a job counts: a hundredth of a core. */
  public static final long MIN_CPU_MILLI = 10;
  /** The least host memory a job counts. */
  public static final long MIN_MEMORY_MIB = 16;

  public JobResources {
    if (gpus < 0 || gpuMilli < 0 || gpuMilli > 1000 || gpuMemoryMib < 0 || cpuMilli < 0 || memoryMib < 0) {
      throw new IllegalArgumentException("job resources out of range: " + gpus + " GPUs, " + gpuMilli + " GPU milli, "
          + cpuMilli + " CPU milli, " + memoryMib + " MiB");
    }
    cpuMilli = Math.max(cpuMilli, MIN_CPU_MILLI);
    memoryMib = Math.max(memoryMib, MIN_MEMORY_MIB);
    if ((gpus == 0) != (gpuMilli == 0)) throw new IllegalArgumentException("gpus and gpuMilli must be zero together");
  }

  public long totalGpuMilli() {
    return (long) gpus * gpuMilli;
  }
}
