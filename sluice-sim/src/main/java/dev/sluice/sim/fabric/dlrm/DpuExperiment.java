package dev.sluice.sim.fabric.dlrm;

import dev.sluice.sim.report.MetricRow;
import dev.sluice.sim.trace.DlrmInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * The DLRM replay on the same fleet without and with DPUs. Every node runs
 * the infrastructure work of {@link DlrmFleets#INFRASTRUCTURE}; without a DPU it takes host CPU and memory
 * ({@code no-dpu}), with one (NIC 0 of each node, same line rate) it does not ({@code dpu}). Placement is one
 * policy for both (by default {@code nic-aware/sluice}).
 *
 * <pre>{@code
 * List<MetricRow> rows = DpuExperiment.run(DlrmTraceReader.read(Path.of("…/disaggregated_DLRM_trace.csv")), 42);
 * }</pre>
 *
 * <p>Rows per fleet and variant: {@link FleetOutcome#metrics} and {@code freed_host_cores} (host cores the
 * DPUs give back to pods, over the fixed fleet); on the {@code dpu} row also {@code extra_instances_admitted}
 * (pending without DPU less pending with) and, when searched, {@code nodes_saved} (nodes needed without less
 * with).
 */
public final class DpuExperiment {
  public static final String NAME = "dpu";
  public static final DlrmPolicy DEFAULT_POLICY = new DlrmPolicy(NicVisibility.AWARE, "sluice");

  private DpuExperiment() {
  }

  /** The standard fleets ({@link DlrmFleets#standard}), {@link #DEFAULT_POLICY}, hourly samples, nodes needed. */
  public static List<MetricRow> run(List<DlrmInstance> trace, long seed) {
    return run(trace, DlrmFleets.standard(trace, DlrmFleets.DEFAULT_HEADROOM), DEFAULT_POLICY, DlrmOptions.defaults(seed));
  }

  public static List<MetricRow> run(List<DlrmInstance> trace, List<DlrmFleet> fleets, DlrmPolicy policy, DlrmOptions options) {
    var rows = new ArrayList<MetricRow>();
    for (var fleet : fleets) {
      var without = FleetReplay.run(trace, fleet, policy, false, options);
      var with = FleetReplay.run(trace, fleet, policy, true, options);
      rows.addAll(without.metrics(NAME, fleet.name(), "no-dpu"));
      rows.add(new MetricRow(NAME, fleet.name(), "no-dpu", "freed_host_cores", 0));
      rows.addAll(with.metrics(NAME, fleet.name(), "dpu"));
      rows.add(new MetricRow(NAME, fleet.name(), "dpu", "freed_host_cores", freedHostCores(fleet)));
      rows.add(new MetricRow(NAME, fleet.name(), "dpu", "extra_instances_admitted", without.pending() - with.pending()));
      if (options.nodesNeeded() && without.nodesNeeded() >= 0 && with.nodesNeeded() >= 0) {
        rows.add(new MetricRow(NAME, fleet.name(), "dpu", "nodes_saved", without.nodesNeeded() - with.nodesNeeded()));
      }
    }
    return List.copyOf(rows);
  }

  /** Host cores the fixed fleet's DPUs run infrastructure work in place of the host. */
  static double freedHostCores(DlrmFleet fleet) {
    long milli = 0;
    for (var role : DlrmInstance.Role.values()) {
      long perNode = fleet.shape(role).node("dpu", true).fabric().offloadedCpuMilli();
      milli += perNode * fleet.size(role);
    }
    return milli / 1000.0;
  }
}
