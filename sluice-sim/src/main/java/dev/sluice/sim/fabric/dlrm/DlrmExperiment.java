package dev.sluice.sim.fabric.dlrm;

import dev.sluice.sim.report.MetricRow;
import dev.sluice.sim.trace.DlrmInstance;
import java.util.ArrayList;
import java.util.List;

/**
 * The Alibaba 2025 DLRM trace replayed on assumed fleets under nic-blind, nic-pooled and nic-aware placement, each
 * scored by {@code fgd} and {@code sluice} (see docs/fabric.md).
 *
 * <pre>{@code
 * List<MetricRow> rows = DlrmExperiment.run(DlrmTraceReader.read(Path.of("…/disaggregated_DLRM_trace.csv")), 42);
 * }</pre>
 *
 * <p>Per fleet and policy it reports what {@link FleetOutcome#metrics} lists; per fleet and scoring it adds
 * the nic-aware policy's relative reduction of stranded GPUs and CPU against the nic-blind one with the same
 * scoring (policy {@code nic-aware/fgd vs nic-blind/fgd}), the ratio Prism reports as 27 % and 53 %, and the
 * same for stranded plus degraded capacity ({@code unusable_*}: nic-blind strands less partly because it runs
 * instances behind oversubscribed NICs); a row is left out where the nic-blind figure is 0.
 */
public final class DlrmExperiment {
  public static final String NAME = "dlrm";

  private DlrmExperiment() {
  }

  /** The standard fleets ({@link DlrmFleets#standard}), every policy, hourly samples, nodes needed. */
  public static List<MetricRow> run(List<DlrmInstance> trace, long seed) {
    return run(trace, DlrmFleets.standard(trace, DlrmFleets.DEFAULT_HEADROOM), DlrmPolicy.all(), DlrmOptions.defaults(seed));
  }

  public static List<MetricRow> run(List<DlrmInstance> trace, List<DlrmFleet> fleets, List<DlrmPolicy> policies,
                                       DlrmOptions options) {
    var rows = new ArrayList<MetricRow>();
    for (var fleet : fleets) {
      var outcomes = new ArrayList<FleetOutcome>();
      for (var policy : policies) {
        var outcome = FleetReplay.run(trace, fleet, policy, false, options);
        outcomes.add(outcome);
        rows.addAll(outcome.metrics(NAME, fleet.name(), policy.name()));
      }
      rows.addAll(reductions(fleet.name(), policies, outcomes));
    }
    return List.copyOf(rows);
  }

  /** For each nic-aware policy with a nic-blind twin of the same scoring: how much less it strands. */
  private static List<MetricRow> reductions(String fleet, List<DlrmPolicy> policies, List<FleetOutcome> outcomes) {
    var rows = new ArrayList<MetricRow>();
    for (int a = 0; a < policies.size(); a++) {
      if (policies.get(a).visibility() != NicVisibility.AWARE) continue;
      var blindTwin = new DlrmPolicy(NicVisibility.BLIND, policies.get(a).scoring());
      int b = policies.indexOf(blindTwin);
      if (b < 0) continue;
      var name = policies.get(a).name() + " vs " + blindTwin.name();
      var aware = outcomes.get(a);
      var blind = outcomes.get(b);
      reduction(blind.hn().strandedPct(), aware.hn().strandedPct())
          .forEach(v -> rows.add(new MetricRow(NAME, fleet, name, "stranded_gpu_reduction_pct", v)));
      reduction(blind.cn().strandedPct(), aware.cn().strandedPct())
          .forEach(v -> rows.add(new MetricRow(NAME, fleet, name, "stranded_cpu_reduction_pct", v)));
      reduction(unusable(blind.hn()), unusable(aware.hn()))
          .forEach(v -> rows.add(new MetricRow(NAME, fleet, name, "unusable_gpu_reduction_pct", v)));
      reduction(unusable(blind.cn()), unusable(aware.cn()))
          .forEach(v -> rows.add(new MetricRow(NAME, fleet, name, "unusable_cpu_reduction_pct", v)));
    }
    return rows;
  }

  /** Stranded plus degraded: what cannot be used, or is used behind an oversubscribed NIC. */
  private static double unusable(RoleOutcome outcome) {
    return outcome.strandedPct() + outcome.degradedPct();
  }

  /** {@code 100 · (before − after) / before}, or nothing when {@code before} is 0. */
  static List<Double> reduction(double before, double after) {
    return before == 0 ? List.of() : List.of(100 * (before - after) / before);
  }
}
