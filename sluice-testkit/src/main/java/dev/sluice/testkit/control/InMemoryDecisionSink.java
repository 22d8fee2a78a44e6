package dev.sluice.testkit.control;

import dev.sluice.control.Committed;
import dev.sluice.control.DecidedCycle;
import dev.sluice.control.DecisionSink;
import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.SchedulingDecision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Commits onto an {@link InMemoryWorkloadSource}: every eviction, move and bind of a cycle, except the binds of the
 * workloads it is told to fail, which it counts as failed and leaves pending. Keeps every decision it carried out
 * and every cycle it was handed.
 */
public final class InMemoryDecisionSink implements DecisionSink<InMemoryWorkloadSource.Read> {
  private final InMemoryWorkloadSource cluster;
  private final Set<String> failing = new HashSet<>();
  private final List<SchedulingDecision> carriedOut = new ArrayList<>();
  private final List<DecidedCycle<InMemoryWorkloadSource.Read>> handed = new ArrayList<>();

  public InMemoryDecisionSink(InMemoryWorkloadSource cluster) {
    this.cluster = cluster;
  }

  /** From now on, binding the workload {@code id} fails. */
  public synchronized void failBindsOf(String id) {
    failing.add(id);
  }

  @Override
  public synchronized Committed commit(DecidedCycle<InMemoryWorkloadSource.Read> cycle) {
    handed.add(cycle);
    var done = new ArrayList<SchedulingDecision>();
    int bound = 0;
    int evicted = 0;
    int failed = 0;
    for (var decision : cycle.result().decisions()) {
      switch (decision) {
        case SchedulingDecision.Bind bind when failing.contains(bind.workload().id()) -> failed += bind.pods().size();
        case SchedulingDecision.Bind bind -> bound += bind.pods().size();
        case SchedulingDecision.Evict evict -> evicted += evict.workload().pods().size();
        case SchedulingDecision.Move move -> evicted += move.from().size();
        case SchedulingDecision.Pending pending -> { }
      }
      if (!(decision instanceof SchedulingDecision.Bind bind && failing.contains(bind.workload().id()))) done.add(decision);
    }
    cluster.apply(cycle.snapshot(), new CycleResult(done, cycle.result().fairShares()));
    carriedOut.addAll(done.stream().filter(d -> !(d instanceof SchedulingDecision.Pending)).toList());
    return new Committed(bound, evicted, failed);
  }

  /** The binds, evictions and moves carried out, in order. */
  public synchronized List<SchedulingDecision> carriedOut() {
    return List.copyOf(carriedOut);
  }

  /** Every cycle handed to this sink, in order. */
  public synchronized List<DecidedCycle<InMemoryWorkloadSource.Read>> handed() {
    return List.copyOf(handed);
  }
}
