package dev.sluice.core.scheduler;

import dev.sluice.core.fairness.FairShares;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one cycle proposes: evictions and moves first (in the order they were decided), then binds, then one
 * {@link SchedulingDecision.Pending} for every workload left waiting, evicted ones included (so an evicted
 * workload has both an {@code Evict} and a {@code Pending}). Commit in two steps: first release what is evicted and the {@code from} side of moves, then bind the {@code to} side of moves and the binds.
 *
 * @param decisions  every decision of the cycle
 * @param fairShares the fair shares the cycle ordered queues by
 */
public record CycleResult(List<SchedulingDecision> decisions, FairShares fairShares) {
  public CycleResult {
    decisions = List.copyOf(decisions);
    Objects.requireNonNull(fairShares, "fairShares");
  }

  public List<SchedulingDecision.Bind> binds() {
    return of(SchedulingDecision.Bind.class);
  }

  public List<SchedulingDecision.Evict> evictions() {
    return of(SchedulingDecision.Evict.class);
  }

  public List<SchedulingDecision.Move> moves() {
    return of(SchedulingDecision.Move.class);
  }

  public List<SchedulingDecision.Pending> pending() {
    return of(SchedulingDecision.Pending.class);
  }

  /** The workload's bind or its pending reason, if the cycle decided either. */
  public Optional<SchedulingDecision> outcomeOf(String workloadId) {
    return decisions.stream()
        .filter(d -> d instanceof SchedulingDecision.Bind || d instanceof SchedulingDecision.Pending)
        .filter(d -> d.workload().id().equals(workloadId))
        .findFirst();
  }

  private <T extends SchedulingDecision> List<T> of(Class<T> type) {
    return decisions.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
