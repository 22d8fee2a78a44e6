package dev.sluice.server.control;

/** What a queue's running jobs hold, how many run and wait, and the GPU milli the waiting ones ask for. */
public record QueueLoad(long gpuMilli, long cpuMilli, long memoryMib, int running, int pending, long pendingGpuMilli) {
  public static final QueueLoad NONE = new QueueLoad(0, 0, 0, 0, 0, 0);

  QueueLoad plus(QueueLoad o) {
    return new QueueLoad(gpuMilli + o.gpuMilli, cpuMilli + o.cpuMilli, memoryMib + o.memoryMib, running + o.running,
        pending + o.pending, pendingGpuMilli + o.pendingGpuMilli);
  }
}
