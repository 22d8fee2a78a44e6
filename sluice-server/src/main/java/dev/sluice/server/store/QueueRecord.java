package dev.sluice.server.store;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A queue as stored: name, parent (null for a top-level queue), priority, quotas by resource name
 * ({@code gpu}, {@code cpu}, {@code memory}, {@code gpu/MODEL}) and the most of its jobs that may run at once
 * (null: no cap).
 */
public record QueueRecord(String name, String parent, int priority, Map<String, QueueQuota> quotas, Integer maxRunningJobs) {
  public QueueRecord {
    Objects.requireNonNull(name, "name");
    if (maxRunningJobs != null && maxRunningJobs < 0) throw new IllegalArgumentException("maxRunningJobs must be >= 0");
    quotas = new TreeMap<>(quotas);
    quotas = java.util.Collections.unmodifiableMap(quotas);
  }

  /** A queue without a cap on its running jobs. */
  public QueueRecord(String name, String parent, int priority, Map<String, QueueQuota> quotas) {
    this(name, parent, priority, quotas, null);
  }
}
