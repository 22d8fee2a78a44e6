package dev.sluice.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricReportTest {
  @TempDir
  Path dir;

  private static final List<MetricRow> ROWS = List.of(
      new MetricRow("topology-gangs", "2x2x8-b1", "topology-blind", "gangs_spanning_racks_pct", 62.5),
      new MetricRow("topology-gangs", "2x2x8-b1", "topology-blind", "queue_delay_mean_min", 1.0 / 3),
      new MetricRow("topology-gangs", "2x2x8-b1", "topology-required", "gangs_spanning_racks_pct", 12),
      new MetricRow("topology-gangs", "2x2x8-b1", "topology-required", "queue_delay_mean_min", Double.NaN));

  @Test
  void theCsvHasOneRowPerFigureToFourDecimalsAndNothingForNaN() throws IOException {
    MetricCsv.write(ROWS, dir.resolve("summary.csv"));

    assertThat(Files.readAllLines(dir.resolve("summary.csv"))).containsExactly(
        "experiment,fleet,policy,metric,value",
        "topology-gangs,2x2x8-b1,topology-blind,gangs_spanning_racks_pct,62.5",
        "topology-gangs,2x2x8-b1,topology-blind,queue_delay_mean_min,0.3333",
        "topology-gangs,2x2x8-b1,topology-required,gangs_spanning_racks_pct,12",
        "topology-gangs,2x2x8-b1,topology-required,queue_delay_mean_min,");
  }

  @Test
  void theTableHasALinePerPolicyAndAColumnPerMetric() {
    var table = MetricTable.of(ROWS);

    assertThat(table.metrics()).containsExactly("gangs_spanning_racks_pct", "queue_delay_mean_min");
    assertThat(table.value("topology-required", "gangs_spanning_racks_pct")).isEqualTo(12.0);
    assertThat(table.value("fgd", "gangs_spanning_racks_pct")).isNaN();
    assertThat(table.format().lines()).containsExactly(
        "policy             gangs_spanning_racks_pct  queue_delay_mean_min",
        "topology-blind                        62.50                  0.33",
        "topology-required                     12.00                     -");
  }

  @Test
  void theReportWritesTheCsvTheChartAndThePage() throws IOException {
    MetricReport.write(dir.resolve("out"), "Topology <gangs>", List.of("a & b"), ROWS, List.of("gangs_spanning_racks_pct"));

    assertThat(dir.resolve("out/summary.csv")).isNotEmptyFile();
    assertThat(dir.resolve("out/summary.png")).isNotEmptyFile();
    assertThat(Files.readString(dir.resolve("out/report.html"))).contains("<h1>Topology &lt;gangs&gt;</h1>", "<p>a &amp; b</p>",
        "<td>topology-required</td><td>12.00</td><td>-</td>", "<img src=\"summary.png\"", "href=\"summary.csv\"");
  }

  @Test
  void aCellThatWouldBreakTheCsvIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new MetricRow("e", "16x16x8,b4", "p", "m", 1))
        .withMessageContaining("fleet");
  }
}
