package dev.sluice.sim.report;

import dev.sluice.sim.fgd.ArrivalCurve;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@code report.html}: the plot beside a table of unallocated % at a few arrived %, per policy. */
public final class HtmlReport {
  private static final int[] COLUMNS = {90, 95, 100, 110, 120, 130};

  private HtmlReport() {
  }

  /**
   * @param title  what was run, e.g. the trace files
   * @param plot   the plot's file name, relative to the report
   */
  public static void write(String title, Map<String, ArrivalCurve> medians, String plot, Path file) throws IOException {
    var html = new StringBuilder();
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Sluice simulation: ").append(Html.escape(title)).append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append(".row{display:flex;gap:2em;align-items:flex-start;flex-wrap:wrap}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .7em;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}</style></head><body>\n")
        .append("<h1>Fragmentation experiment</h1>\n<p>").append(Html.escape(title)).append("</p>\n")
        .append("<div class=\"row\"><img src=\"").append(Html.escape(plot)).append("\" alt=\"unallocated GPU % against arrived %\" width=\"720\">\n")
        .append("<table><caption>Unallocated GPU % (median over seeds) at arrived %</caption>\n<tr><th>policy</th>");
    for (int a : COLUMNS) html.append("<th>").append(a).append(" %</th>");
    html.append("</tr>\n");
    for (var entry : medians.entrySet()) {
      html.append("<tr><td>").append(Html.escape(entry.getKey())).append("</td>");
      for (int a : COLUMNS) {
        html.append("<td>").append(String.format(Locale.ROOT, "%.2f", entry.getValue().unallocatedPct(a))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table></div>\n<p>All bins: <a href=\"summary.csv\">summary.csv</a></p>\n</body></html>\n");
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }
}
