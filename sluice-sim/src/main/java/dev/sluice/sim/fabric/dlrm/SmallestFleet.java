package dev.sluice.sim.fabric.dlrm;

import java.util.function.IntPredicate;

/**
 * The smallest fleet size that hosts a trace: from a first guess, growing by a quarter until one does, then bisecting
 * down to a lower bound. It assumes that a fleet that hosts the trace still does with more nodes; placement
 * heuristics do not promise that, so the answer is the smallest size found this way, each size replayed in full.
 */
final class SmallestFleet {
  /** What the search reports when no size up to the limit hosts the trace. */
  static final int NONE = -1;

  private SmallestFleet() {
  }

  /**
   * @param hostsAll whether a fleet of that many nodes hosts the trace
   * @param lower    a size below which no fleet can host it (e.g. {@link PeakDemand})
   * @param guess    where to start
   * @param limit    the largest size to try
   */
  static int of(IntPredicate hostsAll, int lower, int guess, int limit) {
    if (lower > limit) return NONE;
    int low = lower;
    int high = Math.clamp(guess, lower, limit);
    while (!hostsAll.test(high)) {
      if (high == limit) return NONE;
      low = high + 1;
      high = (int) Math.min(limit, high + Math.max(1L, high / 4L));
    }
    while (low < high) {
      int middle = low + (high - low) / 2;
      if (hostsAll.test(middle)) high = middle;
      else low = middle + 1;
    }
    return high;
  }
}
