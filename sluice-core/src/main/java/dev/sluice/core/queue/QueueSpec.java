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
 */
public record QueueSpec(String name, String parent, int priority, Map<Dimension, Quota> quotas,
                        boolean nonPreemptibleAboveDeserved) {
  /** A queue whose work that may not be preempted runs only within its deserved quota. */
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
}
