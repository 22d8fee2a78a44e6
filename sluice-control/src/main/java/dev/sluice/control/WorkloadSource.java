package dev.sluice.control;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.fairness.UsageMeter;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * Port of a live mode: what the cluster holds, read into the core's snapshot (nodes and their devices, running and
 * pending work, queues). The single host reads its store; Kubernetes its informers' caches.
 *
 * @param <R> the adapter's reading of one cycle: the snapshot, and whatever its {@link DecisionSink} needs to map
 *            the decisions back to its own objects
 */
public interface WorkloadSource<R extends WorkloadSource.Reading> {
  /**
   * The past usage the first cycle starts from, decayed to {@code now}: none, or what a former run kept where it
   * outlives the process (Kubernetes keeps it in the Queues' statuses).
   */
  UsageHistory pastUsage(Instant now);

  /**
   * Reads the cluster as of {@code now}, into a snapshot that carries {@code usage}: the usage as of the last cycle
   * (the loop brings it up to {@code now} before deciding).
   */
  R read(UsageHistory usage, Instant now) throws InterruptedException;

  /** One cycle's reading. */
  interface Reading {
    /** What the core decides on. */
    SchedulerSnapshot snapshot();

    /** Workloads kept from the scheduler as they are (bad input, an unknown queue): they wait, and count as waiting. */
    default int heldBack() {
      return 0;
    }

    /** What held GPUs, and since when: by default each running workload of the snapshot, from when it started. */
    default List<UsageMeter.HeldGpus> heldGpus() {
      return snapshot().running().stream().map(r -> new UsageMeter.HeldGpus(r.workload().queue(),
          r.bindings().stream().mapToLong(b -> b.pod().totalGpuMilli()).sum(), r.startTime())).toList();
    }
  }
}
