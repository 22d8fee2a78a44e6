package dev.sluice.control;

import dev.sluice.core.placement.ClusterState;
import dev.sluice.core.placement.Decision;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.Placer;
import dev.sluice.core.placement.TargetWorkload;
import dev.sluice.core.placement.TieOrder;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.PendingReason;
import dev.sluice.core.scheduler.PodBinding;
import dev.sluice.core.scheduler.RunningCaps;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.core.scheduler.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Pending workloads in order of queue priority (higher first), workload priority (higher first), submission time,
 * then the order the snapshot lists them in (the single host lists its jobs as they were submitted), each placed by
 * the {@code sluice} placement policy where it fits now: a workload of several pods whole or not at all. One that
 * does not fit waits with the placer's reason ({@code no-node-fits}) and its queue position, and later ones may
 * still start (no reservations). A queue's cap on running workloads holds, as in the scheduler cycle ({@link RunningCaps}):
 * a workload it holds back waits with reason {@code running-cap}. Quotas are ignored, nothing is stopped, no fair shares
 * are computed.
 */
final class PriorityPolicy implements SchedulingPolicy {
  private static final long SEED = 42;

  @Override
  public CycleResult cycle(SchedulerSnapshot snapshot) {
    if (snapshot.pending().isEmpty()) return new CycleResult(List.of(), SchedulingPolicies.NO_FAIR_SHARES);
    var cluster = new ClusterState(snapshot.cluster(), TieOrder.identity(snapshot.cluster().nodes().size()));
    var placer = new Placer(PlacementPolicies.named("sluice", target(snapshot), new SplittableRandom(SEED)), cluster);
    var binds = new ArrayList<SchedulingDecision>();
    var waits = new ArrayList<SchedulingDecision>();
    var positions = new HashMap<String, Integer>();
    var caps = RunningCaps.of(snapshot.queues(), snapshot.running());
    for (var workload : ordered(snapshot)) {
      var atCap = caps.refusal(workload.queue());
      if (atCap.isPresent()) {
        waits.add(new SchedulingDecision.Pending(workload, atCap.get(), positions.merge(workload.queue(), 1, Integer::sum)));
        continue;
      }
      switch (place(workload, placer, cluster)) {
        case Placement.Whole whole -> {
          caps.started(workload.queue());
          binds.add(new SchedulingDecision.Bind(workload, whole.pods()));
        }
        case Placement.Blocked blocked -> waits.add(new SchedulingDecision.Pending(workload,
            new PendingReason.NoNodeFits(blocked.pod().reason()), positions.merge(workload.queue(), 1, Integer::sum)));
      }
    }
    var decisions = new ArrayList<>(binds);
    decisions.addAll(waits);
    return new CycleResult(decisions, SchedulingPolicies.NO_FAIR_SHARES);
  }

  /** The snapshot's pending workloads, highest queue priority, then highest priority, then oldest first. */
  static List<Workload> ordered(SchedulerSnapshot snapshot) {
    var pending = snapshot.pending();
    Comparator<Integer> order = Comparator.<Integer>comparingInt(i -> -queuePriority(snapshot, pending.get(i)))
        .thenComparingInt(i -> -pending.get(i).priority().value())
        .thenComparingLong(i -> pending.get(i).submitTime())
        .thenComparingInt(i -> i);
    return IntStream.range(0, pending.size()).boxed().sorted(order).map(pending::get).toList();
  }

  private static int queuePriority(SchedulerSnapshot snapshot, Workload workload) {
    return snapshot.queues().queue(workload.queue()).map(QueueSpec::priority).orElse(0);
  }

  /** The pods the cluster expects: those waiting and those running. */
  private static TargetWorkload target(SchedulerSnapshot snapshot) {
    var pods = Stream.concat(snapshot.pending().stream().flatMap(w -> w.pods().stream()),
        snapshot.running().stream().flatMap(r -> r.bindings().stream().map(PodBinding::pod))).toList();
    return TargetWorkload.of(pods, TargetWorkload.DEFAULT_COVERAGE);
  }

  /** Places every pod of {@code workload}, or none (what was taken for its earlier pods is given back). */
  private static Placement place(Workload workload, Placer placer, ClusterState cluster) {
    var placed = new ArrayList<Decision.Placed>();
    for (var pod : workload.pods()) {
      switch (placer.decide(pod)) {
        case Decision.Placed p -> {
          cluster.assign(p.nodeIndex(), pod.shape(), p.gpuArray());
          placed.add(p);
        }
        case Decision.Unschedulable blocked -> {
          placed.forEach(p -> cluster.release(p.nodeIndex(), p.pod().shape(), p.gpuArray()));
          return new Placement.Blocked(blocked);
        }
      }
    }
    return new Placement.Whole(placed.stream().map(p -> new PodBinding(p.pod(), p.nodeName(), p.gpus())).toList());
  }

  /** Where a workload's pods go this cycle. */
  private sealed interface Placement {
    record Whole(List<PodBinding> pods) implements Placement {
    }

    record Blocked(Decision.Unschedulable pod) implements Placement {
    }
  }
}
