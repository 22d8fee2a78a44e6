package dev.sluice.sim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report of an experiment measured as {@link MetricRow}s, in a directory: {@code summary.csv}, {@code summary.png}
 * (a bar chart per metric) and {@code report.html} (what was run, the chart and the table).
 */
public final class MetricReport {
  public static final String CSV = "summary.csv";
  public static final String PNG = "summary.png";
  public static final String HTML = "report.html";

  private MetricReport() {
  }

  /**
   * @param heading what the experiment is, e.g. "Topology-aware gangs"
   * @param notes   paragraphs saying what was run and how to read it
   * @param charted the metrics the chart shows
   */
  public static void write(Path dir, String heading, List<String> notes, List<MetricRow> rows, List<String> charted)
      throws IOException {
    Files.createDirectories(dir);
    MetricCsv.write(rows, dir.resolve(CSV));
    var table = MetricTable.of(rows);
    MetricChart.writePng(table, charted, dir.resolve(PNG));
    Files.writeString(dir.resolve(HTML), html(heading, notes, table), StandardCharsets.UTF_8);
  }

  static String html(String heading, List<String> notes, MetricTable table) {
    var html = new StringBuilder();
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Sluice simulation: ").append(Html.escape(heading)).append("</title>\n<style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .7em;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}</style></head><body>\n")
        .append("<h1>").append(Html.escape(heading)).append("</h1>\n");
    for (var note : notes) html.append("<p>").append(Html.escape(note)).append("</p>\n");
    html.append("<table>\n<tr><th>policy</th>");
    for (var metric : table.metrics()) html.append("<th>").append(Html.escape(metric)).append("</th>");
    html.append("</tr>\n");
    for (int i = 0; i < table.runs().size(); i++) {
      html.append("<tr><td>").append(Html.escape(table.label(i))).append("</td>");
      for (double value : table.values().get(i)) html.append("<td>").append(MetricTable.cell(value)).append("</td>");
      html.append("</tr>\n");
    }
    html.append("</table>\n<img src=\"").append(PNG).append("\" alt=\"a bar chart per metric, a bar per policy\">\n")
        .append("<p>Every figure: <a href=\"").append(CSV).append("\">").append(CSV).append("</a></p>\n</body></html>\n");
    return html.toString();
  }
}
