package dev.sluice.control;

import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.fairness.UsageMeter;
import dev.sluice.core.scheduler.Scheduler;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * One control-loop cycle of a live mode, the same for every adapter: read the cluster from the
 * {@link WorkloadSource}; meter what ran since the last cycle into the queues' past usage ({@link UsageMeter}: once
 * per cycle, starting from the source's {@linkplain WorkloadSource#pastUsage past usage}); run the
 * {@link SchedulingPolicy} (the core's {@link Scheduler#cycle}, or another a live mode picks) on the snapshot with that
 * usage; hand every decision to the {@link DecisionSink} once; and sum it up. When and how often cycles run (ticks, wake-ups, leadership) is the adapter's business. One cycle at a
 * time: callers must not run two at once.
 */
public final class ControlLoop<R extends WorkloadSource.Reading> {
  private final WorkloadSource<R> source;
  private final DecisionSink<R> sink;
  private final SchedulingPolicy policy;
  private final InstantSource clock;
  private volatile UsageMeter usage;

  /** A loop that runs {@code policy} on each cycle's snapshot. */
  public ControlLoop(WorkloadSource<R> source, DecisionSink<R> sink, SchedulingPolicy policy, InstantSource clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A loop that runs the core's scheduler cycle. */
  public ControlLoop(WorkloadSource<R> source, DecisionSink<R> sink, Scheduler scheduler, InstantSource clock) {
    this(source, sink, Objects.requireNonNull(scheduler, "scheduler")::cycle, clock);
  }

  /** Runs one cycle now and says what it did. What the source or the sink throws ends the cycle and is rethrown. */
  public CycleSummary cycle() throws InterruptedException {
    var started = clock.instant();
    long now = started.toEpochMilli();
    if (usage == null) usage = new UsageMeter(source.pastUsage(started));
    var reading = source.read(usage.history(), started);
    var read = reading.snapshot();
    var snapshot = read.withUsage(usage.read(read.queues(), reading.heldGpus(), now));
    var result = policy.cycle(snapshot);
    long decided = clock.millis();
    var committed = sink.commit(new DecidedCycle<>(reading, snapshot, result, started));
    int waiting = result.pending().size() + reading.heldBack();
    return new CycleSummary(snapshot.cluster().nodes().size(), committed.bound(), committed.evicted(), waiting,
        committed.failed(), decided - now, clock.millis() - now);
  }

  /** The queues' past usage as of the last cycle; empty before the first. */
  public Optional<UsageHistory> usage() {
    var meter = usage;
    return meter == null ? Optional.empty() : Optional.of(meter.history());
  }
}
