package dev.sluice.sim.report;

import java.util.Objects;

/**
 * One measured figure of an experiment: a row of {@code summary.csv} ({@code experiment,fleet,policy,metric,value}).
 *
 * @param experiment what was run, e.g. {@code topology-gangs}
 * @param fleet      the cluster it ran on, e.g. {@code 16x16x8-b4}
 * @param policy     the policy measured, e.g. {@code topology-required}
 * @param metric     the figure's name, e.g. {@code gangs_spanning_racks_pct}
 * @param value      the figure; NaN when there is nothing to measure (written as an empty cell)
 */
public record MetricRow(String experiment, String fleet, String policy, String metric, double value) {
  public MetricRow {
    cell("experiment", experiment);
    cell("fleet", fleet);
    cell("policy", policy);
    cell("metric", metric);
    if (Double.isInfinite(value)) throw new IllegalArgumentException(metric + ": value must be finite or NaN");
  }

  /** The (experiment, fleet, policy) this figure belongs to: a line of the printed table. */
  public String run() {
    return experiment + " " + fleet + " " + policy;
  }

  private static void cell(String field, String text) {
    Objects.requireNonNull(text, field);
    if (text.isBlank()) throw new IllegalArgumentException(field + " must not be blank");
    if (text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
      throw new IllegalArgumentException(field + " must hold no comma, quote or line break: '" + text + "'");
    }
  }
}
