package dev.sluice.server.store;

import dev.sluice.core.model.NicBandwidth;

/**
 * What a job asks for. Every job counts at least {@link #MIN_CPU_MILLI} and {@link #MIN_MEMORY_MIB} against its
 * queue and its host, whatever it asked for (less is raised to that), so that no number of jobs is free.
 *
 * @param gpus             how many GPUs (1 for a fraction of one)
 * @param gpuMilli         the share of each GPU in thousandths: 1000 for whole GPUs; 0 without GPUs
 * @param gpuMemoryMib     GPU memory asked for on that GPU, when the request was made in memory; else 0
 * @param cpuMilli         CPU in thousandths of a core
 * @param memoryMib        host memory
 * @param nicBandwidthMbps NIC bandwidth in Mbit/s, at most {@link NicBandwidth#MAX_MBPS}; 0 for none
 * @param rdma             whether the job needs an RDMA NIC (and its bandwidth, if any, from the RDMA NIC nearest
 *                         each of its GPUs)
 */
public record JobResources(int gpus, int gpuMilli, long gpuMemoryMib, long cpuMilli, long memoryMib, long nicBandwidthMbps,
                           boolean rdma) {
  /** The least CPU a job counts: a hundredth of a core. */
  public static final long MIN_CPU_MILLI = 10;
  /** The least host memory a job counts. */
  public static final long MIN_MEMORY_MIB = 16;

  public JobResources {
    if (gpus < 0 || gpuMilli < 0 || gpuMilli > 1000 || gpuMemoryMib < 0 || cpuMilli < 0 || memoryMib < 0
        || nicBandwidthMbps < 0 || nicBandwidthMbps > NicBandwidth.MAX_MBPS) {
      throw new IllegalArgumentException("job resources out of range: " + gpus + " GPUs, " + gpuMilli + " GPU milli, "
          + cpuMilli + " CPU milli, " + memoryMib + " MiB, " + nicBandwidthMbps + " Mbit/s");
    }
    cpuMilli = Math.max(cpuMilli, MIN_CPU_MILLI);
    memoryMib = Math.max(memoryMib, MIN_MEMORY_MIB);
    if ((gpus == 0) != (gpuMilli == 0)) throw new IllegalArgumentException("gpus and gpuMilli must be zero together");
  }

  /** A job that asks nothing of the host's NICs. */
  public JobResources(int gpus, int gpuMilli, long gpuMemoryMib, long cpuMilli, long memoryMib) {
    this(gpus, gpuMilli, gpuMemoryMib, cpuMilli, memoryMib, 0, false);
  }

  /** The same request with {@code mbps} of NIC bandwidth, RDMA when {@code needsRdma}. */
  public JobResources withNic(long mbps, boolean needsRdma) {
    return new JobResources(gpus, gpuMilli, gpuMemoryMib, cpuMilli, memoryMib, mbps, needsRdma);
  }

  public long totalGpuMilli() {
    return (long) gpus * gpuMilli;
  }
}
