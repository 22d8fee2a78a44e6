package dev.sluice.sim.replay;

import java.util.Objects;

/**
 * What one queue (or {@code all} of them) got in a replay. Times are virtual seconds.
 *
 * @param queue            the leaf queue, or {@code all}
 * @param deservedPct      its deserved GPUs as a share of the cluster's
 * @param pods             pods submitted
 * @param started          pods that started at least once
 * @param delayMean        mean wait from arrival to first start, over started pods
 * @param delayP50         median of that wait (nearest rank)
 * @param delayP99         99th percentile of that wait (nearest rank)
 * @param fairDistancePct  time-averaged |allocated − fair share| GPU as a share of capacity (for {@code all}: the sum)
 * @param reclaims         episodes below deserved (see {@link ReplayMetrics})
 * @param reclaimMean      their mean length
 * @param reclaimMax       the longest
 */
public record QueueStats(String queue, double deservedPct, int pods, int started, double delayMean, double delayP50,
                         double delayP99, double fairDistancePct, int reclaims, double reclaimMean, double reclaimMax) {
  public QueueStats {
    Objects.requireNonNull(queue, "queue");
  }
}
