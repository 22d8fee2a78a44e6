package dev.sluice.server.control;

import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The decision of one scheduling cycle: which pending jobs start now and where, and why the others wait.
 * A function of its input; the {@link ControlPlane} commits. The seam where a fair-share cycle plugs in.
 */
@FunctionalInterface
public interface Scheduling {
  List<JobDecision> decide(Cycle cycle);

  /**
   * What a cycle sees.
   *
   * @param cluster the nodes with what running jobs hold already allocated
   * @param running the running jobs
   * @param pending the pending jobs, in the order they were submitted
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

  /** What happens to one pending job this cycle. */
  sealed interface JobDecision permits Start, Wait {
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

  /** The job waits for {@code reason}; it is number {@code queuePosition} (1-based) among its queue's waiting jobs. */
  record Wait(Job job, Reason reason, int queuePosition) implements JobDecision {
    public Wait {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
