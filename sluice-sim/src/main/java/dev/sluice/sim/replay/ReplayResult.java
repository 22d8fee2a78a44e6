package dev.sluice.sim.replay;

import java.util.List;
import java.util.Objects;

/**
 * The measures of one scheduler's replay.
 *
 * @param scheduler      its name
 * @param cycles         scheduling cycles run
 * @param preemptions    pods evicted (they run again from scratch)
 * @param moves          running pods moved to another place (consolidation)
 * @param unserved       pods still waiting when the events ran out
 * @param utilizationPct time-averaged allocated GPU as a share of capacity, from the first arrival to the last
 * @param queues         per leaf queue, then {@code all}
 * @param windowStart    the first arrival, virtual seconds
 * @param windowEnd      the last arrival
 * @param times          virtual seconds of the samples of the utilisation series (after each batch of events)
 * @param utilizationSeries allocated GPU % at those times
 */
public record ReplayResult(String scheduler, int cycles, int preemptions, int moves, int unserved, double utilizationPct,
                           long windowStart, long windowEnd, List<QueueStats> queues, long[] times, double[] utilizationSeries) {
  public ReplayResult {
    Objects.requireNonNull(scheduler, "scheduler");
    queues = List.copyOf(queues);
    times = times.clone();
    utilizationSeries = utilizationSeries.clone();
    if (times.length != utilizationSeries.length) throw new IllegalArgumentException("series lengths differ");
  }

  public QueueStats queue(String name) {
    return queues.stream().filter(q -> q.queue().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no queue " + name));
  }

  /** The row over every pod and queue. */
  public QueueStats all() {
    return queue(ReplayMetrics.ALL);
  }
}
