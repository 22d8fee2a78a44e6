package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the cycle on random small worlds (see {@link RandomWorlds}). */
class SchedulerPropertiesTest {
  private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());

  @Property(tries = 300)
  void noDeviceIsOvercommitted(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var after = world.after(scheduler.cycle(world));

    var cpu = new HashMap<String, Long>();
    var gpu = new HashMap<String, Integer>();
    for (var r : after.running()) {
      for (var b : r.bindings()) {
        cpu.merge(b.node(), b.pod().cpuMilli(), Long::sum);
        for (int index : b.gpus()) gpu.merge(b.node() + "/" + index, b.pod().gpuMilliPerGpu(), Integer::sum);
        assertThat(b.gpus()).doesNotHaveDuplicates();
      }
    }
    for (var node : after.cluster().nodes()) assertThat(cpu.getOrDefault(node.name(), 0L)).isLessThanOrEqualTo(node.cpuMilli());
    assertThat(gpu.values()).allSatisfy(milli -> assertThat(milli).isLessThanOrEqualTo(1000));
  }

  @Property(tries = 300)
  void gangsAreAllOrNothingAndElasticWorkloadsStayWithinMinAndMax(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var result = scheduler.cycle(world);

    assertThat(result.binds()).allSatisfy(bind -> assertThat(bind.pods().size())
        .isBetween(bind.workload().minMembers(), bind.workload().maxMembers()));
    var decided = new ArrayList<String>();
    result.binds().forEach(b -> decided.add(b.workload().id()));
    result.pending().forEach(p -> decided.add(p.workload().id()));
    assertThat(decided).doesNotHaveDuplicates()
        .containsAll(world.pending().stream().map(Workload::id).toList());
  }

  /**
   * A queue's allocation when it was reclaimed from is at most what it ran plus what it was given in the
   * cycle; if even that is within its deserved quota, it must not have been reclaimed from.
   */
  @Property(tries = 300)
  void aQueueAtOrUnderItsDeservedQuotaIsNeverReclaimedFrom(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var result = scheduler.cycle(world);
    var running = new ArrayList<>(world.running());
    result.binds().forEach(b -> running.add(new RunningWorkload(b.workload(), b.pods(), world.now())));
    var before = allocated(new SchedulerSnapshot(world.cluster(), running, List.of(), world.queues(), world.usage(), world.now()));

    for (var evict : result.evictions()) {
      if (evict.cause().kind() != EvictionCause.Kind.RECLAIM && evict.cause().kind() != EvictionCause.Kind.DESERVED) continue;
      var queue = evict.workload().queue();
      var deserved = world.queues().queue(queue).orElseThrow();
      boolean above = before.getOrDefault(queue, Map.of()).entrySet().stream()
          .anyMatch(e -> e.getValue() > deserved.quota(e.getKey()).deserved());
      assertThat(above).as("queue %s was above its deserved quota in some resource", queue).isTrue();
    }
  }

  /**
   * A reclaim of fair share (a claim within deserved quota is another kind, see DeservedQuotaPropertiesTest), judged
   * on what the reclaims did: the running work less the reclaimed workloads, plus the reclaimers' and
   * the victim queues' new work (which only raises the victims' shares), and preemptions inside the reclaimers'
   * queues (the preempted leave, their preemptors come; they may precede the reclaim). Other changes, such as the
   * reclaimers' later work from idle capacity or preemptions inside a victim queue, are not the reclaim's
   * doing. Queues that both reclaim and are reclaimed from in one cycle are judged step by step by the
   * scheduler only, since this outside view cannot replay the steps.
   */
  @Property(tries = 300)
  void aReclaimNeverLeavesTheVictimBelowTheReclaimersShare(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var result = scheduler.cycle(world);
    var reclaims = result.evictions().stream().filter(e -> e.cause().kind() == EvictionCause.Kind.RECLAIM).toList();
    var reclaimers = reclaims.stream().map(e -> e.cause().byWorkload()).collect(Collectors.toSet());
    var reclaimerQueues = reclaims.stream().map(e -> e.cause().byQueue()).collect(Collectors.toSet());
    var victimQueues = reclaims.stream().map(e -> e.workload().queue()).collect(Collectors.toSet());
    // A preemption inside a reclaiming queue swaps its work (the preempted leave, their preemptors come) and
    // may come before the reclaim in the cycle: both sides of it count.
    var swapsInReclaimers = result.evictions().stream()
        .filter(e -> e.cause().kind() == EvictionCause.Kind.PREEMPT && reclaimerQueues.contains(e.workload().queue()))
        .toList();
    var preemptors = swapsInReclaimers.stream().map(e -> e.cause().byWorkload()).collect(Collectors.toSet());
    var running = new HashMap<String, RunningWorkload>();
    world.running().forEach(r -> running.put(r.id(), r));
    reclaims.forEach(e -> running.remove(e.workload().id()));
    // Queues that lost work to a claim of deserved quota in the same cycle, before or after the reclaim, are
    // judged step by step by the scheduler only, like queues that both reclaim and are reclaimed from.
    var claimedFrom = result.evictions().stream().filter(e -> e.cause().kind() == EvictionCause.Kind.DESERVED)
        .map(e -> e.workload().queue()).collect(Collectors.toSet());
    swapsInReclaimers.forEach(e -> running.remove(e.workload().id()));
    for (var bind : result.binds()) {
      var id = bind.workload().id();
      if (reclaimers.contains(id) || preemptors.contains(id) || victimQueues.contains(bind.workload().queue())) {
        running.put(bind.workload().id(), new RunningWorkload(bind.workload(), bind.pods(), world.now()));
      }
    }
    var after = allocated(new SchedulerSnapshot(world.cluster(), List.copyOf(running.values()), List.of(), world.queues(),
        world.usage(), world.now()));
    var demand = demand(world, result);
    for (var evict : reclaims) {
      if (reclaimerQueues.contains(evict.workload().queue()) || victimQueues.contains(evict.cause().byQueue())
          || claimedFrom.contains(evict.workload().queue()) || claimedFrom.contains(evict.cause().byQueue())) {
        continue;
      }
      double victim = reclaimShare(after, demand, result, evict.workload().queue());
      double reclaimer = reclaimShare(after, demand, result, evict.cause().byQueue());
      assertThat(victim).as("share of victim %s vs reclaimer %s", evict.workload().queue(), evict.cause().byQueue())
          .isGreaterThanOrEqualTo(reclaimer);
    }
  }

  @Property(tries = 300)
  void runningTheCycleAgainOnItsOwnResultChangesNothing(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var again = scheduler.cycle(world.after(scheduler.cycle(world)));

    assertThat(again.evictions()).isEmpty();
    assertThat(again.moves()).isEmpty();
    assertThat(again.binds()).isEmpty();
  }

  @Property(tries = 200)
  void theSameSnapshotGivesTheSameDecisionsWhateverTheOrderOfItsLists(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var pending = new ArrayList<>(world.pending());
    var running = new ArrayList<>(world.running());
    Collections.shuffle(pending, new java.util.Random(seed));
    Collections.shuffle(running, new java.util.Random(seed + 1));
    var shuffled = new SchedulerSnapshot(world.cluster(), running, pending, world.queues(), world.usage(), world.now());

    var first = scheduler.cycle(world);
    assertThat(scheduler.cycle(world)).isEqualTo(first);
    assertThat(new Scheduler(SchedulerConfig.defaults()).cycle(shuffled).decisions())
        .containsExactlyInAnyOrderElementsOf(first.decisions());
  }

  /** What each queue (leaves and ancestors) holds per dimension, from the running pods. */
  private static Map<String, Map<Dimension, Long>> allocated(SchedulerSnapshot snapshot) {
    var models = new HashMap<String, String>();
    snapshot.cluster().nodes().forEach(n -> models.put(n.name(), n.gpuModel()));
    var held = new HashMap<String, Map<Dimension, Long>>();
    for (var r : snapshot.running()) {
      for (var queue : snapshot.queues().pathToRoot(r.workload().queue())) {
        var amounts = held.computeIfAbsent(queue, q -> new HashMap<>());
        for (var b : r.bindings()) {
          amounts.merge(Dimension.CPU, b.pod().cpuMilli(), Long::sum);
          amounts.merge(Dimension.MEMORY, b.pod().memoryMib(), Long::sum);
          amounts.merge(Dimension.GPU, b.pod().totalGpuMilli(), Long::sum);
          if (b.pod().gpuCount() > 0) amounts.merge(Dimension.gpu(models.get(b.node())), b.pod().totalGpuMilli(), Long::sum);
        }
      }
    }
    return held;
  }

  /** What each leaf asks for: every pod of its workloads; GPUs also count toward each model dimension they allow. */
  private static Map<String, Map<Dimension, Long>> demand(SchedulerSnapshot world, CycleResult result) {
    var workloads = new java.util.ArrayList<>(world.pending());
    world.running().forEach(r -> workloads.add(r.workload()));
    var demand = new HashMap<String, Map<Dimension, Long>>();
    for (var w : workloads) {
      var dims = result.fairShares().byQueue().getOrDefault(w.queue(), Map.of()).keySet();
      var amounts = demand.computeIfAbsent(w.queue(), q -> new HashMap<>());
      for (var pod : w.pods()) {
        amounts.merge(Dimension.CPU, pod.cpuMilli(), Long::sum);
        amounts.merge(Dimension.MEMORY, pod.memoryMib(), Long::sum);
        amounts.merge(Dimension.GPU, pod.totalGpuMilli(), Long::sum);
        for (var dim : dims) {
          var model = dim.name().substring(dim.name().indexOf('/') + 1);
          if (dim.isGpuModel() && pod.gpuCount() > 0 && (pod.allowedGpuModels().isEmpty() || pod.allowedGpuModels().contains(model))) {
            amounts.merge(dim, pod.totalGpuMilli(), Long::sum);
          }
        }
      }
    }
    return demand;
  }

  /** Allocated / fair share over the dimensions where the queue gets less than it asks (0/0 = 1); 1 if none. */
  private static double reclaimShare(Map<String, Map<Dimension, Long>> allocated, Map<String, Map<Dimension, Long>> demand,
                                     CycleResult result, String queue) {
    double dominant = -1;
    for (var e : result.fairShares().byQueue().getOrDefault(queue, Map.of()).entrySet()) {
      long fair = e.getValue();
      long wants = demand.getOrDefault(queue, Map.of()).getOrDefault(e.getKey(), 0L);
      if (fair >= wants) continue;
      long has = allocated.getOrDefault(queue, Map.of()).getOrDefault(e.getKey(), 0L);
      dominant = Math.max(dominant, fair == 0 ? (has == 0 ? 1 : Double.POSITIVE_INFINITY) : (double) has / fair);
    }
    return dominant < 0 ? 1 : dominant;
  }



}
