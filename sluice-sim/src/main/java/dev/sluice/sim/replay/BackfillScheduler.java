package dev.sluice.sim.replay;

import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.PlacementPolicy;
import dev.sluice.core.placement.Placer;
import dev.sluice.core.placement.TieOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * FIFO with EASY backfill, Slurm's default (one reservation, for the first pod in line that does not fit): pods
 * start in order of arrival while they fit; the first that does not gets a reservation — the time its declared
 * walltimes say running pods will have freed room for it (the shadow time), and the node it would take then —
 * and every later pod that fits now starts too if its own walltime ends it by the shadow time or it keeps off
 * that node. A running pod without a walltime is planned as never ending; when no plan frees room for the first
 * pod, nothing behind it starts (plain FIFO). Placement is the core {@link Placer}'s.
 */
public final class BackfillScheduler implements ReplayScheduler {
  private final Supplier<PlacementPolicy> policies;

  /** @param policies a fresh placement policy per use (policies may remember per-state results) */
  public BackfillScheduler(Supplier<PlacementPolicy> policies) {
    this.policies = policies;
  }

  /** When and where the first pod that does not fit is planned to start. */
  private record Shadow(long time, int node) {
  }

  /** A pod planned to free its place at {@code end}. */
  private record Planned(long end, int node, ReplayPod pod, List<Integer> gpus) {
  }

  @Override
  public Outcome cycle(Input input) {
    if (input.pending().isEmpty()) return Outcome.NOTHING;
    var order = new ArrayList<>(input.pending());
    order.sort(HeadOfLineScheduler.BY_ARRIVAL);
    var cluster = new ClusterState(input.cluster(), TieOrder.identity(input.cluster().nodes().size()));
    var placer = new Placer(policies.get(), cluster);
    var binds = new ArrayList<Bind>();
    Shadow shadow = null;
    for (var pod : order) {
      if (shadow == null) {
        if (place(placer, cluster, pod, binds)) continue;
        var planned = shadow(input, cluster, pod, binds);
        if (planned.isEmpty()) break;
        shadow = planned.get();
      } else if (pod.walltime() > 0 && input.now() + pod.walltime() <= shadow.time()) {
        place(placer, cluster, pod, binds);
      } else {
        placeOff(placer, cluster, pod, binds, shadow.node());
      }
    }
    return new Outcome(binds, List.of(), List.of());
  }

  private static boolean place(Placer placer, ClusterState cluster, ReplayPod pod, List<Bind> binds) {
    if (!(placer.decide(pod.request()) instanceof Decision.Placed placed)) return false;
    cluster.assign(placed.nodeIndex(), pod.request().shape(), placed.gpuArray());
    binds.add(new Bind(pod.id(), placed.nodeIndex(), placed.gpus()));
    return true;
  }

  /** Places the pod anywhere but {@code node}, which looks full meanwhile. */
  private static void placeOff(Placer placer, ClusterState cluster, ReplayPod pod, List<Bind> binds, int node) {
    var saved = cluster.state(node);
    cluster.replace(node, saved.exhausted());
    try {
      place(placer, cluster, pod, binds);
    } finally {
      cluster.replace(node, saved); // nothing was placed on it: it had no room
    }
  }

  /**
   * The first time, releasing running pods (and those bound this cycle) in order of their planned ends, at which
   * {@code head} fits, and where; empty when no plan gets there (pods without a walltime never end in it).
   */
  private Optional<Shadow> shadow(Input input, ClusterState now, ReplayPod head, List<Bind> binds) {
    var future = new ClusterState(now.snapshot(), TieOrder.identity(now.nodeCount()));
    var placer = new Placer(policies.get(), future);
    var ends = new ArrayList<Planned>();
    for (var r : input.running()) {
      if (r.pod().walltime() > 0) ends.add(new Planned(r.startedAt() + r.pod().walltime(), r.node(), r.pod(), r.gpus()));
    }
    var byId = new HashMap<Integer, ReplayPod>();
    input.pending().forEach(p -> byId.put(p.id(), p));
    for (var bind : binds) {
      var pod = byId.get(bind.pod());
      if (pod.walltime() > 0) ends.add(new Planned(input.now() + pod.walltime(), bind.node(), pod, bind.gpus()));
    }
    ends.sort(Comparator.comparingLong(Planned::end).thenComparingInt(p -> p.pod().id()));
    for (int i = 0; i < ends.size(); i++) {
      var freed = ends.get(i);
      future.release(freed.node(), freed.pod().request().shape(), freed.gpus().stream().mapToInt(Integer::intValue).toArray());
      if (i + 1 < ends.size() && ends.get(i + 1).end() == freed.end()) continue;
      if (placer.decide(head.request()) instanceof Decision.Placed placed) return Optional.of(new Shadow(freed.end(), placed.nodeIndex()));
    }
    return Optional.empty();
  }
}
