package dev.sluice.sim.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.core.model.PodRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GangMetricsTest {
  private static final double EPS = 1e-9;

  private static TrainingGang gang(int id, int size, int gpusPerPod, long arrival, long runtime) {
    return new TrainingGang(id, new PodRequest("p" + id, 1_000, 1_024, gpusPerPod, 1_000, Set.of()), size, arrival, runtime);
  }

  @Test
  void aWorkedExampleOnSixteenGpus() {
    // a: 8 GPUs from 0 to 100 in one rack; b: 16 GPUs, waits 90 s, runs 100..150 over two racks of a block; c never starts
    var a = gang(0, 2, 4, 0, 100);
    var b = gang(1, 2, 8, 10, 50);
    var c = gang(2, 2, 8, 20, 10);
    var metrics = new GangMetrics(16);
    metrics.arrived(a);
    metrics.started(a, 0, 1, 1);
    metrics.arrived(b);
    metrics.arrived(c);
    metrics.backlogAtLastArrival(2);
    metrics.started(b, 100, 2, 1);

    var r = metrics.result("topology-blind", 1, 7);

    assertThat(r.gangs()).isEqualTo(3);
    assertThat(r.started()).isEqualTo(2);
    assertThat(r.spanningRacksPct()).isCloseTo(50.0, within(EPS));
    assertThat(r.spanningBlocksPct()).isZero();
    assertThat(r.delayMeanMin()).as("(0 + 90) / 2 s").isCloseTo(0.75, within(EPS));
    assertThat(r.delayP99Min()).as("nearest rank of two: the larger").isCloseTo(1.5, within(EPS));
    assertThat(r.makespanHours()).as("0 to b's departure at 150 s").isCloseTo(150 / 3600.0, within(EPS));
    assertThat(r.gpuUtilPct()).as("(8 × 100 + 16 × 50) / (16 × 150)").isCloseTo(200.0 / 3, within(EPS));
    assertThat(r.windowUtilPct()).as("a's 8 GPUs over the arrival window 0..20").isCloseTo(50.0, within(EPS));
    assertThat(r.pendingAtLastArrival()).isEqualTo(2);
    assertThat(r.pendingAtEnd()).isEqualTo(1);
    assertThat(r.cycles()).isEqualTo(7);
  }

  @Test
  void noStartedGangHasNoShareOrDelayToMeasure() {
    var metrics = new GangMetrics(8);
    metrics.arrived(gang(0, 2, 8, 5, 10));

    var r = metrics.result("topology-required", 1, 1);

    assertThat(r.spanningRacksPct()).isNaN();
    assertThat(r.delayMeanMin()).isZero();
    assertThat(r.gpuUtilPct()).as("no time passed").isNaN();
    assertThat(r.rows("1x1x8-b1")).hasSize(TopologyResult.metrics().size())
        .anySatisfy(row -> assertThat(row.metric()).isEqualTo("gangs_spanning_racks_pct"));
  }
}
