package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateFgdCommandTest {
  @TempDir
  Path dir;

  private final CapturedCli cli = new CapturedCli();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int sluice(String... args) {
    return cli.sluice(args);
  }

  private Path nodes() throws IOException {
    return SmallTrace.nodes(dir);
  }

  private Path pods() throws IOException {
    return SmallTrace.pods(dir);
  }

  @Test
  void writesTheSummaryPlotReportAndPlacements() throws IOException {
    var outDir = dir.resolve("report");

    int exit = sluice("simulate", "fgd", "--nodes", nodes().toString(), "--pods", pods().toString(),
        "--seeds", "1-3", "--policies", "bestfit,fgd", "--placements", "--out", outDir.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("unalloc median", "vs fgd").containsPattern("(?m)^bestfit +")
        .containsPattern("(?m)^fgd +");
    var summary = Files.readAllLines(outDir.resolve("summary.csv"));
    assertThat(summary.getFirst()).startsWith("policy,arrived_pct,allocated_pct_median,unallocated_pct_median,frag_rate_median");
    assertThat(summary).hasSize(1 + 2 * 131);
    assertThat(outDir.resolve("unallocated.png")).isNotEmptyFile();
    assertThat(Files.readString(outDir.resolve("report.html"))).contains("<img src=\"unallocated.png\"", "<td>fgd</td>");
    var placements = Files.readAllLines(outDir.resolve("placements.csv"));
    assertThat(placements.getFirst()).isEqualTo("seed,policy,pod,node,gpus");
    int arrivalsPerRun = (placements.size() - 1) / 6;
    assertThat(placements.size() - 1).isEqualTo(6 * arrivalsPerRun);
    assertThat(placements).anyMatch(line -> line.matches("1,fgd,p1,n\\d,\\d-\\d"));
    assertThat(placements).anyMatch(line -> line.matches("\\d,\\w+,p\\d-tuned-\\d+,.*"));
  }

  @Test
  void aMalformedPodFileGetsOneLineNamingFileLineAndColumn() throws IOException {
    var bad = Files.writeString(dir.resolve("bad.csv"), """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec
        p0,4000,8192,1,500,
        p1,lots,8192,1,500,
        """);

    int exit = sluice("simulate", "fgd", "--nodes", nodes().toString(), "--pods", bad.toString(),
        "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("sluice: " + bad + ":3, column cpu_milli: 'lots' is not a whole number");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void anUnknownPolicyIsNamed() throws IOException {
    int exit = sluice("simulate", "fgd", "--nodes", nodes().toString(), "--pods", pods().toString(),
        "--policies", "fgd,tetris", "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--policies: unknown policy 'tetris'").doesNotContain("Exception");
  }

  @Test
  void missingDefaultTracesSayWhereToGetThem() {
    var previous = System.getProperty("sluice.home");
    System.setProperty("sluice.home", dir.resolve("nowhere/repo").toString());
    try {
      int exit = sluice("simulate", "fgd", "--out", dir.resolve("x").toString());

      assertThat(exit).isEqualTo(2);
      assertThat(err.toString()).contains("default trace is missing", "alibaba/clusterdata", "--nodes FILE");
    } finally {
      if (previous == null) System.clearProperty("sluice.home"); else System.setProperty("sluice.home", previous);
    }
  }
}
