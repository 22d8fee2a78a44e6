package dev.sluice.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.queue.QueueTree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The caps on running workloads ({@link RunningCaps}) on random small worlds where some queues, leaves and parents,
 * are capped and a few start above their cap ({@link RandomWorlds#cappedWorld}), over three cycles, each committed
 * and the clock 30 minutes on before the next.
 */
class RunningCapPropertiesTest {
  private static final int CYCLES = 3;
  private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());

  /**
   * After any cycle, a capped queue runs at most its cap of workloads under it; one that ran more already (its cap was
   * lowered) runs no more than before, and none of its workloads started.
   */
  @Property(tries = 300)
  void noCycleTakesAQueuePastItsCap(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.cappedWorld(seed);
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      var result = scheduler.cycle(world);
      var after = world.after(result);
      var queues = world.queues();
      var before = runningUnder(queues, world.running());
      var now = runningUnder(after.queues(), after.running());
      var started = result.binds().stream().map(b -> b.workload().queue()).collect(Collectors.toSet());
      for (var capped : caps(queues).entrySet()) {
        var queue = capped.getKey();
        int cap = capped.getValue();
        int count = now.getOrDefault(queue, 0);
        assertThat(count).as("queue %s, cap %d, cycle %d", queue, cap, cycle)
            .isLessThanOrEqualTo(Math.max(cap, before.getOrDefault(queue, 0)));
        boolean startedUnder = started.stream().anyMatch(leaf -> queues.pathToRoot(leaf).contains(queue));
        if (startedUnder) assertThat(count).as("queue %s started work, cap %d, cycle %d", queue, cap, cycle).isLessThanOrEqualTo(cap);
      }
      world = after.at(after.now() + 30 * Scenario.MINUTE);
    }
  }

  /**
   * A workload waits with reason {@code running-cap} exactly when its queue or an ancestor runs at least its cap after
   * the cycle, and no workload that waits so had anything evicted or moved for it.
   */
  @Property(tries = 300)
  void aWorkloadHeldByACapSaysSoAndEvictsNoOne(@ForAll @LongRange(min = 1, max = 1_000_000_000) long seed) {
    var world = RandomWorlds.cappedWorld(seed);
    for (int cycle = 0; cycle < CYCLES; cycle++) {
      var result = scheduler.cycle(world);
      var after = world.after(result);
      var now = runningUnder(after.queues(), after.running());
      var caps = caps(world.queues());
      var queues = world.queues();
      for (var pending : result.pending()) {
        boolean atCap = queues.pathToRoot(pending.workload().queue()).stream()
            .anyMatch(q -> caps.containsKey(q) && now.getOrDefault(q, 0) >= caps.get(q));
        assertThat(pending.reason().code().equals("running-cap")).as("%s: %s", pending.workload().id(), pending.reason().message())
            .isEqualTo(atCap);
      }
      var held = result.pending().stream().filter(p -> p.reason() instanceof PendingReason.AtRunningCap)
          .map(p -> p.workload().id()).collect(Collectors.toSet());
      assertThat(result.evictions()).noneMatch(e -> held.contains(e.cause().byWorkload()));
      assertThat(result.moves()).noneMatch(m -> held.contains(m.cause().byWorkload()));
      world = after.at(after.now() + 30 * Scenario.MINUTE);
    }
  }

  /** How many workloads run under each queue: in it or in a queue under it. */
  private static Map<String, Integer> runningUnder(QueueTree queues, List<RunningWorkload> running) {
    var counts = new HashMap<String, Integer>();
    for (var r : running) queues.pathToRoot(r.workload().queue()).forEach(q -> counts.merge(q, 1, Integer::sum));
    return counts;
  }

  private static Map<String, Integer> caps(QueueTree queues) {
    var caps = new HashMap<String, Integer>();
    for (var name : queues.names()) {
      var spec = queues.queue(name).orElseThrow();
      if (spec.capsRunning()) caps.put(name, spec.maxRunningWorkloads());
    }
    return caps;
  }
}
