package dev.sluice.control;

import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.SchedulerSnapshot;

/**
 * What the {@link ControlLoop} runs on each cycle's snapshot: a function from the snapshot to the cycle's decisions,
 * which the loop's {@link DecisionSink} commits. The core's fair-share cycle is one; {@link SchedulingPolicies} makes
 * those a live mode can pick.
 */
@FunctionalInterface
public interface SchedulingPolicy {
  /**
   * Decides one cycle. A policy that computes no fair shares answers {@link SchedulingPolicies#NO_FAIR_SHARES}
   * in the result.
   */
  CycleResult cycle(SchedulerSnapshot snapshot);
}
