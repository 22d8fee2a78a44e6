package dev.sluice.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.placement.BestFitPolicy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One 2-GPU node. p0 (a, 1 GPU) runs 0–10; p1 (b, both GPUs, 5 s) arrives at 1 and must wait for p0; p2 (a,
 * 1 GPU, 4 s) arrives at 2; p3 (b, 1 GPU, 20 s) at 7.
 */
class BackfillSchedulerTest {
  private static ReplayWorkload story(Walltimes walltimes) {
    var workload = new Workloads().pod("a", 0, 0, 10, 1).pod("b", 0, 1, 5, 2).pod("a", 0, 2, 4, 1).pod("b", 0, 7, 20, 1).build();
    return walltimes.applyTo(workload, 1);
  }

  private static ReplayResult run(ReplayWorkload workload, ReplayScheduler scheduler) {
    return new ReplayEngine(workload, scheduler).run("test");
  }

  @Test
  void aPodThatEndsBeforeTheReservationStartsNowAndOneThatWouldDelayTheFirstInLineWaits() {
    var result = run(story(Walltimes.EXACT), new BackfillScheduler(BestFitPolicy::new));

    // p1 is planned at 10, when p0's walltime ends; p2 ends by 6, so it starts at 2 (waits 0); at 7 p3 fits the
    // GPU p2 freed but would hold it past 10 on the reserved node, so it waits for p1: 10-1 = 9 and 15-7 = 8
    assertThat(result.queue("a").delayP99()).isEqualTo(0.0);
    assertThat(result.queue("b").delayP99()).isEqualTo(9.0);
    assertThat(result.queue("b").delayMean()).isEqualTo(8.5);
  }

  @Test
  void plainFifoKeepsTheSamePodWaitingBehindTheFirstInLine() {
    var result = run(story(Walltimes.EXACT), HeadOfLineScheduler.fifo(BestFitPolicy::new));

    // p2 waits for p1 to end at 15: 13
    assertThat(result.queue("a").delayP99()).isEqualTo(13.0);
    assertThat(result.queue("b").delayP99()).isEqualTo(9.0);
  }

  @Test
  void withoutWalltimesNothingIsPlannedAndBackfillIsFifo() {
    var result = run(story(Walltimes.NONE), new BackfillScheduler(BestFitPolicy::new));

    assertThat(result.queue("a").delayP99()).isEqualTo(13.0);
  }

  @Test
  void aWalltimeThatRunsPastTheReservationKeepsThePodOffTheReservedNode() {
    var workload = story(Walltimes.EXACT);
    var pods = new java.util.ArrayList<>(workload.pods());
    pods.set(2, pods.get(2).withWalltime(9)); // declared 9 s: 2 + 9 = 11 > 10
    var result = run(new ReplayWorkload(workload.nodes(), pods, workload.queues(), workload.skipped()),
        new BackfillScheduler(BestFitPolicy::new));

    assertThat(result.queue("a").delayP99()).isEqualTo(13.0);
    assertThat(result.queue("b").delayP99()).isEqualTo(9.0);
  }

  /**
   * Two nodes, n0 of 4 GPUs and n1 of 2. p0 (3 GPUs) runs on n0 from 0 to 10; p1 (4 GPUs) waits for n0 at 10;
   * p2 (1 GPU, 50 s) fits either node now, and best fit would take n0's last GPU: it must keep off n0.
   */
  @Test
  void aPodThatRunsPastTheReservationGoesToAnotherNodeThanTheReservedOne() {
    var nodes = List.of(Node.uniform("n0", 32_000, 65_536, 4, "T4"), Node.uniform("n1", 32_000, 65_536, 2, "T4"));
    var pods = List.of(gpus(0, "a", 0, 10, 3), gpus(1, "b", 1, 5, 4), gpus(2, "a", 2, 50, 1));
    var result = run(new ReplayWorkload(nodes, pods, Workloads.twoQueues(), List.of()), new BackfillScheduler(BestFitPolicy::new));

    assertThat(result.queue("a").delayP99()).as("p2 starts at 2, on n1").isEqualTo(0.0);
    assertThat(result.queue("b").delayP99()).as("p1 starts at 10 all the same").isEqualTo(9.0);
  }

  private static ReplayPod gpus(int id, String queue, long arrival, long runtime, int gpus) {
    var request = new PodRequest("p" + id, 1000, 1024, gpus, 1000, Set.of());
    return new ReplayPod(id, request, queue, 0, arrival, runtime, runtime);
  }
}
