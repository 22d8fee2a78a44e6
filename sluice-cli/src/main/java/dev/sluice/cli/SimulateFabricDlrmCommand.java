package dev.sluice.cli;

import dev.sluice.sim.fabric.dlrm.DlrmExperiment;
import dev.sluice.sim.report.MetricRow;
import dev.sluice.sim.trace.DlrmInstance;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "dlrm", mixinStandardHelpOptions = true,
    description = {"The Alibaba 2025 DLRM trace (NSDI'25 'Prism') replayed on assumed fleets of GPU and CPU nodes with",
        "RDMA NICs: NIC-blind against NIC-aware placement (bandwidth near the GPUs, per-app density caps), each scored",
        "by fgd and sluice. Measures stranded GPUs and CPU, pending instances and the nodes the peak needs (docs/fabric.md)."})
final class SimulateFabricDlrmCommand extends DlrmReportCommand {
  @Override
  List<MetricRow> measure(List<DlrmInstance> instances) {
    return DlrmExperiment.run(instances, seed);
  }

  @Override
  String heading() {
    return "DLRM 2025 replay";
  }

  @Override
  List<String> notes() {
    return List.of("Fleets, policies and metrics: docs/fabric.md, section 'DLRM 2025 replay'. nic-blind placement does"
        + " not see NIC bandwidth; what it places is charged to the NICs afterwards, beyond their line rate if need be"
        + " (degraded_* and nic_oversubscribed_*).");
  }

  @Override
  List<String> charted() {
    return List.of("stranded_gpu_pct", "stranded_cpu_pct", "degraded_gpu_pct", "pending_instances", "nodes_needed");
  }
}
