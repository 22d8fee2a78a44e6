package dev.sluice.core.scheduler;

import dev.sluice.core.fairness.FairShare;
import dev.sluice.core.fairness.FairShareInput;
import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.PlacementPolicies;
import dev.sluice.core.placement.PlacementPolicy;
import dev.sluice.core.placement.TargetWorkload;
import dev.sluice.core.queue.Dimension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The scheduler cycle: a function from an immutable {@link SchedulerSnapshot} to decisions the caller
 * commits. In order:
 * <ol>
 *   <li>fair shares of every queue, from quotas, demand (running and pending) and decayed past usage;</li>
 *   <li>a session: a working copy of the cluster and of what each queue holds;</li>
 *   <li>then, in rounds until a round changes nothing (at most {@link #ROUNDS}):
 *   <ol>
 *     <li>a reservation for the highest-ranked workload that cannot place now, from when running work is
 *         expected to free room for it;</li>
 *     <li><b>allocate</b> with backfill: queues furthest below their fair share first; others use the
 *         reserved nodes only if they end before the reservation starts;</li>
 *     <li><b>consolidate</b>: move preemptible work if that lets a blocked workload place;</li>
 *     <li><b>reclaim</b>: queues within their fair share take back from queues above theirs;</li>
 *     <li><b>preempt</b>: inside a queue, higher priority evicts lower-priority preemptible work;</li>
 *   </ol></li>
 *   <li>decisions: evictions and moves, binds, and a reason and queue position for every waiting workload (a cap
 *       on running workloads that holds it back at the end of the cycle, if one does).</li>
 * </ol>
 * Each action changes the session through a statement it can roll back, and keeps only what fully succeeds
 * (a gang places whole or not at all). No start takes a queue past its cap on running workloads ({@link RunningCaps}),
 * and nothing is evicted for a workload such a cap holds back. An evicted workload placed again in the same cycle is
 * a move. The same snapshot and configuration give the same decisions.
 */
public final class Scheduler {
  /**
   * The actions run in rounds until a round changes nothing, at most this many: what one action frees, sends
   * back to waiting or moves may let another act now rather than next cycle. A cycle that settles within
   * this bound changes nothing when run again on its own result.
   */
  static final int ROUNDS = 4;

  private final SchedulerConfig config;

  public Scheduler(SchedulerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public CycleResult cycle(SchedulerSnapshot snapshot) {
    var dimensions = Dimensions.of(snapshot.queues());
    var demand = demand(snapshot, dimensions);
    var fairShares = fairShares(snapshot, dimensions, demand);
    var session = new Session(snapshot, config, new Ledger(snapshot.queues(), dimensions, fairShares, demand), policy(snapshot),
        dimensions);
    for (int round = 0; round < ROUNDS; round++) {
      long before = session.version;
      var waiting = Allocate.waitingAndEvicted(session);
      session.reservation = Reservation.plan(session, waiting).orElse(null);
      session.attemptOrder.clear();
      // The first round fills the room the cycle found free, within deserved quota first; later rounds place what
      // reclaim and preemption sent back, by fair share.
      Allocate.run(session, waiting, true, round == 0);
      Consolidate.run(session);
      if (round < ROUNDS - 1) {
        // Only while a later round's allocate will try what they evict again: that try gives every evicted
        // workload its place or its reason. What the last round would evict waits for the next cycle.
        Reclaim.run(session);
        Preempt.run(session);
      }
      if (session.version == before) break;
    }

    return new CycleResult(decisions(session), fairShares);
  }

  /** What each leaf queue asks for: every pod of its running and pending workloads (see Dimensions.demand). */
  private static Map<String, long[]> demand(SchedulerSnapshot snapshot, Dimensions dimensions) {
    var demand = new HashMap<String, long[]>();
    for (var r : snapshot.running()) {
      var total = demand.computeIfAbsent(r.workload().queue(), q -> new long[dimensions.size()]);
      for (var pod : r.workload().pods()) Dimensions.addTo(total, dimensions.demand(pod), 1);
    }
    for (var w : snapshot.pending()) {
      var total = demand.computeIfAbsent(w.queue(), q -> new long[dimensions.size()]);
      for (var pod : w.pods()) Dimensions.addTo(total, dimensions.demand(pod), 1);
    }
    return demand;
  }

  private FairShares fairShares(SchedulerSnapshot snapshot, Dimensions dimensions, Map<String, long[]> demand) {
    var leafDemand = new HashMap<String, Map<Dimension, Long>>();
    demand.forEach((queue, amounts) -> leafDemand.put(queue, asMap(dimensions, amounts)));
    var capacity = asMap(dimensions, dimensions.capacity(snapshot.cluster().nodes()));
    var usage = snapshot.usage().shareAmongSiblings(snapshot.queues());
    return FairShare.compute(new FairShareInput(snapshot.queues(), capacity, leafDemand, usage, config.historyWeight()));
  }

  private static Map<Dimension, Long> asMap(Dimensions dimensions, long[] amounts) {
    var map = new HashMap<Dimension, Long>();
    for (int i = 0; i < amounts.length; i++) map.put(dimensions.list().get(i), amounts[i]);
    return map;
  }

  private PlacementPolicy policy(SchedulerSnapshot snapshot) {
    var pods = Stream.concat(snapshot.pending().stream().flatMap(w -> w.pods().stream()),
        snapshot.running().stream().flatMap(r -> r.workload().pods().stream())).toList();
    var target = pods.isEmpty()
        ? new TargetWorkload(List.of(new TargetWorkload.PodKind(1_000, 1, PodRequest.WHOLE_GPU, Set.of(), 1)))
        : TargetWorkload.of(pods, TargetWorkload.DEFAULT_COVERAGE);
    return PlacementPolicies.named(config.placementPolicy(), target, new SplittableRandom(config.seed()));
  }

  private static List<SchedulingDecision> decisions(Session session) {
    var decisions = new ArrayList<SchedulingDecision>();
    var binds = new LinkedHashMap<>(session.binds);
    for (var e : session.evicted.values()) {
      var w = e.running().workload();
      var rebound = binds.remove(w.id());
      if (rebound == null) {
        decisions.add(new SchedulingDecision.Evict(w, e.cause()));
      } else {
        decisions.add(new SchedulingDecision.Move(w, e.running().slots().stream().map(session::binding).toList(), rebound.pods(),
            e.cause()));
      }
    }
    decisions.addAll(session.moves);
    decisions.addAll(binds.values());
    new TreeMap<>(Allocate.waitingAndEvicted(session)).forEach((queue, list) -> {
      int position = 0;
      for (var w : list) {
        if (!session.isWaiting(w)) continue;
        // A queue that reached its cap after the workload was tried holds it back first now.
        var reason = session.atCap(w).orElseGet(() -> session.reasons.get(w.id()));
        decisions.add(new SchedulingDecision.Pending(w, reason, ++position));
      }
    });
    return decisions;
  }
}
