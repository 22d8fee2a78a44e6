package dev.sluice.server.control;

import dev.sluice.core.scheduler.Workload;
import dev.sluice.server.store.Job;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The workloads of the pending jobs ({@link JobWorkloads#workload}), each built once and kept for as long as its job
 * waits, so that a cycle over a deep queue does not build every waiting job's workload again: what a workload is made
 * of (a job's id, queue, user, request, priority, preemptibility, submission time and runtimes) never changes. Those
 * of the jobs a cycle no longer offers are forgotten at its end; the rest stay where they are (a map rebuilt every
 * cycle would outlive young collections and be copied into the old generation each time). Not thread-safe: one cycle
 * at a time.
 */
final class PendingWorkloads {
  private final Map<Long, Workload> kept = new HashMap<>();
  private Set<Long> offered = new HashSet<>();

  /** The job's workload, as built for it before if it was offered to an earlier cycle too. */
  Workload of(Job job) {
    offered.add(job.seq());
    return kept.computeIfAbsent(job.seq(), seq -> JobWorkloads.workload(job));
  }

  /** The cycle is over: keeps the workloads it was offered, and only those. */
  void cycleEnded() {
    kept.keySet().retainAll(offered);
    offered = new HashSet<>();
  }
}
