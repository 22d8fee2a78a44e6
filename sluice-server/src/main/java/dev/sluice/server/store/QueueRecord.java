package dev.sluice.server.store;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A queue as stored: name, parent (null for a top-level queue), priority, quotas by resource name
 * ({@code gpu}, {@code cpu}, {@code memory}, {@code gpu/MODEL}), the most of its jobs that may run at once
 * (null: no cap), and whether its jobs that may not be preempted may run beyond its deserved quota.
 */
public record QueueRecord(String name, String parent, int priority, Map<String, QueueQuota> quotas, Integer maxRunningJobs,
                          boolean nonPreemptibleAboveDeserved) {
  public QueueRecord {
    Objects.requireNonNull(name, "name");
    if (maxRunningJobs != null && maxRunningJobs < 0) throw new IllegalArgumentException("maxRunningJobs must be >= 0");
    quotas = new TreeMap<>(quotas);
    quotas = java.util.Collections.unmodifiableMap(quotas);
  }

  /** A queue whose jobs that may not be preempted may run beyond its deserved quota, the single host's default. */
  public QueueRecord(String name, String parent, int priority, Map<String, QueueQuota> quotas, Integer maxRunningJobs) {
    this(name, parent, priority, quotas, maxRunningJobs, true);
  }

  /** A queue without a cap on its running jobs. */
  public QueueRecord(String name, String parent, int priority, Map<String, QueueQuota> quotas) {
    this(name, parent, priority, quotas, null);
  }
}
