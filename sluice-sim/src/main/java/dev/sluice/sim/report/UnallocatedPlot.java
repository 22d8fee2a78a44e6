package dev.sluice.sim.report;

import dev.sluice.sim.fgd.ArrivalCurve;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The FGD paper's Fig. 9a: unallocated GPU % against arrived GPU %, one line per policy (medians). */
public final class UnallocatedPlot {
  private static final int FROM_PCT = 75;
  private static final int TO_PCT = 130;
  /** Distinct colours in a fixed order, so that a policy keeps its colour across reports. */
  private static final Color[] PALETTE = {
      new Color(0x7f7f7f), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x2ca02c),
      new Color(0xd62728), new Color(0x1f77b4), new Color(0x000000), new Color(0x8c564b), new Color(0xe377c2)};

  private UnallocatedPlot() {
  }

  public static void writePng(Map<String, ArrivalCurve> medians, Path file) throws IOException {
    var chart = new XYChartBuilder().width(900).height(540)
        .title("Unallocated GPU % as the workload arrives (median over seeds)")
        .xAxisTitle("Arrived workload (% of GPU capacity)").yAxisTitle("Unallocated GPU (%)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setSeriesColors(PALETTE);
    chart.getStyler().setXAxisMin((double) FROM_PCT);
    chart.getStyler().setXAxisMax((double) TO_PCT);
    for (var entry : medians.entrySet()) addSeries(chart, entry.getKey(), entry.getValue());
    var name = file.toString();
    var base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
  }

  private static void addSeries(XYChart chart, String policy, ArrivalCurve curve) {
    var x = new ArrayList<Integer>();
    var y = new ArrayList<Double>();
    for (int a = FROM_PCT; a <= TO_PCT; a++) {
      double value = curve.unallocatedPct(a);
      if (Double.isNaN(value)) continue;
      x.add(a);
      y.add(value);
    }
    chart.addSeries(policy, x, y).setMarker(SeriesMarkers.NONE);
  }
}
