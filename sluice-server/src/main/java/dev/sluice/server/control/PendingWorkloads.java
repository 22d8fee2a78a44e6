package dev.sluice.server.control;

import dev.sluice.core.scheduler.Workload;
import dev.sluice.server.store.Job;
import java.util.HashMap;
import java.util.Map;

/**
 * The workloads of the pending jobs ({@link JobWorkloads#workload}), each built once and kept for as long as its job
 * waits, so that a cycle over a deep queue does not build every waiting job's workload again: what a workload is made
 * of (a job's id, queue, user, request, priority, preemptibility, submission time and runtimes) never changes. Those
 * of the jobs a cycle no longer offers are forgotten at its end. Not thread-safe: one cycle at a time.
 */
final class PendingWorkloads {
  private Map<Long, Workload> kept = new HashMap<>();
  private Map<Long, Workload> offered = new HashMap<>();

  /** The job's workload, as built for it before if it was offered to the previous cycle too. */
  Workload of(Job job) {
    var workload = kept.get(job.seq());
    if (workload == null) workload = JobWorkloads.workload(job);
    offered.put(job.seq(), workload);
    return workload;
  }

  /** The cycle is over: keeps the workloads it was offered, and only those. */
  void cycleEnded() {
    kept = offered;
    offered = new HashMap<>(kept.size() * 4 / 3 + 1);
  }
}
