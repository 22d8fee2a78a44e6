package dev.sluice.sim.replay;

import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.PlacementPolicy;
import dev.sluice.core.placement.Placer;
import dev.sluice.core.placement.TieOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One global line, no preemption: pods are tried in the line's order and the first that does not fit stops
 * the cycle (head-of-line blocking), as a plain FIFO batch queue does. Placement inside the cluster is the
 * core {@link Placer}'s with the given policy.
 */
public final class HeadOfLineScheduler implements ReplayScheduler {
  /** By arrival, then id. */
  public static final Comparator<ReplayPod> BY_ARRIVAL =
      Comparator.comparingLong(ReplayPod::arrival).thenComparingInt(ReplayPod::id);
  /** Higher priority first, then by arrival, then id. */
  public static final Comparator<ReplayPod> BY_PRIORITY =
      Comparator.comparingInt(ReplayPod::priority).reversed().thenComparing(BY_ARRIVAL);

  private final Comparator<ReplayPod> line;
  private final Supplier<PlacementPolicy> policies;

  /** @param policies a fresh placement policy per cycle (policies may remember per-state results) */
  public HeadOfLineScheduler(Comparator<ReplayPod> line, Supplier<PlacementPolicy> policies) {
    this.line = line;
    this.policies = policies;
  }

  public static HeadOfLineScheduler fifo(Supplier<PlacementPolicy> policies) {
    return new HeadOfLineScheduler(BY_ARRIVAL, policies);
  }

  public static HeadOfLineScheduler strictPriority(Supplier<PlacementPolicy> policies) {
    return new HeadOfLineScheduler(BY_PRIORITY, policies);
  }

  @Override
  public Outcome cycle(Input input) {
    if (input.pending().isEmpty()) return Outcome.NOTHING;
    var order = new ArrayList<>(input.pending());
    order.sort(line);
    var cluster = new ClusterState(input.cluster(), TieOrder.identity(input.cluster().nodes().size()));
    var placer = new Placer(policies.get(), cluster);
    var binds = new ArrayList<Bind>();
    for (var pod : order) {
      if (!(placer.decide(pod.request()) instanceof Decision.Placed placed)) break;
      cluster.assign(placed.nodeIndex(), pod.request().shape(), placed.gpuArray());
      binds.add(new Bind(pod.id(), placed.nodeIndex(), placed.gpus()));
    }
    return new Outcome(binds, List.of(), List.of());
  }
}
