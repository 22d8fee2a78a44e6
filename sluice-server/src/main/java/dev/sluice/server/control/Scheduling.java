package dev.sluice.server.control;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision of one scheduling cycle: which pending jobs start now and where, why the others wait, and
 * which running jobs to stop to make room. A function of its input (and, for {@link FairShareScheduling},
 * of past usage it keeps); the {@link ControlPlane} commits. Implementations: {@link FairShareScheduling}
 * (the default) and {@link PriorityScheduling}.
 */
@FunctionalInterface
public interface Scheduling {
  List<JobDecision> decide(Cycle cycle);

  /** The queues' fair shares as the last cycle computed them, for those that compute any. */
  default Optional<FairShares> lastFairShares() {
    return Optional.empty();
  }

  /**
   * What a cycle sees.
   *
   * @param cluster the nodes with what running jobs hold already allocated, and what the processes of stopped
   *                jobs still hold until they have exited
   * @param running the running jobs
   * @param pending the pending jobs, in the order they were submitted; not those whose previous process is
   *                still stopping
   * @param queues  the queues by name
   */
  record Cycle(ClusterSnapshot cluster, List<Job> running, List<Job> pending, Map<String, QueueRecord> queues,
               Instant now) {
    public Cycle {
      Objects.requireNonNull(cluster, "cluster");
      running = List.copyOf(running);
      pending = List.copyOf(pending);
      queues = Map.copyOf(queues);
      Objects.requireNonNull(now, "now");
    }
  }

  /** What happens to one job this cycle: a pending one starts or waits, a running one may be stopped. */
  sealed interface JobDecision permits Start, Wait, Evict {
    Job job();
  }

  /**
   * Start the job on {@code node}, on the GPUs at these positions of the node.
   */
  record Start(Job job, String node, List<Integer> gpuPositions) implements JobDecision {
    public Start {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(node, "node");
      gpuPositions = List.copyOf(gpuPositions);
    }
  }

  /**
   * Stop the running job to make room (reclaim or preemption): its process is terminated with the grace period
   * and it goes back to PENDING, keeping its id and submission time, with {@code reason} (code {@code preempted}).
   */
  record Evict(Job job, Reason reason) implements JobDecision {
    public Evict {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(reason, "reason");
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
