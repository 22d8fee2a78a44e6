package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice simulate fabric topology} as a user runs it, on the shared openb trace: the built jar in its own JVM on a
 * small fleet writes its three files, and under a required rack no gang that a rack holds spans racks.
 */
class SimulateFabricTopologyIT {
  @TempDir
  Path dir;

  @Test
  void theCommandWritesItsReportFromTheSharedTrace() throws Exception {
    var root = Path.of("").toAbsolutePath().getParent();
    var trace = root.resolve("../shared/traces/alibaba-gpu-2023/openb_pod_list_default.csv").normalize();
    assumeTrue(Files.isRegularFile(trace), "skipped: the shared trace " + trace + " is absent");
    var out = dir.resolve("report");
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dsluice.home=" + root, "-jar", SluiceProcess.JAR.toAbsolutePath().toString(), "simulate", "fabric", "topology",
        "--racks", "8", "--nodes-per-rack", "4", "--racks-per-block", "4", "--gangs", "150", "--gang-size", "2-16",
        "--out", out.toString()));
    var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finishes in 5 minutes").isTrue();
    var printed = new String(process.getInputStream().readAllBytes());

    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(printed).contains("150 gangs of 2-16 pods on 8x4x8-b4").contains("Wrote " + out.resolve("report.html"));
    var csv = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(csv).hasSize(1 + 4 * 10);
    // a block holds 16 of the trace's largest pods: no gang has to span blocks, so none does under a required level
    assertThat(csv).contains("topology-gangs,8x4x8-b4,topology-required,gangs_spanning_blocks_pct,0",
        "topology-gangs,8x4x8-b4,kai-fullest-domain,gangs_spanning_blocks_pct,0",
        "topology-gangs,8x4x8-b4,topology-required,pending_at_end,0");
    assertThat(out.resolve("summary.png")).isNotEmptyFile();
    assertThat(out.resolve("report.html")).content().contains("Topology-aware gangs", "<img src=\"summary.png\"");
  }
}
