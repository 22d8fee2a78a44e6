package dev.sluice.server.control;

import dev.sluice.server.store.Job;
import dev.sluice.server.store.Reason;
import java.util.List;
import java.util.Objects;

/**
 * What happens to one job this cycle, as the host carries it out ({@link HostCommit}): a pending one starts or
 * waits, a running one may be stopped. The cycle's decisions on workloads become these ({@link CycleDecisions}).
 */
sealed interface JobDecision permits JobDecision.Start, JobDecision.Wait, JobDecision.Evict {
  Job job();

  /** Start the job on {@code node}, on the GPUs at these positions of the node. */
  record Start(Job job, String node, List<Integer> gpuPositions) implements JobDecision {
    public Start {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(node, "node");
      gpuPositions = List.copyOf(gpuPositions);
    }
  }

  /**
   * Stop the running job to make room (reclaim or preemption): it goes back to PENDING, keeping its id and submission
   * time, with {@code reason} (code {@code preempted}), and then its process is terminated with the grace period.
   * {@code forJob} is the id of the job that needed the room.
   */
  record Evict(Job job, Reason reason, String forJob) implements JobDecision {
    public Evict {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(forJob, "forJob");
    }
  }

  /** The job waits for {@code reason}; it is number {@code queuePosition} (1-based) among its queue's waiting jobs. */
  record Wait(Job job, Reason reason, int queuePosition) implements JobDecision {
    public Wait {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
