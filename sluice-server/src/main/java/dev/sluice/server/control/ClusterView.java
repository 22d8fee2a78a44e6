package dev.sluice.server.control;

import dev.sluice.server.store.Job;
import dev.sluice.server.store.PendingLoad;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
    queuePositions = QueuePositions.copyOf(queuePositions);
  }

  /** The view of {@code host} with these running jobs and these queues' pending ones. */
  static ClusterView of(Host host, List<Job> running, Map<String, PendingLoad> pending, Map<Long, Integer> queuePositions,
                        Instant at) {
    var gpuMilli = new long[host.node().gpuCount()];
    var gpuJobs = new ArrayList<List<String>>();
    for (int i = 0; i < gpuMilli.length; i++) gpuJobs.add(new ArrayList<>());
    var loads = new HashMap<String, QueueLoad>();
    for (var job : running) {
      var r = job.request();
      for (int device : job.placement() == null ? List.<Integer>of() : job.placement().gpuIndices()) {
        int position = host.position(device);
        if (position < 0) continue;
        gpuMilli[position] += r.gpuMilli();
        gpuJobs.get(position).add(job.id());
      }
      loads.merge(job.queue(), new QueueLoad(r.totalGpuMilli(), r.cpuMilli(), r.memoryMib(), 1, 0, 0), QueueLoad::plus);
    }
    pending.forEach((queue, load) -> loads.merge(queue, new QueueLoad(0, 0, 0, 0, load.jobs(), load.gpuMilli()),
        QueueLoad::plus));
    return new ClusterView(at, Arrays.stream(gpuMilli).boxed().toList(), gpuJobs, loads, queuePositions);
  }

  public QueueLoad queue(String name) {
    return queues.getOrDefault(name, QueueLoad.NONE);
  }

  public long gpuAllocatedMilliTotal() {
    return gpuAllocatedMilli.stream().mapToLong(Long::longValue).sum();
  }
}
