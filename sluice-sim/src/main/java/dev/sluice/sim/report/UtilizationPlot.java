package dev.sluice.sim.report;

import dev.sluice.sim.replay.ReplayResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Allocated GPU % over the replay's virtual time, one line per scheduler, over the arrival window and as
 * long again after it (long-running pods keep a few GPUs for months after the last arrival).
 */
public final class UtilizationPlot {
  private static final Color[] PALETTE = {new Color(0x7f7f7f), new Color(0xff7f0e), new Color(0x1f77b4),
      new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd)};
  private static final int MAX_POINTS = 2000;
  private static final double SECONDS_PER_HOUR = 3_600;

  private UtilizationPlot() {
  }

  public static void writePng(List<ReplayResult> results, Path file) throws IOException {
    var chart = new XYChartBuilder().width(900).height(480).title("Allocated GPU % over the replay")
        .xAxisTitle("Virtual time (hours)").yAxisTitle("Allocated GPU (%)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setSeriesColors(PALETTE);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(100.0);
    for (var result : results) addSeries(chart, result);
    var name = file.toString();
    BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
        BitmapEncoder.BitmapFormat.PNG);
  }

  /** Every k-th sample, so that a long replay draws at most {@link #MAX_POINTS} points; the last one always. */
  private static void addSeries(XYChart chart, ReplayResult result) {
    long end = result.windowEnd() + (result.windowEnd() - result.windowStart());
    int count = 0;
    while (count < result.times().length && result.times()[count] <= end) count++;
    long[] t = Arrays.copyOf(result.times(), count);
    double[] u = Arrays.copyOf(result.utilizationSeries(), count);
    int step = Math.max(1, t.length / MAX_POINTS);
    var x = new ArrayList<Double>();
    var y = new ArrayList<Double>();
    for (int i = 0; i < t.length; i += step) {
      x.add(t[i] / SECONDS_PER_HOUR);
      y.add(u[i]);
    }
    if (t.length > 0 && (t.length - 1) % step != 0) {
      x.add(t[t.length - 1] / SECONDS_PER_HOUR);
      y.add(u[t.length - 1]);
    }
    if (x.isEmpty()) return;
    chart.addSeries(result.scheduler(), x, y).setMarker(SeriesMarkers.NONE);
  }
}
