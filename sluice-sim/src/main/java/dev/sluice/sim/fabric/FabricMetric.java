package dev.sluice.sim.fabric;

import java.util.Objects;

/**
 * One measured figure of a fabric experiment, as a row of its summary.
 *
 * @param experiment which experiment measured it (e.g. {@code "dlrm"}, {@code "dpu"})
 * @param fleet      the fleet it ran on
 * @param policy     the policy (or the policy comparison) it describes
 * @param metric     what was measured, e.g. {@code "stranded_gpu_pct"}
 * @param value      the figure, in the unit the metric's name says
 */
public record FabricMetric(String experiment, String fleet, String policy, String metric, double value) {
  public FabricMetric {
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(metric, "metric");
    if (!Double.isFinite(value)) throw new IllegalArgumentException(metric + ": value must be finite, was " + value);
  }
}
