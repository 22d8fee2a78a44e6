package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The guarantee on random small worlds (see {@link RandomWorlds}). */
class DeservedQuotaPropertiesTest {
  private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());

  /**
   * After a cycle, no workload of a queue that would stay within its deserved quota waits while a legal victim
   * set exists. The legal set looked at here is the plainest: every candidate (preemptible or beyond-deserved
   * work that served its minimum runtime) of the queues that stay above deserved, they and their ancestors up to
   * the one shared with the claimant, even once all those candidates are gone. If the claimant then places in a
   * cycle of its own that evicts nothing, the scheduler should have placed it.
   */
  @Property(tries = 300)
  void aQueueWithinItsDeservedQuotaNeverWaitsWhenALegalVictimSetExists(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var first = scheduler.cycle(world);
    var after = world.after(first);

    for (var waiting : after.pending()) {
      var allocated = allocated(after.cluster().nodes(), after.running(), after.queues());
      if (!withinWith(after.queues(), allocated, waiting) || behindAReservationThatStands(first, after, waiting)) continue;
      var victims = legalVictims(after, waiting);
      var rest = after.running().stream().filter(r -> !victims.contains(r.id())).toList();
      var alone = SchedulerSnapshot.of(after.cluster().nodes(), rest, List.of(waiting), after.queues(), after.usage(), after.now());
      var result = scheduler.cycle(alone);
      var placed = alone.after(result);
      boolean placesWithoutMore = result.evictions().isEmpty() && result.moves().isEmpty()
          && result.binds().stream().anyMatch(b -> b.workload().id().equals(waiting.id()))
          && Promises.withinOnPath(placed.queues(), allocated(placed.cluster().nodes(), placed.running(), placed.queues()), waiting.queue());
      assertThat(placesWithoutMore).as("%s waits although evicting %s makes room", waiting.id(), victims).isFalse();
    }
  }

  /**
   * No cycle of reclaims: run on its own result with the clock moving on, the cycle settles on one set of
   * running workloads, and no workload that a reclaim placed by taking from a queue is reclaimed by that queue in
   * the next cycle, unless a third queue took from it in between (a sibling's deserved claim, say, once a victim
   * has served its minimum runtime: then the queue is owed what it lost, which is the guarantee, not the reclaim
   * undone) or the reclaimer's queue placed more work in the same cycle (it then keeps its higher-priority work
   * and gives back the reclaimer, which that work took beyond its deserved quota).
   */
  @Property(tries = 200)
  void cyclesRunOnTheirOwnResultsSettleAndNoReclaimIsReversed(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var runningSets = new ArrayList<Set<String>>();
    Map<String, Set<String>> takenFromBy = Map.of();
    Set<String> placedMore = Set.of();
    for (int i = 0; i < 12; i++) {
      var result = scheduler.cycle(world);
      var takenFrom = new HashMap<String, Set<String>>();
      var lostTo = new HashMap<String, Set<String>>();
      for (var e : result.evictions()) {
        if (e.cause().kind() != EvictionCause.Kind.RECLAIM && e.cause().kind() != EvictionCause.Kind.DESERVED) continue;
        takenFrom.computeIfAbsent(e.cause().byWorkload(), x -> new HashSet<>()).add(e.workload().queue());
        lostTo.computeIfAbsent(e.workload().queue(), x -> new HashSet<>()).add(e.cause().byQueue());
      }
      for (var e : result.evictions()) {
        var reclaimer = e.workload();
        if (!takenFromBy.getOrDefault(reclaimer.id(), Set.of()).contains(e.cause().byQueue()) || placedMore.contains(reclaimer.queue())) continue;
        var thirdParties = new HashSet<>(lostTo.getOrDefault(e.cause().byQueue(), Set.of()));
        thirdParties.removeAll(Set.of(reclaimer.queue(), e.cause().byQueue()));
        assertThat(thirdParties).as("cycle %d: queue %s takes back %s, which reclaimed from it the cycle before", i,
            e.cause().byQueue(), reclaimer.id()).isNotEmpty();
      }
      takenFromBy = takenFrom;
      placedMore = result.binds().stream().filter(b -> !takenFrom.containsKey(b.workload().id()))
          .map(b -> b.workload().queue()).collect(java.util.stream.Collectors.toSet());
      world = world.after(result).at(world.now() + 30 * Scenario.MINUTE);
      runningSets.add(world.running().stream().map(RunningWorkload::id).collect(java.util.stream.Collectors.toSet()));
    }
    // Minimum runtimes (at most 40 minutes) hold a victim for two cycles, and what one cycle places may be a victim
    // once its own minimum is served, so a chain of claims can take a few cycles: from the eighth on nothing changes.
    assertThat(runningSets.subList(7, runningSets.size())).allSatisfy(set -> assertThat(set).isEqualTo(runningSets.get(7)));
  }

  /**
   * Worlds random seeds once found against earlier versions, kept: 63663, a third queue's claim; 1473, two queues
   * at an infinite share reclaiming from each other in turn; 26996 and 59961, a claimant's queue placing more the
   * same cycle; 9895 and 28603, chains of claims gated by minimum runtimes.
   */
  @Example
  void worldsOnceFoundStillSettle() {
    for (long seed : new long[] {63663, 1473, 26996, 59961, 9895, 28603}) cyclesRunOnTheirOwnResultsSettleAndNoReclaimIsReversed(seed);
  }

  /** A world once found: a claim short of quota on its department, not of room, evicts under that department. */
  @Example
  void aClaimShortOfQuotaNotRoomFindsItsVictims() {
    aQueueWithinItsDeservedQuotaNeverWaitsWhenALegalVictimSetExists(38019);
  }

  /**
   * A world once found: a claim that needs no victim, whose queue's turn in allocate's pass within deserved quota
   * ended before it at a workload that may not be preempted, is placed by the claim.
   */
  @Example
  void aClaimThatNeedsNoVictimIsPlaced() {
    aQueueWithinItsDeservedQuotaNeverWaitsWhenALegalVictimSetExists(13456);
  }

  /**
   * A world once found: a gang with no candidate victims on nodes where it would find room is still tried alone,
   * admitted by deserved quota, and places on GPUs of a model its fair share did not admit.
   */
  @Example
  void aClaimWithNoVictimWithinReachIsStillTriedAlone() {
    aQueueWithinItsDeservedQuotaNeverWaitsWhenALegalVictimSetExists(129206);
  }

  /** A world once found: a claim that would place on nodes held for its own queue's workload says it waits for them. */
  @Example
  void aClaimBehindItsOwnQueuesReservationSaysSo() {
    aQueueWithinItsDeservedQuotaNeverWaitsWhenALegalVictimSetExists(103583);
  }

  /**
   * Whether it waits for nodes held for a workload of its own queue (the queue's own order) or for one that claims
   * deserved quota too (first come, first served).
   */
  private static boolean behindAReservationThatStands(CycleResult result, SchedulerSnapshot after, Workload waiting) {
    var pending = new HashMap<String, SchedulingDecision.Pending>();
    result.pending().forEach(p -> pending.put(p.workload().id(), p));
    var reason = pending.get(waiting.id()).reason();
    // A claim neither takes from nor places on nodes held for a reservation that stands, and says so.
    if (reason instanceof PendingReason.NoVictimSet && reason.message().contains(" nodes held for workload ")) return true;
    if (!(reason.blocker() instanceof PendingReason.BehindReservation held)) return false;
    var holder = pending.get(held.reservedFor());
    if (holder == null) return false;
    var allocated = allocated(after.cluster().nodes(), after.running(), after.queues());
    return waiting.queue().equals(holder.workload().queue()) || withinWith(after.queues(), allocated, holder.workload());
  }

  /** Whether the waiting workload's leaf, with its minimum, stays within deserved where it is promised. */
  private static boolean withinWith(QueueTree queues, Map<String, Map<Dimension, Long>> allocated, Workload waiting) {
    var leaf = new HashMap<>(allocated.getOrDefault(waiting.queue(), Map.of()));
    for (int i = 0; i < waiting.minMembers(); i++) {
      var pod = waiting.pods().get(i);
      leaf.merge(Dimension.CPU, pod.cpuMilli(), Long::sum);
      leaf.merge(Dimension.MEMORY, pod.memoryMib(), Long::sum);
      leaf.merge(Dimension.GPU, pod.totalGpuMilli(), Long::sum);
      if (pod.allowedGpuModels().size() == 1) leaf.merge(Dimension.gpu(pod.allowedGpuModels().iterator().next()), pod.totalGpuMilli(), Long::sum);
    }
    return !Promises.beyond(queues, Map.of(waiting.queue(), leaf), waiting.queue());
  }

  /** The plainest legal victim set for {@code claimant} (see the property). */
  private static Set<String> legalVictims(SchedulerSnapshot snapshot, Workload claimant) {
    var queues = snapshot.queues();
    var claimantPath = queues.pathToRoot(claimant.queue());
    var candidates = new ArrayList<RunningWorkload>();
    var allocated = allocated(snapshot.cluster().nodes(), snapshot.running(), queues);
    for (var r : snapshot.running()) {
      var queue = r.workload().queue();
      if (queue.equals(claimant.queue()) || !Promises.beyond(queues, allocated, queue)) continue;
      if ((r.workload().preemptible() || beyondDeserved(snapshot, queue).contains(r.id()))
          && r.workload().runtimes().minRuntimeServed(r.startTime(), snapshot.now())) {
        candidates.add(r);
      }
    }
    // Drop the candidates of queues that would not stay above deserved, until none is left to drop.
    while (true) {
      var ids = candidates.stream().map(RunningWorkload::id).collect(java.util.stream.Collectors.toSet());
      var rest = snapshot.running().stream().filter(r -> !ids.contains(r.id())).toList();
      var left = allocated(snapshot.cluster().nodes(), rest, queues);
      var kept = candidates.stream().filter(r -> queues.pathToRoot(r.workload().queue()).stream()
          .takeWhile(q -> !claimantPath.contains(q)).allMatch(q -> Promises.beyond(queues, left, q))).toList();
      if (kept.size() == candidates.size()) return ids;
      candidates = new ArrayList<>(kept);
    }
  }

  /** A queue's running work beyond its deserved quota, counted in keep order (priority, oldest start, submit, id). */
  private static Set<String> beyondDeserved(SchedulerSnapshot snapshot, String queue) {
    var ofQueue = snapshot.running().stream().filter(r -> r.workload().queue().equals(queue))
        .sorted(Comparator.comparingInt((RunningWorkload r) -> -r.workload().priority().value())
            .thenComparingLong(RunningWorkload::startTime).thenComparingLong(r -> r.workload().submitTime())
            .thenComparing(RunningWorkload::id))
        .toList();
    var beyond = new HashSet<String>();
    var sum = new ArrayList<RunningWorkload>();
    for (var r : ofQueue) {
      sum.add(r);
      if (!beyond.isEmpty() || Promises.beyond(snapshot.queues(), allocated(snapshot.cluster().nodes(), sum, snapshot.queues()), queue)) {
        beyond.add(r.id());
      }
    }
    return beyond;
  }

  /** What each queue (leaves and ancestors) holds per dimension; GPU models only where some queue states one. */
  static Map<String, Map<Dimension, Long>> allocated(List<dev.sluice.core.model.Node> nodes, List<RunningWorkload> running,
                                                     QueueTree queues) {
    var models = new HashMap<String, String>();
    nodes.forEach(n -> models.put(n.name(), n.gpuModel()));
    var quotaModels = new HashSet<Dimension>();
    for (var leaf : RandomWorlds.leaves(queues)) {
      for (var queue : queues.pathToRoot(leaf)) {
        queues.queue(queue).orElseThrow().quotas().keySet().stream().filter(Dimension::isGpuModel).forEach(quotaModels::add);
      }
    }
    var held = new HashMap<String, Map<Dimension, Long>>();
    for (var r : running) {
      for (var queue : queues.pathToRoot(r.workload().queue())) {
        var amounts = held.computeIfAbsent(queue, q -> new HashMap<>());
        for (var b : r.bindings()) {
          amounts.merge(Dimension.CPU, b.pod().cpuMilli(), Long::sum);
          amounts.merge(Dimension.MEMORY, b.pod().memoryMib(), Long::sum);
          amounts.merge(Dimension.GPU, b.pod().totalGpuMilli(), Long::sum);
          var model = Dimension.gpu(models.get(b.node()));
          if (b.pod().gpuCount() > 0 && quotaModels.contains(model)) amounts.merge(model, b.pod().totalGpuMilli(), Long::sum);
        }
      }
    }
    return held;
  }
}
