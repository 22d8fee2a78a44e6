package dev.sluice.sim.report;

import dev.sluice.sim.robustness.PointResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A robustness sweep as a heat map: one row per (CPU share, GPU-spec share), one column per (sharing share,
 * multi-GPU share); each cell shows the paired mean difference (policy − baseline) and the pairs won, blue
 * where the policy leaves fewer GPUs idle, red where more; each colour deepens up to its own largest
 * difference, so that a small loss among large gains still shows.
 */
public final class RobustnessHeatMap {
  private static final int CELL_WIDTH = 96;
  private static final int CELL_HEIGHT = 34;
  private static final int LABEL_WIDTH = 170;
  private static final int HEADER_HEIGHT = 80;
  private static final int MIN_WIDTH = 560;

  private RobustnessHeatMap() {
  }

  public static void writePng(List<String> title, List<PointResult> points, Path file) throws IOException {
    Map<String, Map<String, PointResult>> rows = new LinkedHashMap<>();
    var columns = new ArrayList<String>();
    for (var point : points) {
      var mix = point.mix();
      String row = String.format(Locale.ROOT, "cpu %.3f, spec %.2f", mix.cpuShare(), mix.gpuSpecShare());
      String column = String.format(Locale.ROOT, "sharing %.2f|multi %.2f", mix.sharingShare(), mix.multiGpuShare());
      if (!columns.contains(column)) columns.add(column);
      rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, point);
    }
    double largestGain = -points.stream().mapToDouble(PointResult::meanDifference).min().orElse(0);
    double largestLoss = points.stream().mapToDouble(PointResult::meanDifference).max().orElse(0);
    var image = new BufferedImage(Math.max(MIN_WIDTH, LABEL_WIDTH + CELL_WIDTH * columns.size() + 10),
        HEADER_HEIGHT + CELL_HEIGHT * rows.size() + 10, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    for (int line = 0; line < title.size(); line++) g.drawString(title.get(line), 8, 18 + 16 * line);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int c = 0; c < columns.size(); c++) {
      var parts = columns.get(c).split("\\|");
      g.drawString(parts[0], LABEL_WIDTH + c * CELL_WIDTH + 6, HEADER_HEIGHT - 22);
      g.drawString(parts[1], LABEL_WIDTH + c * CELL_WIDTH + 6, HEADER_HEIGHT - 8);
    }
    int r = 0;
    for (var row : rows.entrySet()) {
      int y = HEADER_HEIGHT + r++ * CELL_HEIGHT;
      g.setColor(Color.BLACK);
      g.drawString(row.getKey(), 8, y + CELL_HEIGHT / 2 + 4);
      for (int c = 0; c < columns.size(); c++) {
        var point = row.getValue().get(columns.get(c));
        if (point != null) drawCell(g, point, LABEL_WIDTH + c * CELL_WIDTH, y, largestGain, largestLoss);
      }
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void drawCell(Graphics2D g, PointResult point, int x, int y, double largestGain, double largestLoss) {
    double difference = point.meanDifference();
    double scale = difference < 0 ? largestGain : largestLoss;
    double depth = difference == 0 || scale <= 0 ? 0 : 0.15 + 0.85 * Math.min(1, Math.abs(difference) / scale);
    int fade = (int) Math.round(255 - 190 * depth);
    g.setColor(difference < 0 ? new Color(fade, fade, 255) : new Color(255, fade, fade));
    g.fillRect(x, y, CELL_WIDTH, CELL_HEIGHT);
    g.setColor(Color.GRAY);
    g.drawRect(x, y, CELL_WIDTH, CELL_HEIGHT);
    g.setColor(Color.BLACK);
    g.drawString(String.format(Locale.ROOT, "%+.2f", point.meanDifference()), x + 6, y + 14);
    g.drawString(point.wins() + "/" + point.pairs(), x + 6, y + 28);
  }
}
