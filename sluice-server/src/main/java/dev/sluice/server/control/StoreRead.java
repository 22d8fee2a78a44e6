package dev.sluice.server.control;

import dev.sluice.control.WorkloadSource;
import dev.sluice.core.fairness.UsageMeter;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.QueueRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One cycle's reading of the host's store ({@link StoreSource}), with what {@link HostCommit} needs to carry the
 * decisions out on its jobs.
 *
 * @param snapshot what the scheduler decides on
 * @param jobs     every running job and every pending one read, by id
 * @param running  the running jobs
 * @param queues   the queues, by name
 * @param held     the pending jobs kept from the scheduler, each waiting: those of a queue with sub-queues
 * @param heldGpus what held GPUs since the last reading: the running jobs, and those that ran then and have ended
 */
record StoreRead(SchedulerSnapshot snapshot, Map<String, Job> jobs, List<Job> running, Map<String, QueueRecord> queues,
                 List<JobDecision.Wait> held, List<UsageMeter.HeldGpus> heldGpus)
    implements WorkloadSource.Reading {
  StoreRead {
    Objects.requireNonNull(snapshot, "snapshot");
    jobs = Map.copyOf(jobs);
    running = List.copyOf(running);
    queues = Map.copyOf(queues);
    held = List.copyOf(held);
    heldGpus = List.copyOf(heldGpus);
  }

  @Override
  public int heldBack() {
    return held.size();
  }
}
