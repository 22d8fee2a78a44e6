package dev.sluice.sim.fabric.dlrm;

import static dev.sluice.sim.fabric.dlrm.Instances.cn;
import static dev.sluice.sim.fabric.dlrm.Instances.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sim.trace.DlrmInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpuExperimentTest {
  /**
   * A CN node of 16 vCPUs whose vswitch (4 cores) and storage (2 cores) leave pods 10 vCPUs without a DPU:
   * two 5-vCPU instances fit, the third waits; with a DPU all 16 are the pods' and the third fits too. The
   * fleet's two nodes (one HN, one CN) each give back 6 cores.
   */
  @Test
  void aDpuAdmitsOneMoreInstanceAndSavesANode() {
    var gpuNode = new HostShape(32, 256, 8, 4, 100, 1, 1000, DlrmFleets.INFRASTRUCTURE);
    var cpuNode = new HostShape(16, 64, 0, 1, 100, 1, 1000, DlrmFleets.INFRASTRUCTURE);
    var trace = List.of(cn(0, "a", 5, 10, DlrmInstance.BEFORE_START), cn(1, "a", 5, 10, DlrmInstance.BEFORE_START),
        cn(2, "a", 5, 10, 1000));
    var fleet = new DlrmFleet("tiny", gpuNode, cpuNode, 1, 1);

    var rows = DpuExperiment.run(trace, List.of(fleet), DpuExperiment.DEFAULT_POLICY, new DlrmOptions(42, 1000, true));

    assertThat(value(rows, "no-dpu", "pending_instances")).isEqualTo(1);
    assertThat(value(rows, "dpu", "pending_instances")).isZero();
    assertThat(value(rows, "dpu", "extra_instances_admitted")).isEqualTo(1);
    assertThat(value(rows, "dpu", "freed_host_cores")).isEqualTo(12);
    assertThat(value(rows, "no-dpu", "freed_host_cores")).isZero();
    assertThat(value(rows, "no-dpu", "nodes_needed_cn")).isEqualTo(2);
    assertThat(value(rows, "dpu", "nodes_needed_cn")).isEqualTo(1);
    assertThat(value(rows, "dpu", "nodes_saved")).isEqualTo(1);
  }
}
