package dev.sluice.k8s;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.Workload;
import dev.sluice.k8s.read.KubeQuantities;
import dev.sluice.k8s.resource.QueueResource;
import dev.sluice.k8s.write.Conditions;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each queue's status from one cycle: what its running pods hold (the leaf's own, summed up the tree for a
 * parent), what its pods ask for in all, its fair share, a {@code Ready} condition and its past usage.
 */
final class QueueStatuses {
  private static final List<Dimension> SHOWN = List.of(Dimension.GPU, Dimension.CPU, Dimension.MEMORY);

  private QueueStatuses() {
  }

  /** @param usage each queue's past usage, as its status should say it ({@link UsageStatuses#next}) */
  static Map<String, QueueResource.Status> of(SchedulerSnapshot snapshot, FairShares fairShares, String queueProblem,
                                              Map<String, QueueResource.Usage> usage, Instant now) {
    var allocated = new HashMap<String, long[]>();
    var requested = new HashMap<String, long[]>();
    snapshot.running().forEach(r -> {
      add(snapshot, allocated, r.workload().queue(), r.bindings().stream().map(b -> b.pod()).toList());
      add(snapshot, requested, r.workload().queue(), r.workload().pods());
    });
    snapshot.pending().forEach((Workload w) -> add(snapshot, requested, w.queue(), w.pods()));
    var statuses = new TreeMap<String, QueueResource.Status>();
    for (var name : names(snapshot.queues())) {
      var condition = queueProblem == null
          ? Conditions.of("Ready", true, "Valid", "the queue is scheduled", now)
          : Conditions.of("Ready", false, "InvalidQueues", queueProblem, now);
      statuses.put(name, new QueueResource.Status(quantities(allocated.get(name)), quantities(requested.get(name)),
          shares(fairShares, name), List.of(condition), usage.get(name)));
    }
    return statuses;
  }

  private static List<String> names(dev.sluice.core.queue.QueueTree tree) {
    var names = new java.util.ArrayList<String>();
    var next = new java.util.ArrayDeque<>(tree.roots());
    while (!next.isEmpty()) {
      var name = next.poll();
      names.add(name);
      next.addAll(tree.children(name));
    }
    return names;
  }

  private static void add(SchedulerSnapshot snapshot, Map<String, long[]> totals, String leaf,
                          List<dev.sluice.core.model.PodRequest> pods) {
    for (String queue : snapshot.queues().pathToRoot(leaf)) {
      var total = totals.computeIfAbsent(queue, q -> new long[3]);
      for (var pod : pods) {
        total[0] += pod.totalGpuMilli();
        total[1] += pod.cpuMilli();
        total[2] += pod.memoryMib();
      }
    }
  }

  private static Map<String, Quantity> quantities(long[] amounts) {
    var values = amounts == null ? new long[3] : amounts;
    return Map.of("gpu", KubeQuantities.ofMilli(values[0]), "cpu", KubeQuantities.ofMilli(values[1]), "memory",
        KubeQuantities.ofMib(values[2]));
  }

  private static Map<String, Quantity> shares(FairShares fairShares, String queue) {
    var shares = new TreeMap<String, Quantity>();
    for (var d : SHOWN) {
      long amount = fairShares.of(queue, d);
      shares.put(d.name(), d.equals(Dimension.MEMORY) ? KubeQuantities.ofMib(amount) : KubeQuantities.ofMilli(amount));
    }
    return shares;
  }
}
