package dev.sluice.sim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedSet;

/**
 * Figures of an experiment as a table: a line per run (experiment, fleet, policy) and a column per metric, both in the
 * order the rows first name them. The console and the HTML report print the same table.
 *
 * @param runs    the (experiment, fleet, policy) of each line
 * @param metrics the column names
 * @param values  {@code values.get(line)[column]}; NaN where a run has no such figure
 */
public record MetricTable(List<MetricRow> runs, List<String> metrics, List<double[]> values) {
  public MetricTable {
    runs = List.copyOf(runs);
    metrics = List.copyOf(metrics);
    values = values.stream().map(double[]::clone).toList();
  }

  public static MetricTable of(List<MetricRow> rows) {
    var lines = new LinkedHashMap<String, MetricRow>();
    SequencedSet<String> metrics = new LinkedHashSet<>();
    for (var row : rows) {
      lines.putIfAbsent(row.run(), row);
      metrics.add(row.metric());
    }
    var columns = List.copyOf(metrics);
    Map<String, double[]> values = new LinkedHashMap<>();
    lines.keySet().forEach(run -> values.put(run, nanRow(columns.size())));
    for (var row : rows) values.get(row.run())[columns.indexOf(row.metric())] = row.value();
    return new MetricTable(new ArrayList<>(lines.values()), columns, new ArrayList<>(values.values()));
  }

  /** The figure of {@code policy} under {@code metric}; NaN when there is none. */
  public double value(String policy, String metric) {
    int column = metrics.indexOf(metric);
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).policy().equals(policy) && column >= 0) return values.get(i)[column];
    }
    return Double.NaN;
  }

  /** What names the {@code i}-th line: its policy, with its fleet when the table has several fleets. */
  public String label(int i) {
    var run = runs.get(i);
    boolean oneFleet = runs.stream().map(MetricRow::fleet).distinct().count() == 1;
    return oneFleet ? run.policy() : run.fleet() + " " + run.policy();
  }

  /** Plain text, one line per policy, figures to two decimals ({@code -} for none), columns aligned. */
  public String format() {
    var widths = new int[metrics.size() + 1];
    widths[0] = "policy".length();
    for (int i = 0; i < runs.size(); i++) widths[0] = Math.max(widths[0], label(i).length());
    for (int c = 0; c < metrics.size(); c++) widths[c + 1] = Math.max(metrics.get(c).length(), 8);
    var text = new StringBuilder();
    text.append(pad("policy", widths[0], true));
    for (int c = 0; c < metrics.size(); c++) text.append("  ").append(pad(metrics.get(c), widths[c + 1], false));
    text.append('\n');
    for (int i = 0; i < runs.size(); i++) {
      text.append(pad(label(i), widths[0], true));
      for (int c = 0; c < metrics.size(); c++) text.append("  ").append(pad(cell(values.get(i)[c]), widths[c + 1], false));
      text.append('\n');
    }
    return text.toString();
  }

  /** A figure as the table shows it: two decimals, {@code -} for none. */
  public static String cell(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String pad(String text, int width, boolean left) {
    var padding = " ".repeat(Math.max(0, width - text.length()));
    return left ? text + padding : padding + text;
  }

  private static double[] nanRow(int size) {
    var row = new double[size];
    Arrays.fill(row, Double.NaN);
    return row;
  }
}
