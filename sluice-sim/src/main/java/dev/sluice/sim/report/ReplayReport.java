package dev.sluice.sim.report;

import dev.sluice.sim.replay.QueueStats;
import dev.sluice.sim.replay.ReplayResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code report.html} of a replay: the utilisation plot and, per scheduler, a table per queue (minutes). */
public final class ReplayReport {
  private static final double MINUTE = 60;

  private ReplayReport() {
  }

  public static void write(String title, List<ReplayResult> results, String plot, Path file) throws IOException {
    var html = new StringBuilder();
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Sluice replay: ").append(Html.escape(title)).append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:.3em .7em;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}</style></head><body>\n")
        .append("<h1>Dynamic replay</h1>\n<p>").append(Html.escape(title)).append("</p>\n")
        .append("<img src=\"").append(Html.escape(plot)).append("\" alt=\"allocated GPU % over time per scheduler\" width=\"800\">\n");
    for (var result : results) appendScheduler(html, result);
    html.append("<p>Every row: <a href=\"replay.csv\">replay.csv</a></p>\n</body></html>\n");
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }

  private static void appendScheduler(StringBuilder html, ReplayResult r) {
    html.append(String.format(Locale.ROOT, "<h2>%s</h2>\n<p>Utilisation %.2f %%, preemptions %d, moves %d, cycles %d, unserved %d</p>\n",
        Html.escape(r.scheduler()), r.utilizationPct(), r.preemptions(), r.moves(), r.cycles(), r.unserved()));
    html.append("<table><tr><th>queue</th><th>deserved %</th><th>pods</th><th>started</th><th>delay mean min</th>")
        .append("<th>delay p50 min</th><th>delay p99 min</th><th>|alloc − fair| %</th><th>reclaims</th>")
        .append("<th>reclaim mean min</th><th>reclaim max min</th></tr>\n");
    for (QueueStats q : r.queues()) {
      html.append(String.format(Locale.ROOT,
          "<tr><td>%s</td><td>%.1f</td><td>%d</td><td>%d</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.2f</td>"
              + "<td>%d</td><td>%.1f</td><td>%.1f</td></tr>\n",
          Html.escape(q.queue()), q.deservedPct(), q.pods(), q.started(), q.delayMean() / MINUTE, q.delayP50() / MINUTE,
          q.delayP99() / MINUTE, q.fairDistancePct(), q.reclaims(), q.reclaimMean() / MINUTE, q.reclaimMax() / MINUTE));
    }
    html.append("</table>\n");
  }
}
