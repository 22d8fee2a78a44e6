package dev.sluice.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.placement.BestFitPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One 2-GPU node; queues a and b deserve one GPU each. p0 (a) takes both GPUs from 0 to 10; p1 (b, priority
 * 0, 2 GPUs, 5 s) arrives at 2; p2 (a, priority 2, 1 GPU, 4 s) at 3; p3 (b, 1 GPU, 1 s) at 20, the end of the
 * arrival window.
 */
class ReplayEngineTest {
  private static ReplayWorkload story() {
    return new Workloads().pod("a", 0, 0, 10, 2).pod("b", 0, 2, 5, 2).pod("a", 2, 3, 4, 1).pod("b", 0, 20, 1, 1).build();
  }

  private static ReplayResult run(ReplayScheduler scheduler) {
    return new ReplayEngine(story(), scheduler).run("test");
  }

  @Test
  void fifoStartsP1AtTenAndP2AtFifteen() {
    var result = run(HeadOfLineScheduler.fifo(BestFitPolicy::new));

    // a: p0 waits 0, p2 waits 15 - 3 = 12; b: p1 waits 10 - 2 = 8, p3 waits 0
    assertThat(result.queue("a").delayMean()).isEqualTo(6.0);
    assertThat(result.queue("a").delayP50()).isEqualTo(0.0);
    assertThat(result.queue("a").delayP99()).isEqualTo(12.0);
    assertThat(result.queue("b").delayMean()).isEqualTo(4.0);
    assertThat(result.all().delayMean()).isEqualTo(5.0);
    assertThat(result.all().delayP99()).isEqualTo(12.0);
    assertThat(result.all().started()).isEqualTo(4);
    assertThat(result.unserved()).isZero();
  }

  @Test
  void utilisationIsAllocatedGpuTimeOverTheArrivalWindow() {
    var result = run(HeadOfLineScheduler.fifo(BestFitPolicy::new));

    // [0,10) 2 GPUs, [10,15) 2, [15,19) 1, [19,20) 0: 34 GPU-s of 2 GPUs x 20 s
    assertThat(result.utilizationPct()).isCloseTo(85.0, within(1e-9));
  }

  @Test
  void fairnessDistanceIntegratesEachQueuesGapToItsFairShare() {
    var result = run(HeadOfLineScheduler.fifo(BestFitPolicy::new));

    // from 2 to 15 both queues want more than their deserved GPU, so fair is 1 GPU each, while FIFO gives one
    // queue both: each is 1 GPU off for 13 s, i.e. 13 GPU-s over 2 GPUs x 20 s = 32.5 %
    assertThat(result.queue("a").fairDistancePct()).isCloseTo(32.5, within(1e-9));
    assertThat(result.queue("b").fairDistancePct()).isCloseTo(32.5, within(1e-9));
    assertThat(result.all().fairDistancePct()).isCloseTo(65.0, within(1e-9));
  }

  @Test
  void aQueueWaitingForAPodWithinItsDeservedShareIsInAReclaimEpisode() {
    var result = run(HeadOfLineScheduler.fifo(BestFitPolicy::new));

    // from 10 (p0 gone, a holds 0 of its 1 GPU, p2 asks 1) until p2 starts at 15; p1 asks more than b deserves
    assertThat(result.queue("a").reclaims()).isEqualTo(1);
    assertThat(result.queue("a").reclaimMean()).isEqualTo(5.0);
    assertThat(result.queue("b").reclaims()).isZero();
  }

  @Test
  void strictPriorityStartsP2FirstAndBlocksP1BehindIt() {
    var result = run(HeadOfLineScheduler.strictPriority(BestFitPolicy::new));

    // p2 starts at 10 (waits 7), p1 needs both GPUs and starts at 14 (waits 12)
    assertThat(result.queue("a").delayP99()).isEqualTo(7.0);
    assertThat(result.queue("b").delayP99()).isEqualTo(12.0);
    assertThat(result.queue("a").reclaims()).isZero();
    assertThat(result.utilizationPct()).isCloseTo(85.0, within(1e-9));
  }

  @Test
  void aCycleRunsAfterEachBatchThatChangedSomethingWhilePodsWait() {
    var seen = new ArrayList<Long>();
    var fifo = HeadOfLineScheduler.fifo(BestFitPolicy::new);
    var result = new ReplayEngine(story(), input -> {
      seen.add(input.now());
      return fifo.cycle(input);
    }).run("fifo");

    assertThat(seen).containsExactly(0L, 2L, 3L, 10L, 15L, 20L);
    assertThat(result.cycles()).isEqualTo(6);
  }

  @Test
  void onAPeriodCyclesRunAtItsMultiplesOnly() {
    var seen = new ArrayList<Long>();
    var fifo = HeadOfLineScheduler.fifo(BestFitPolicy::new);
    var result = new ReplayEngine(story(), input -> {
      seen.add(input.now());
      return fifo.cycle(input);
    }, 4).run("fifo");

    // p0 waits from 0 to the cycle at 4 and runs 4..14; the others start at cycles, multiples of 4
    assertThat(seen).startsWith(4L).allMatch(t -> t % 4 == 0);
    assertThat(result.queue("a").delayP50()).isEqualTo(4.0);
    assertThat(result.unserved()).isZero();
  }

  @Test
  void anEvictedPodWaitsAgainAndRunsItsWholeRuntimeOnceRestarted() {
    var fifo = HeadOfLineScheduler.fifo(BestFitPolicy::new);
    ReplayScheduler evictP0At2 = input -> input.now() == 2
        ? new ReplayScheduler.Outcome(List.of(), List.of(0), List.of())
        : fifo.cycle(input);

    var result = new ReplayEngine(story(), evictP0At2).run("evict");

    assertThat(result.preemptions()).isEqualTo(1);
    // p0 is evicted at 2, first by arrival it starts again at 3 and runs 3..13 (its departure at 10 is stale);
    // then p1 runs 13..18 and p2 18..22. A delay counts to the first start: a waits 0 and 15, b 11 and 0.
    assertThat(result.queue("a").delayMean()).isEqualTo(7.5);
    assertThat(result.queue("b").delayP99()).isEqualTo(11.0);
    assertThat(result.unserved()).isZero();
  }
}
