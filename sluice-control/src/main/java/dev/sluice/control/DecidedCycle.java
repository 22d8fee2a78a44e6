package dev.sluice.control;

import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * A cycle decided and about to be committed.
 *
 * @param reading  what the source read
 * @param snapshot what the core decided on: the reading's snapshot with the usage brought up to {@code started}
 * @param result   the core's decisions
 * @param started  when the cycle started (the snapshot's time)
 */
public record DecidedCycle<R extends WorkloadSource.Reading>(R reading, SchedulerSnapshot snapshot, CycleResult result,
                                                              Instant started) {
  public DecidedCycle {
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(started, "started");
  }
}
