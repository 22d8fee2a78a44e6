package dev.sluice.sim.fabric.dlrm;

import dev.sluice.sim.report.MetricRow;
import java.util.ArrayList;
import java.util.List;

/**
 * One policy's replay of the trace on one fleet: the HN and CN sides on the fixed fleet, and the smallest
 * number of HN and CN nodes that host every instance ({@link SmallestFleet#NONE} when no size does; both
 * {@link #NOT_SEARCHED} when not searched).
 */
record FleetOutcome(int gpuNodes, int cpuNodes, RoleOutcome hn, RoleOutcome cn, int hnNeeded, int cnNeeded) {
  static final int NOT_SEARCHED = -2;

  int pending() {
    return hn.pending() + cn.pending();
  }

  /** Both sides' smallest fleets added up; NONE when either has none. */
  int nodesNeeded() {
    return hnNeeded < 0 || cnNeeded < 0 ? Math.min(hnNeeded, cnNeeded) : hnNeeded + cnNeeded;
  }

  List<MetricRow> metrics(String experiment, String fleet, String policy) {
    var rows = new ArrayList<MetricRow>();
    Row row = (metric, value) -> rows.add(new MetricRow(experiment, fleet, policy, metric, value));
    row.add("fleet_nodes", gpuNodes + cpuNodes);
    row.add("instances", hn.created() + cn.created());
    row.add("pending_instances", pending());
    row.add("pending_hn_instances", hn.pending());
    row.add("pending_cn_instances", cn.pending());
    row.add("stranded_gpu_pct", hn.strandedPct());
    row.add("stranded_cpu_pct", cn.strandedPct());
    row.add("degraded_gpu_pct", hn.degradedPct());
    row.add("degraded_cpu_pct", cn.degradedPct());
    row.add("nic_oversubscribed_hn_pct", hn.oversubscribedPct());
    row.add("nic_oversubscribed_cn_pct", cn.oversubscribedPct());
    row.add("oversubscribed_hn_nodes_peak", hn.oversubscribedNodesPeak());
    row.add("oversubscribed_cn_nodes_peak", cn.oversubscribedNodesPeak());
    if (hnNeeded != NOT_SEARCHED) {
      row.add("nodes_needed", nodesNeeded());
      row.add("nodes_needed_hn", hnNeeded);
      row.add("nodes_needed_cn", cnNeeded);
    }
    return rows;
  }

  private interface Row {
    void add(String metric, double value);
  }
}
