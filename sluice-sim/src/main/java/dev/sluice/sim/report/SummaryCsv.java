package dev.sluice.sim.report;

import dev.sluice.sim.fgd.ArrivalCurve;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@code summary.csv}: one row per (policy, arrived %) with the medians over seeds. */
public final class SummaryCsv {
  public static final String HEADER =
      "policy,arrived_pct,allocated_pct_median,unallocated_pct_median,frag_rate_median,frag_amount_pct_median";

  private SummaryCsv() {
  }

  public static void write(Map<String, ArrivalCurve> medians, Path file) throws IOException {
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.newLine();
      for (var entry : medians.entrySet()) {
        var curve = entry.getValue();
        for (int a = 0; a <= ArrivalCurve.MAX_ARRIVED_PCT; a++) {
          out.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s", entry.getKey(), a,
              number(curve.allocatedPct()[a]), number(curve.unallocatedPct(a)),
              number(curve.fragRatePct()[a]), number(curve.fragAmountPct()[a])));
          out.newLine();
        }
      }
    }
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
  }
}
