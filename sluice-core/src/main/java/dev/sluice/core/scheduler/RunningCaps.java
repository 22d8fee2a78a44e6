package dev.sluice.core.scheduler;

import dev.sluice.core.queue.QueueTree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many workloads run under each queue that caps them ({@code QueueSpec#maxRunningWorkloads}), against its cap.
 * A cap counts the workloads of the queue and of every queue under it, each workload once whatever its number of
 * pods (a parent's cap bounds its subtree, as Slurm's {@code GrpJobs} does). A workload may start only while its
 * leaf queue and every capped ancestor run fewer than their caps; work that runs beyond a cap (lowered since it
 * started) is not stopped, and nothing starts under that queue until it is back below. Mutable: the scheduler counts
 * a start, an eviction and their rollbacks ({@link Session}), a policy that never evicts counts its starts.
 */
public final class RunningCaps {
  private final Map<String, Integer> caps = new HashMap<>();
  private final Map<String, Integer> running = new HashMap<>();
  /** For each leaf under some cap, the capped queues on its path, from the leaf up. */
  private final Map<String, List<String>> cappedPaths = new HashMap<>();

  private RunningCaps() {
  }

  /** The caps of {@code queues}, counting {@code running} as running. */
  public static RunningCaps of(QueueTree queues, List<RunningWorkload> running) {
    var counts = new RunningCaps();
    for (var queue : queues.names()) {
      var spec = queues.queue(queue).orElseThrow();
      if (spec.capsRunning()) counts.caps.put(queue, spec.maxRunningWorkloads());
    }
    if (counts.caps.isEmpty()) return counts;
    for (var leaf : queues.names()) {
      if (!queues.isLeaf(leaf)) continue;
      var capped = queues.pathToRoot(leaf).stream().filter(counts.caps::containsKey).toList();
      if (!capped.isEmpty()) counts.cappedPaths.put(leaf, capped);
    }
    for (var r : running) counts.started(r.workload().queue());
    return counts;
  }

  /** Why no workload of the leaf queue may start now, if none may: the first queue from the leaf up at its cap. */
  public Optional<PendingReason> refusal(String leaf) {
    for (var queue : cappedPaths.getOrDefault(leaf, List.of())) {
      int cap = caps.get(queue);
      int count = running.getOrDefault(queue, 0);
      if (count >= cap) return Optional.of(new PendingReason.AtRunningCap(queue, cap, count));
    }
    return Optional.empty();
  }

  /** Counts a workload of the leaf queue that starts (or is put back where it ran). */
  public void started(String leaf) {
    for (var queue : cappedPaths.getOrDefault(leaf, List.of())) running.merge(queue, 1, Integer::sum);
  }

  /** Counts a workload of the leaf queue that stops running (or whose start is undone). */
  public void stopped(String leaf) {
    for (var queue : cappedPaths.getOrDefault(leaf, List.of())) running.merge(queue, -1, Integer::sum);
  }
}
