package dev.sluice.sim.report;

import dev.sluice.sim.robustness.PointResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code robustness.csv}: one row per grid point of a robustness sweep. */
public final class RobustnessCsv {
  public static final String HEADER = "cpu_share,sharing_share,multi_gpu_share,gpu_spec_share,baseline_unallocated_pct,"
      + "policy_unallocated_pct,paired_mean_difference,pairs_won,pairs,bound_unallocated_pct";

  private RobustnessCsv() {
  }

  public static void write(List<PointResult> points, Path file) throws IOException {
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER);
      out.newLine();
      for (var p : points) {
        var mix = p.mix();
        out.write(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%d,%s", mix.cpuShare(),
            mix.sharingShare(), mix.multiGpuShare(), mix.gpuSpecShare(), p.baselineUnallocated(),
            p.policyUnallocated(), p.meanDifference(), p.wins(), p.pairs(),
            Double.isNaN(p.boundUnallocated()) ? "" : String.format(Locale.ROOT, "%.4f", p.boundUnallocated())));
        out.newLine();
      }
    }
  }
}
