package dev.sluice.core.queue;

import java.util.Map;
import java.util.Objects;

/**
 * How a user defines a queue. Validated as a whole by {@link QueueTree#of}, which names the queue and
 * field of every problem.
 *
 * @param name     unique name
 * @param parent   the parent queue's name, or null for a top-level queue (a department)
 * @param priority queues of higher priority get surplus first
 * @param quotas   terms per resource; a resource not listed has deserved 0 and no limit
 * @param nonPreemptibleAboveDeserved whether its work that may not be preempted may run above its deserved quota
 *                 (by default it may not, so that everything above deserved quota can be reclaimed)
 * @param maxRunningWorkloads the most workloads that may run at once in the queue and the queues under it, each
 *                 workload (a gang, whatever its number of pods) counting once; {@link #UNCAPPED} for no cap. The
 *                 scheduler starts none beyond it and stops none to keep to it (see {@code RunningCaps})
 */
public record QueueSpec(String name, String parent, int priority, Map<Dimension, Quota> quotas,
                        boolean nonPreemptibleAboveDeserved, int maxRunningWorkloads) {
  /** No cap on the number of running workloads. */
  public static final int UNCAPPED = Integer.MAX_VALUE;

  /** A queue without a cap on its running workloads. */
  public QueueSpec(String name, String parent, int priority, Map<Dimension, Quota> quotas, boolean nonPreemptibleAboveDeserved) {
    this(name, parent, priority, quotas, nonPreemptibleAboveDeserved, UNCAPPED);
  }

  /** A queue whose work that may not be preempted runs only within its deserved quota, with no cap on running workloads. */
  public QueueSpec(String name, String parent, int priority, Map<Dimension, Quota> quotas) {
    this(name, parent, priority, quotas, false);
  }

  public QueueSpec {
    Objects.requireNonNull(name, "name");
    quotas = Map.copyOf(quotas);
  }

  public Quota quota(Dimension dimension) {
    return quotas.getOrDefault(dimension, Quota.deserved(0));
  }

  /** This queue with at most {@code max} workloads running at once under it. */
  public QueueSpec withMaxRunningWorkloads(int max) {
    return new QueueSpec(name, parent, priority, quotas, nonPreemptibleAboveDeserved, max);
  }

  /** Whether the queue caps its number of running workloads. */
  public boolean capsRunning() {
    return maxRunningWorkloads != UNCAPPED;
  }
}
