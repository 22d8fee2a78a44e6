package dev.sluice.k8s;

import dev.sluice.control.WorkloadSource;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.read.ClusterRead;
import java.util.Objects;

/**
 * One cycle's reading of the informers' caches: the API objects as they were, and what {@link
 * dev.sluice.k8s.read.SnapshotReader} made of them.
 */
record CacheRead(ClusterObjects objects, ClusterRead read) implements WorkloadSource.Reading {
  CacheRead {
    Objects.requireNonNull(objects, "objects");
    Objects.requireNonNull(read, "read");
  }

  @Override
  public SchedulerSnapshot snapshot() {
    return read.snapshot();
  }

  /** The gangs that cannot be scheduled as they are (bad input, an unknown queue). */
  @Override
  public int heldBack() {
    return read.held().size();
  }
}
