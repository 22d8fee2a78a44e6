package dev.sluice.sim.fabric.dlrm;

import static dev.sluice.sim.fabric.dlrm.Instances.cn;
import static dev.sluice.sim.fabric.dlrm.Instances.hn;
import static dev.sluice.sim.fabric.dlrm.Instances.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.sim.trace.DlrmInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Worked answers on two-node fleets, NICs of 100 Gbit/s, sampled every second before the last instance
 * arrives at 5 s (samples at 0–4 s, all of the same state).
 */
class DlrmExperimentTest {
  /** HN: 4 GPUs behind one NIC; CN: 8 vCPUs and one NIC; no infrastructure work. */
  private static final HostShape GPU_NODE = new HostShape(32, 256, 4, 1, 100, 1, 1000, List.of());
  private static final HostShape CPU_NODE = new HostShape(8, 64, 0, 1, 100, 1, 1000, List.of());
  private static final DlrmOptions EVERY_SECOND = new DlrmOptions(42, 1000, false);

  /**
   * Two 60 % instances at the start, one 30 % at 5 s, on each side. nic-blind puts both 60 % ones on the first
   * node in the tie order (placement sees no bandwidth, and every node scores alike): its NIC carries 120
   * Gbit/s, 20 over line rate, so its 2 free GPUs (of 8) or 4 free vCPUs (of 16) can take no instance of the
   * trace (each asks at least 30 %), while the 2 GPUs / 4 vCPUs it gave run behind the oversubscribed NIC.
   * nic-aware puts the second on the other node (the first has 40 Gbit/s left), and a 30 % instance still fits
   * on both.
   */
  @Test
  void nicBlindStrandsWhatNicAwareKeepsUsableAndRunsInstancesBehindAnOversubscribedNic() {
    var trace = List.of(hn(0, "a", 4, 60, 0, DlrmInstance.BEFORE_START), hn(1, "a", 4, 60, 0, DlrmInstance.BEFORE_START),
        hn(2, "a", 4, 30, 0, 5000), cn(3, "b", 2, 60, DlrmInstance.BEFORE_START), cn(4, "b", 2, 60, DlrmInstance.BEFORE_START),
        cn(5, "b", 2, 30, 5000));
    var fleet = new DlrmFleet("tiny", GPU_NODE, CPU_NODE, 2, 2);

    var rows = DlrmExperiment.run(trace, List.of(fleet), DlrmPolicy.all(), EVERY_SECOND);

    for (var scoring : DlrmPolicy.SCORINGS) {
      var blind = "nic-blind/" + scoring;
      var aware = "nic-aware/" + scoring;
      assertThat(value(rows, blind, "stranded_gpu_pct")).as(blind).isCloseTo(25, within(1e-9));
      assertThat(value(rows, blind, "stranded_cpu_pct")).as(blind).isCloseTo(25, within(1e-9));
      assertThat(value(rows, blind, "degraded_gpu_pct")).as(blind).isCloseTo(25, within(1e-9));
      assertThat(value(rows, blind, "degraded_cpu_pct")).as(blind).isCloseTo(25, within(1e-9));
      assertThat(value(rows, blind, "nic_oversubscribed_hn_pct")).as("20 of 200 Gbit/s").isCloseTo(10, within(1e-9));
      assertThat(value(rows, blind, "oversubscribed_cn_nodes_peak")).isEqualTo(1);
      assertThat(value(rows, aware, "stranded_gpu_pct")).as(aware).isZero();
      assertThat(value(rows, aware, "stranded_cpu_pct")).as(aware).isZero();
      assertThat(value(rows, aware, "nic_oversubscribed_hn_pct")).isZero();
      assertThat(value(rows, aware, "pending_instances")).isZero();
      var versus = aware + " vs " + blind;
      assertThat(value(rows, versus, "stranded_gpu_reduction_pct")).isCloseTo(100, within(1e-9));
      assertThat(value(rows, versus, "stranded_cpu_reduction_pct")).isCloseTo(100, within(1e-9));
    }
  }

  /**
   * One node of 4 GPUs behind 2 NICs (GPUs 0 and 1 behind NIC 0), two 60 % instances. nic-pooled sees 120 of 200
   * Gbit/s and lets the usual choice take GPUs 0 and 1: both behind NIC 0, 20 over its line rate, the ablation of
   * affinity. nic-aware takes GPU 0, then GPU 2 behind NIC 1.
   */
  @Test
  void withoutAffinityPooledBandwidthFitsTheNodeButNotTheNicBehindTheGpus() {
    var twoNics = new HostShape(32, 256, 4, 2, 100, 1, 1000, List.of());
    var trace = List.of(hn(0, "a", 4, 60, 0, DlrmInstance.BEFORE_START), hn(1, "a", 4, 60, 0, DlrmInstance.BEFORE_START),
        hn(2, "a", 1, 1, 0, 5000));
    var fleet = new DlrmFleet("one-hn", twoNics, CPU_NODE, 1, 1);

    var rows = DlrmExperiment.run(trace, List.of(fleet), DlrmPolicy.all(), EVERY_SECOND);

    assertThat(value(rows, "nic-pooled/sluice", "pending_instances")).isZero();
    assertThat(value(rows, "nic-pooled/sluice", "degraded_gpu_pct")).as("2 of 4 GPUs behind the overloaded NIC").isCloseTo(50, within(1e-9));
    assertThat(value(rows, "nic-pooled/sluice", "nic_oversubscribed_hn_pct")).as("20 of 200 Gbit/s").isCloseTo(10, within(1e-9));
    assertThat(value(rows, "nic-aware/sluice", "degraded_gpu_pct")).isZero();
    assertThat(value(rows, "nic-aware/sluice", "pending_instances")).isZero();
  }

  /** Three instances of an app capped at 2 per node, each needing a fraction of one node: two nodes, not one. */
  @Test
  void aDensityCapForcesASecondNode() {
    var trace = List.of(hn(0, "capped", 2, 10, 2, DlrmInstance.BEFORE_START), hn(1, "capped", 2, 10, 2, DlrmInstance.BEFORE_START),
        hn(2, "capped", 2, 10, 2, 1000));
    var fleet = new DlrmFleet("one-hn", GPU_NODE, CPU_NODE, 1, 1);

    var rows = DlrmExperiment.run(trace, List.of(fleet), List.of(new DlrmPolicy(NicVisibility.AWARE, "sluice")),
        new DlrmOptions(42, 1000, true));

    assertThat(value(rows, "nic-aware/sluice", "pending_hn_instances")).as("the third finds the only node at its cap").isEqualTo(1);
    assertThat(value(rows, "nic-aware/sluice", "nodes_needed_hn")).isEqualTo(2);
    assertThat(value(rows, "nic-aware/sluice", "nodes_needed_cn")).as("no CN instances").isZero();
    assertThat(value(rows, "nic-aware/sluice", "instances")).isEqualTo(3);
  }

  @Test
  void reductionIsRelativeAndLeftOutWhenThereIsNothingToReduce() {
    assertThat(DlrmExperiment.reduction(4, 1)).containsExactly(75.0);
    assertThat(DlrmExperiment.reduction(2, 3)).containsExactly(-50.0);
    assertThat(DlrmExperiment.reduction(0, 3)).isEmpty();
  }
}
