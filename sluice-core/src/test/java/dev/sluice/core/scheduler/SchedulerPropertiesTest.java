package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.Dimension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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

  @Property(tries = 300)
  void aQueueAtOrUnderItsDeservedQuotaIsNeverReclaimedFrom(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var result = scheduler.cycle(world);
    var before = allocated(world);

    for (var evict : result.evictions()) {
      if (evict.cause().kind() != EvictionCause.Kind.RECLAIM) continue;
      var queue = evict.workload().queue();
      var deserved = world.queues().queue(queue).orElseThrow();
      boolean above = before.getOrDefault(queue, Map.of()).entrySet().stream()
          .anyMatch(e -> e.getValue() > deserved.quota(e.getKey()).deserved());
      assertThat(above).as("queue %s was above its deserved quota in some resource", queue).isTrue();
    }
  }

  /**
   * Judged on the cycle's result without the reclaiming queues' other new work: what the reclaimers place
   * later from idle capacity within their own fair share is not the reclaim's doing.
   */
  @Property(tries = 300)
  void aReclaimNeverLeavesTheVictimBelowTheReclaimersShare(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.world(seed);
    var result = scheduler.cycle(world);
    var reclaims = result.evictions().stream().filter(e -> e.cause().kind() == EvictionCause.Kind.RECLAIM).toList();
    var reclaimers = reclaims.stream().map(e -> e.cause().byWorkload()).collect(Collectors.toSet());
    var reclaimerQueues = reclaims.stream().map(e -> e.cause().byQueue()).collect(Collectors.toSet());
    var reclaimAndVictims = result.decisions().stream()
        .filter(d -> !(d instanceof SchedulingDecision.Bind b)
            || !reclaimerQueues.contains(b.workload().queue()) || reclaimers.contains(b.workload().id()))
        .toList();
    var after = allocated(world.after(new CycleResult(reclaimAndVictims, result.fairShares())));

    for (var evict : reclaims) {
      double victim = share(after, result, evict.workload().queue());
      double reclaimer = share(after, result, evict.cause().byQueue());
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

  private static double share(Map<String, Map<Dimension, Long>> allocated, CycleResult result, String queue) {
    double dominant = 0;
    for (var e : allocated.getOrDefault(queue, Map.of()).entrySet()) {
      if (e.getValue() == 0) continue;
      long fair = result.fairShares().of(queue, e.getKey());
      dominant = Math.max(dominant, fair == 0 ? Double.POSITIVE_INFINITY : (double) e.getValue() / fair);
    }
    return dominant;
  }


}
