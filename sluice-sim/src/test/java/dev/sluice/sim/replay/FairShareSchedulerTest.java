package dev.sluice.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.placement.BestFitPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sluice's cycle through the adapter, on the 2-GPU node where queues a and b deserve one GPU each. */
class FairShareSchedulerTest {
  /**
   * a fills both GPUs at 0 with preemptible (BE) pods for 100 s; b asks for its one GPU at 10. The two are
   * top-level queues: between siblings of one department the cycle does not reclaim yet (the department is
   * at its deserved quota, and the waiting pod gets OverQuota on it).
   */
  private static ReplayWorkload borrowThenReclaim() {
    return new Workloads().topLevel().pod("a", 0, 0, 100, 1).pod("a", 0, 0, 100, 1).pod("b", 0, 10, 5, 1).build();
  }

  private static FairShareScheduler fairShare() {
    return new FairShareScheduler(ReplaySchedulers.fairShareConfig("bestfit", 1), Duration.ofHours(1));
  }

  @Test
  void aQueueBelowItsDeservedShareTakesItBackAtOnce() {
    var result = new ReplayEngine(borrowThenReclaim(), fairShare()).run("fair-share");

    assertThat(result.preemptions()).isEqualTo(1);
    assertThat(result.queue("b").delayP99()).isZero();
    assertThat(result.queue("b").reclaims()).isZero();
    assertThat(result.unserved()).isZero();
  }

  @Test
  void fifoMakesTheSameQueueWaitForTheBorrowerToFinish() {
    var result = new ReplayEngine(borrowThenReclaim(), HeadOfLineScheduler.fifo(BestFitPolicy::new)).run("fifo");

    assertThat(result.preemptions()).isZero();
    assertThat(result.queue("b").delayP99()).isEqualTo(90.0);
    assertThat(result.queue("b").reclaims()).isEqualTo(1);
    assertThat(result.queue("b").reclaimMax()).isEqualTo(90.0);
  }

  @Test
  void workloadIdsSortLikePodIds() {
    assertThat(FairShareScheduler.workloadId(9)).isLessThan(FairShareScheduler.workloadId(10));
    assertThat(FairShareScheduler.workloadId(42)).isEqualTo("p000000042");
  }
}
