package dev.sluice.k8s;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.k8s.read.ClusterObjects;
import dev.sluice.k8s.read.ClusterRead;
import dev.sluice.k8s.read.SnapshotReader;
import java.time.Duration;
import java.util.Map;

/**
 * One cycle on a saved cluster, committing nothing: what Sluice would bind, evict and leave waiting, and why.
 * Past usage is not in a snapshot, so fair share runs without history.
 */
public final class WhatIf {
  /** The reading of the cluster and what the cycle decided on it. */
  public record Outcome(ClusterRead read, CycleResult result) {
  }

  private WhatIf() {
  }

  public static Outcome run(ClusterObjects objects, K8sConfig config, SchedulerConfig schedulerConfig, long now) {
    var read = new SnapshotReader(config).read(objects, Map.of(), UsageHistory.empty(now, Duration.ofHours(1)), now);
    return new Outcome(read, new Scheduler(schedulerConfig).cycle(read.snapshot()));
  }
}
