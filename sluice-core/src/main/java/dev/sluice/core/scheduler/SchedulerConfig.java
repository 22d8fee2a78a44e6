package dev.sluice.core.scheduler;

import dev.sluice.core.placement.PlacementPolicies;
import java.util.Objects;

/**
 * How the scheduler decides.
 *
 * @param placementPolicy  a name known to {@link PlacementPolicies#named}; default {@code "sluice"}
 * @param historyWeight    how much past usage lowers a queue's weight for surplus (see FairShareInput)
 * @param seed             seeds policies that draw at random
 * @param evictionAttempts per action and cycle, at most this many waiting workloads fail to find room by evicting
 *                         or moving others; one that finds it does not count (see FailureBudget)
 * @param reservationDepth at most this many running workloads are looked at to foresee when a reservation starts
 * @param moves            whether the executor may restart a running workload elsewhere to consolidate: the replay
 *                         moves a pod without loss; Kubernetes evicts it for its controller to make a new pod, which
 *                         starts again from nothing (as KAI-Scheduler's consolidation does); a single host's
 *                         launcher does not ({@link dev.sluice.core.spi.Launcher#movesRunningWork()}). Without it
 *                         the cycle does not consolidate
 */
public record SchedulerConfig(String placementPolicy, double historyWeight, long seed, int evictionAttempts,
                              int reservationDepth, boolean moves) {
  /** A configuration of an executor that can move running workloads. */
  public SchedulerConfig(String placementPolicy, double historyWeight, long seed, int evictionAttempts, int reservationDepth) {
    this(placementPolicy, historyWeight, seed, evictionAttempts, reservationDepth, true);
  }

  public SchedulerConfig {
    Objects.requireNonNull(placementPolicy, "placementPolicy");
    if (!PlacementPolicies.names().contains(placementPolicy)) {
      throw new IllegalArgumentException("placementPolicy: unknown policy '" + placementPolicy + "'");
    }
    if (!(historyWeight >= 0) || Double.isInfinite(historyWeight)) {
      throw new IllegalArgumentException("historyWeight must be a finite number >= 0, was " + historyWeight);
    }
    if (evictionAttempts < 0) throw new IllegalArgumentException("evictionAttempts must be >= 0, was " + evictionAttempts);
    if (reservationDepth < 0) throw new IllegalArgumentException("reservationDepth must be >= 0, was " + reservationDepth);
  }

  public static SchedulerConfig defaults() {
    return new SchedulerConfig("sluice", 1.0, 1, 64, 4096);
  }

  public SchedulerConfig withHistoryWeight(double weight) {
    return new SchedulerConfig(placementPolicy, weight, seed, evictionAttempts, reservationDepth, moves);
  }

  public SchedulerConfig withPlacementPolicy(String name) {
    return new SchedulerConfig(name, historyWeight, seed, evictionAttempts, reservationDepth, moves);
  }

  /** As this, for an executor that can ({@code true}) or cannot move a running workload. */
  public SchedulerConfig withMoves(boolean moves) {
    return new SchedulerConfig(placementPolicy, historyWeight, seed, evictionAttempts, reservationDepth, moves);
  }
}
