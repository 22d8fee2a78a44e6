package dev.sluice.sim.fabric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fabric metrics as Markdown tables, one per experiment and fleet: a row per metric, a column per policy, in
 * the order the rows first name them. Whole numbers print without decimals, others with two.
 */
public final class FabricTable {
  private FabricTable() {
  }

  public static String render(List<FabricMetric> metrics) {
    var blocks = new LinkedHashMap<String, List<FabricMetric>>();
    for (var m : metrics) blocks.computeIfAbsent(m.experiment() + " — " + m.fleet(), k -> new ArrayList<>()).add(m);
    var out = new StringBuilder();
    blocks.forEach((title, rows) -> out.append("### ").append(title).append("\n\n").append(block(rows)).append('\n'));
    return out.toString();
  }

  private static String block(List<FabricMetric> rows) {
    var policies = new LinkedHashSet<String>();
    var cells = new LinkedHashMap<String, Map<String, Double>>();
    for (var m : rows) {
      policies.add(m.policy());
      cells.computeIfAbsent(m.metric(), k -> new LinkedHashMap<>()).put(m.policy(), m.value());
    }
    var out = new StringBuilder("| metric |");
    policies.forEach(p -> out.append(' ').append(p).append(" |"));
    out.append("\n|---|").append("---:|".repeat(policies.size())).append('\n');
    cells.forEach((metric, byPolicy) -> {
      out.append("| ").append(metric).append(" |");
      for (var policy : policies) out.append(' ').append(format(byPolicy.get(policy))).append(" |");
      out.append('\n');
    });
    return out.toString();
  }

  static String format(Double value) {
    if (value == null) return "";
    if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.format(Locale.ROOT, "%d", value.longValue());
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
