package dev.sluice.server.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The host as of the last cycle: what each GPU (by position) has allocated and to which jobs, each queue's
 * load, and the queue position of each waiting job (by job number).
 */
public record ClusterView(Instant at, List<Long> gpuAllocatedMilli, List<List<String>> gpuJobs,
                          Map<String, QueueLoad> queues, Map<Long, Integer> queuePositions) {
  public ClusterView {
    gpuAllocatedMilli = List.copyOf(gpuAllocatedMilli);
    gpuJobs = gpuJobs.stream().map(List::copyOf).toList();
    queues = Map.copyOf(queues);
    queuePositions = Map.copyOf(queuePositions);
  }

  public QueueLoad queue(String name) {
    return queues.getOrDefault(name, QueueLoad.NONE);
  }

  public long gpuAllocatedMilliTotal() {
    return gpuAllocatedMilli.stream().mapToLong(Long::longValue).sum();
  }
}
