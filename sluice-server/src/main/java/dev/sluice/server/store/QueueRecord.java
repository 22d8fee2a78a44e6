package dev.sluice.server.store;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A queue as stored: name, parent (null for a top-level queue), priority and quotas by resource name
 * ({@code gpu}, {@code cpu}, {@code memory}, {@code gpu/MODEL}).
 */
public record QueueRecord(String name, String parent, int priority, Map<String, QueueQuota> quotas) {
  public QueueRecord {
    Objects.requireNonNull(name, "name");
    quotas = new TreeMap<>(quotas);
    quotas = java.util.Collections.unmodifiableMap(quotas);
  }
}
