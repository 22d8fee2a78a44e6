package dev.sluice.control;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import java.util.Map;

/** The {@link SchedulingPolicy}s a live mode can run its {@link ControlLoop} with. */
public final class SchedulingPolicies {
  /** The fair shares of a cycle whose policy computes none. */
  public static final FairShares NO_FAIR_SHARES = new FairShares(Map.of());

  private SchedulingPolicies() {
  }

  /**
   * The core's scheduler cycle ({@link Scheduler#cycle}): queues with deserved quotas, limits and caps on running
   * workloads, fair share with
   * past usage, borrowing and reclaim, preemption, gangs, backfill with a reservation.
   */
  public static SchedulingPolicy fairShare(SchedulerConfig config) {
    return new Scheduler(config)::cycle;
  }

  /**
   * Pending workloads in order of queue priority, workload priority and submission time, each placed where it fits
   * now by the {@code sluice} placement policy, within the queues' caps on running workloads; it ignores quotas, never
   * stops anything and computes no fair shares ({@link PriorityPolicy}).
   */
  public static SchedulingPolicy priority() {
    return new PriorityPolicy();
  }
}
