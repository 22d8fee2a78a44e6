package dev.sluice.testkit.control;

import dev.sluice.control.WorkloadSource;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cluster held in memory as a core snapshot: each read is that snapshot at the read's time with the usage the loop
 * gives; {@link InMemoryDecisionSink} applies what it commits to it. Counts its reads and keeps the usages given.
 */
public final class InMemoryWorkloadSource implements WorkloadSource<InMemoryWorkloadSource.Read> {
  /** One read: the snapshot, and how many workloads the source held back from it. */
  public record Read(SchedulerSnapshot snapshot, int heldBack) implements WorkloadSource.Reading {
    public Read {
      Objects.requireNonNull(snapshot, "snapshot");
    }
  }

  private final UsageHistory pastUsage;
  private final List<UsageHistory> usagesGiven = new ArrayList<>();
  private SchedulerSnapshot cluster;
  private int heldBack;

  /** A cluster as {@code cluster} says (its usage is ignored: the loop's is used), with {@code pastUsage} kept from before. */
  public InMemoryWorkloadSource(SchedulerSnapshot cluster, UsageHistory pastUsage) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.pastUsage = Objects.requireNonNull(pastUsage, "pastUsage");
  }

  @Override
  public UsageHistory pastUsage(Instant now) {
    return pastUsage.decayedTo(Math.max(now.toEpochMilli(), pastUsage.atMillis()));
  }

  @Override
  public synchronized Read read(UsageHistory usage, Instant now) {
    usagesGiven.add(usage);
    return new Read(cluster.at(now.toEpochMilli()).withUsage(usage), heldBack);
  }

  /** From the next read on, {@code count} workloads are held back as bad input. */
  public synchronized void holdBack(int count) {
    heldBack = count;
  }

  /** Commits {@code result} onto the cluster: what it evicts is gone, what it binds runs from now. */
  synchronized void apply(SchedulerSnapshot decidedOn, CycleResult result) {
    cluster = cluster.at(decidedOn.now()).after(result);
  }

  /** The usage the loop handed to each read, in order. */
  public synchronized List<UsageHistory> usagesGiven() {
    return List.copyOf(usagesGiven);
  }
}
