package dev.sluice.cli;

import dev.sluice.core.model.Node;
import dev.sluice.sim.bound.OfflineBound;
import dev.sluice.sim.fgd.ArrivalCurve;
import dev.sluice.sim.fgd.FgdResult;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The offline bound beside the policies of an FGD experiment: per seed, and each policy's distance to it. */
final class BoundTable {
  private static final int ARRIVED_PCT = 100;

  private BoundTable() {
  }

  static void print(PrintWriter out, FgdResult result, List<Node> nodes) {
    var setups = result.setups();
    var bounds = setups.parallelStream()
        .mapToDouble(setup -> OfflineBound.unallocatedPctAt100(nodes, setup.arrivals())).toArray();
    out.printf(Locale.ROOT, "Offline bound (LP relaxation, docs/placement.md): no placement leaves less unallocated%n");
    out.printf(Locale.ROOT, "%-22s %14s %12s %28s%n", "policy", "unalloc median", "unalloc mean",
        "above bound: mean, min, max");
    out.printf(Locale.ROOT, "%-22s %14.2f %12.2f %28s%n", "bound", ArrivalCurve.median(bounds),
        Arrays.stream(bounds).average().orElseThrow(), "-");
    for (var policy : result.policies()) {
      var distances = new double[setups.size()];
      for (int i = 0; i < distances.length; i++) {
        distances[i] = result.unallocatedPct(policy, setups.get(i).seed(), ARRIVED_PCT) - bounds[i];
      }
      var stats = Arrays.stream(distances).filter(d -> !Double.isNaN(d)).summaryStatistics();
      out.printf(Locale.ROOT, "%-22s %14s %12s %28s%n", policy, "", "", stats.getCount() == 0 ? "-"
          : String.format(Locale.ROOT, "%+.2f, %+.2f, %+.2f", stats.getAverage(), stats.getMin(), stats.getMax()));
    }
    out.println();
  }
}
