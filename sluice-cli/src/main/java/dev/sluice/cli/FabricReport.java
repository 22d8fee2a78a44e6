package dev.sluice.cli;

import dev.sluice.sim.report.MetricReport;
import dev.sluice.sim.report.MetricRow;
import dev.sluice.sim.report.MetricTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** How every {@code simulate fabric} experiment ends: its report written into {@code --out}, its table printed. */
final class FabricReport {
  private FabricReport() {
  }

  static void write(PrintWriter printer, Path out, String heading, List<String> notes, List<MetricRow> rows,
                    List<String> charted) throws IOException {
    MetricReport.write(out, heading, notes, rows, charted);
    printer.println();
    printer.print(MetricTable.of(rows).format());
    printer.println("Wrote " + out.resolve(MetricReport.HTML) + ", " + MetricReport.CSV + " and " + MetricReport.PNG + " in " + out);
  }
}
