package dev.sluice.sim.fabric.dlrm;

import static dev.sluice.sim.fabric.dlrm.Instances.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sim.fgd.SharedTraces;
import dev.sluice.sim.trace.DlrmInstance.Role;
import dev.sluice.sim.trace.DlrmTraceReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real DLRM trace on a quarter of the balanced fleet (crowded: thousands of instances wait), all four
 * policies, hourly samples, no nodes-needed search: the counts add up and nic-aware never oversubscribes a NIC.
 * GPUs and CPU cannot be over-allocated at all (the core's node state refuses it, failing the replay).
 */
class DlrmTraceIT {
  @Test
  void theRealTraceOnASmallFleetKeepsItsInvariants() throws Exception {
    var trace = DlrmTraceReader.read(SharedTraces.alibaba2025("disaggregated_DLRM_trace.csv"));
    long hnInstances = trace.stream().filter(i -> i.role() == Role.HN).count();
    var full = DlrmFleets.sized("balanced", DlrmFleets.BALANCED_GPU_NODE, DlrmFleets.BALANCED_CPU_NODE, trace, 0);
    var quarter = full.withSizes(full.gpuNodes() / 4, full.cpuNodes() / 4);

    var rows = DlrmExperiment.run(trace, List.of(quarter), DlrmPolicy.all(), new DlrmOptions(42, DlrmOptions.HOUR_MS, false));

    assertThat(trace).hasSize(23_871);
    assertThat(hnInstances).isEqualTo(7_386);
    for (var policy : DlrmPolicy.all()) {
      var name = policy.name();
      double pendingHn = value(rows, name, "pending_hn_instances");
      double pendingCn = value(rows, name, "pending_cn_instances");
      assertThat(value(rows, name, "instances")).isEqualTo(23_871);
      assertThat(value(rows, name, "pending_instances")).as(name).isEqualTo(pendingHn + pendingCn);
      assertThat(pendingHn).as(name + ": a quarter of the GPUs cannot hold the peak").isBetween(1.0, (double) hnInstances);
      assertThat(pendingCn).as(name).isBetween(1.0, 23_871.0 - hnInstances);
      for (var metric : List.of("stranded_gpu_pct", "stranded_cpu_pct", "degraded_gpu_pct", "degraded_cpu_pct")) {
        assertThat(value(rows, name, metric)).as(name + " " + metric).isBetween(0.0, 100.0);
      }
      if (policy.visibility() == NicVisibility.AWARE) {
        for (var metric : List.of("nic_oversubscribed_hn_pct", "nic_oversubscribed_cn_pct", "oversubscribed_hn_nodes_peak",
            "oversubscribed_cn_nodes_peak", "degraded_gpu_pct", "degraded_cpu_pct")) {
          assertThat(value(rows, name, metric)).as(name + " " + metric).isZero();
        }
      }
    }
  }
}
