package dev.sluice.server.control;

import dev.sluice.core.model.FabricRequest;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.Placer;
import dev.sluice.core.placement.TargetWorkload;
import dev.sluice.core.placement.TieOrder;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Pending jobs in order of queue priority, job priority, submission time and id, each placed by the
 * {@code sluice} placement policy where it fits now; a job that does not fit waits with the placer's reason
 * and later jobs may still start (no reservations yet).
 */
public final class PriorityScheduling implements Scheduling {
  private static final long SEED = 42;

  @Override
  public List<JobDecision> decide(Cycle cycle) {
    if (cycle.pending().isEmpty()) return List.of();
    var cluster = new ClusterState(cycle.cluster(), TieOrder.identity(cycle.cluster().nodes().size()));
    var pods = Stream.concat(cycle.pending().stream(), cycle.running().stream()).map(PriorityScheduling::pod).toList();
    var policy = PlacementPolicies.named("sluice", TargetWorkload.of(pods, TargetWorkload.DEFAULT_COVERAGE),
        new SplittableRandom(SEED));
    var placer = new Placer(policy, cluster);
    var positions = new HashMap<String, Integer>();
    var decisions = new ArrayList<JobDecision>();
    for (var job : ordered(cycle.pending(), cycle.queues())) {
      var pod = pod(job);
      switch (placer.decide(pod)) {
        case Decision.Placed placed -> {
          cluster.assign(placed.nodeIndex(), pod.shape(), placed.gpuArray());
          decisions.add(new Start(job, placed.nodeName(), placed.gpus()));
        }
        case Decision.Unschedulable unschedulable -> decisions.add(new Wait(job,
            new Reason("no-node-fits", unschedulable.reason().message()), positions.merge(job.queue(), 1, Integer::sum)));
      }
    }
    return decisions;
  }

  /** Queue priority (higher first), job priority (higher first), submission time, then id. */
  static List<Job> ordered(List<Job> pending, Map<String, QueueRecord> queues) {
    Comparator<Job> order = Comparator.<Job>comparingInt(job -> -queuePriority(queues, job.queue()))
        .thenComparingInt(job -> -job.priority())
        .thenComparing(Job::submittedAt)
        .thenComparingLong(Job::seq);
    return pending.stream().sorted(order).toList();
  }

  private static int queuePriority(Map<String, QueueRecord> queues, String queue) {
    var record = queues.get(queue);
    return record == null ? 0 : record.priority();
  }

  /** The job's request as placement sees it. */
  public static PodRequest pod(Job job) {
    var r = job.request();
    var pod = new PodRequest(job.id(), r.cpuMilli(), r.memoryMib(), r.gpus(), r.gpuMilli(), Set.of());
    return r.nicBandwidthMbps() == 0 && !r.rdma() ? pod : pod.withFabric(FabricRequest.nic(r.nicBandwidthMbps(), r.rdma()));
  }
}
