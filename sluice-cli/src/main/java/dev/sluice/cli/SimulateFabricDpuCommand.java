package dev.sluice.cli;

import dev.sluice.sim.fabric.dlrm.DpuExperiment;
import dev.sluice.sim.report.MetricRow;
import dev.sluice.sim.trace.DlrmInstance;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "dpu", mixinStandardHelpOptions = true,
    description = {"The DLRM trace's fleets with and without DPUs: a node's virtual switch and storage initiator take",
        "host cores unless a DPU runs them. Measures the host cores freed, the instances admitted and the nodes",
        "the peak needs (docs/fabric.md)."})
final class SimulateFabricDpuCommand extends DlrmReportCommand {
  @Override
  List<MetricRow> measure(List<DlrmInstance> instances) {
    return DpuExperiment.run(instances, seed);
  }

  @Override
  String heading() {
    return "DPU offload";
  }

  @Override
  List<String> notes() {
    return List.of("Every node reserves host cores and memory for its infrastructure (docs/fabric.md); with a DPU one"
        + " NIC of each node runs that work instead. Placement nic-aware, scored by sluice.");
  }

  @Override
  List<String> charted() {
    return List.of("freed_host_cores", "extra_instances_admitted", "pending_instances", "nodes_needed");
  }
}
