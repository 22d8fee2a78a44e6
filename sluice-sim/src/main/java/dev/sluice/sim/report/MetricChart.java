package dev.sluice.sim.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** A PNG of small bar charts, one per metric, a bar per policy: the figures of an experiment at a glance. */
public final class MetricChart {
  private static final Color BARS = new Color(0x1f77b4);
  private static final int COLUMNS = 3;
  private static final int WIDTH = 420;
  private static final int HEIGHT = 300;

  private MetricChart() {
  }

  /** Writes {@code file} (a {@code .png}) with a chart for each of {@code metrics} of the table, in that order. */
  public static void writePng(MetricTable table, List<String> metrics, Path file) throws IOException {
    if (metrics.isEmpty()) throw new IllegalArgumentException("no metric to chart");
    var charts = new ArrayList<CategoryChart>();
    for (var metric : metrics) charts.add(chart(table, metric));
    int columns = Math.min(COLUMNS, charts.size());
    int rows = (charts.size() + columns - 1) / columns;
    var name = file.toString();
    BitmapEncoder.saveBitmap(charts, rows, columns, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
        BitmapEncoder.BitmapFormat.PNG);
  }

  private static CategoryChart chart(MetricTable table, String metric) {
    int column = table.metrics().indexOf(metric);
    if (column < 0) throw new IllegalArgumentException("no metric " + metric + " in the table");
    var chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(metric).build();
    var styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setSeriesColors(new Color[] {BARS});
    styler.setXAxisLabelRotation(30);
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setYAxisMin(0.0);
    var policies = new ArrayList<String>();
    var values = new ArrayList<Double>();
    for (int i = 0; i < table.runs().size(); i++) {
      double value = table.values().get(i)[column];
      policies.add(table.runs().get(i).policy());
      values.add(Double.isNaN(value) ? 0.0 : value);
    }
    chart.addSeries(metric, policies, values);
    return chart;
  }
}
