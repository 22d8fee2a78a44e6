package dev.sluice.sim.fabric.dlrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.sim.fabric.FabricMetric;
import dev.sluice.sim.fabric.FabricTable;
import dev.sluice.sim.fgd.SharedTraces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * The measurement behind docs/fabric-dlrm.md until the CLI exposes it: both experiments on the real trace
 * with the standard fleets and seed 42, printed as tables and written to
 * {@code sluice-sim/target/fabric-dlrm-tables.md}. About a minute, so it runs only when asked:
 * {@code -Dsluice.fabric.tables=true}.
 */
class DlrmTablesIT {
  @Test
  void printsTheTablesOfBothExperiments() throws Exception {
    assumeTrue(Boolean.getBoolean("sluice.fabric.tables"), "skipped: run with -Dsluice.fabric.tables=true to measure the DLRM tables");
    var trace = SharedTraces.alibaba2025("disaggregated_DLRM_trace.csv");

    var rows = new ArrayList<FabricMetric>(DlrmExperiment.run(trace, 42));
    rows.addAll(DpuExperiment.run(trace, 42));

    var tables = FabricTable.render(rows);
    System.out.println(tables);
    Files.writeString(Path.of("target", "fabric-dlrm-tables.md"), tables);
    assertThat(rows).isNotEmpty();
  }
}
