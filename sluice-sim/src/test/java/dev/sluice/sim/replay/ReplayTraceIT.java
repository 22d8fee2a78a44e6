package dev.sluice.sim.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sim.fgd.SharedTraces;
import dev.sluice.sim.trace.NodeListReader;
import dev.sluice.sim.trace.PodListReader;
import dev.sluice.sim.trace.TraceFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default openb trace on its 1,523-node cluster, as {@code sluice simulate replay} runs it by default. */
class ReplayTraceIT {
  private static ReplayWorkload workload;

  @BeforeAll
  static void readTrace() throws TraceFormatException {
    var nodes = NodeListReader.read(SharedTraces.alibaba2023("openb_node_list_all_node.csv"));
    var pods = PodListReader.read(SharedTraces.alibaba2023("openb_pod_list_default.csv"));
    workload = Walltimes.DECLARED.applyTo(TraceReplay.of(nodes, pods, TraceReplay.DEFAULT_LEAVES, 42, 2000, 2), 42);
  }

  private static ReplayResult replay(String scheduler) {
    return new ReplayEngine(workload, ReplaySchedulers.named(scheduler, workload, "bestfit", 42), 60).run(scheduler);
  }

  @Test
  void everyPodOfTheTwoCopiesIsReplayedOnTheWholeCluster() {
    assertThat(workload.nodes()).hasSize(1523);
    assertThat(workload.gpuCapacityMilli()).isEqualTo(6_212_000);
    assertThat(workload.pods()).hasSize(2 * 8152);
    assertThat(workload.skipped()).isEmpty();
  }

  @Test
  void fifoStartsEveryPodAndTheSameSeedGivesTheSameMeasures() {
    var first = replay(ReplaySchedulers.FIFO);
    var again = replay(ReplaySchedulers.FIFO);

    assertThat(first.unserved()).isZero();
    assertThat(first.all().started()).isEqualTo(2 * 8152);
    assertThat(first.preemptions()).isZero();
    assertThat(first.utilizationPct()).isBetween(1.0, 100.0);
    assertThat(again.queues()).isEqualTo(first.queues());
    assertThat(again.utilizationPct()).isEqualTo(first.utilizationPct());
  }

  @Test
  void backfillStartsEveryPodAndWaitsLessThanFifo() {
    var backfill = replay(ReplaySchedulers.FIFO_BACKFILL);
    var fifo = replay(ReplaySchedulers.FIFO);

    assertThat(backfill.unserved()).isZero();
    assertThat(backfill.all().started()).isEqualTo(2 * 8152);
    assertThat(backfill.preemptions()).isZero();
    assertThat(backfill.all().delayMean()).isLessThan(fifo.all().delayMean());
  }

  @Test
  void strictPriorityStartsEveryPodToo() {
    var result = replay(ReplaySchedulers.PRIORITY);

    assertThat(result.unserved()).isZero();
    assertThat(result.all().started()).isEqualTo(2 * 8152);
    assertThat(result.all().delayP99()).isPositive();
  }

  @Test
  void sluicesFairShareCycleStartsEveryPod() {
    var result = replay(ReplaySchedulers.FAIR_SHARE);

    assertThat(result.unserved()).isZero();
    assertThat(result.all().started()).isEqualTo(2 * 8152);
    assertThat(result.utilizationPct()).isBetween(1.0, 100.0);
  }
}
