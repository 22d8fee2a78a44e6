package dev.sluice.sim.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
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
    var grid = new BufferedImage(columns * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
    var graphics = grid.createGraphics();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    for (int i = 0; i < charts.size(); i++) {
      graphics.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % columns) * WIDTH, (i / columns) * HEIGHT, null);
    }
    graphics.dispose();
    ImageIO.write(grid, "png", file.toFile());
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
      if (Double.isNaN(value)) continue; // a line without this figure (e.g. a comparison of two policies) gets no bar
      policies.add(table.label(i));
      values.add(value);
    }
    if (values.isEmpty()) {
      policies.add("(none)");
      values.add(0.0);
    }
    chart.addSeries(metric, policies, values);
    return chart;
  }
}
