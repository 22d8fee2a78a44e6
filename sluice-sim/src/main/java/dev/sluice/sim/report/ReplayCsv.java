package dev.sluice.sim.report;

import dev.sluice.sim.replay.ReplayResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code replay.csv}: one row per scheduler and queue; times in virtual seconds. */
public final class ReplayCsv {
  public static final String HEADER = "scheduler,queue,deserved_pct,pods,started,delay_mean_s,delay_p50_s,delay_p99_s,"
      + "fair_distance_pct,reclaims,reclaim_mean_s,reclaim_max_s,utilization_pct,preemptions,unserved";

  private ReplayCsv() {
  }

  public static void write(List<ReplayResult> results, Path file) throws IOException {
    var csv = new StringBuilder(HEADER).append('\n');
    for (var r : results) {
      for (var q : r.queues()) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%.4f,%d,%d,%.1f,%.1f,%.1f,%.4f,%d,%.1f,%.1f,%.4f,%d,%d%n",
            r.scheduler(), q.queue(), q.deservedPct(), q.pods(), q.started(), q.delayMean(), q.delayP50(), q.delayP99(),
            q.fairDistancePct(), q.reclaims(), q.reclaimMean(), q.reclaimMax(), r.utilizationPct(), r.preemptions(),
            r.unserved()));
      }
    }
    Files.writeString(file, csv, StandardCharsets.UTF_8);
  }
}
