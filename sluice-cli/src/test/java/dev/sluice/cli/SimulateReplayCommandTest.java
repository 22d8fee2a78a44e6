package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateReplayCommandTest {
  @TempDir
  Path dir;

  private final CapturedCli cli = new CapturedCli();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int sluice(String... args) {
    return cli.sluice(args);
  }

  private Path nodes() throws IOException {
    return Files.writeString(dir.resolve("nodes.csv"), """
        sn,cpu_milli,memory_mib,gpu,model
        n0,32000,131072,2,T4
        n1,32000,131072,4,V100M16
        n2,8000,65536,0,
        """);
  }

  private Path pods() throws IOException {
    return Files.writeString(dir.resolve("pods.csv"), """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
        p0,4000,8192,4,1000,,BE,Running,0,100,0
        p1,8000,8192,2,1000,,LS,Running,10,200,10
        p2,2000,4096,0,0,,BE,Running,20,50,20
        p3,4000,8192,1,1000,T4,LS,Running,30,90,30
        p4,6000,8192,1,300,V100M16|V100M32,LS,Running,40,120,40
        p5,4000,8192,2,1000,,BE,Pending,50,80,
        p6,4000,8192,8,1000,,BE,Pending,60,80,
        """);
  }

  @Test
  void printsATablePerSchedulerAndWritesTheReport() throws IOException {
    var outDir = dir.resolve("report");

    int exit = sluice("simulate", "replay", "--nodes", nodes().toString(), "--pods", pods().toString(),
        "--compress", "1", "--copies", "2", "--period", "0", "--out", outDir.toString());

    assertThat(exit).as(err.toString()).isZero();
    // p6 asks 8 GPUs, more than any node has: skipped before the trace is copied
    assertThat(out.toString()).contains("Replay of 12 pods on 3 nodes (6 GPUs)", "1 pods skipped")
        .containsPattern("(?m)^fifo: utilisation \\d+\\.\\d\\d %")
        .containsPattern("(?m)^fifo-backfill: utilisation")
        .containsPattern("(?m)^priority: utilisation")
        .containsPattern("(?m)^fair-share: utilisation")
        .containsPattern("(?m)^fifo: .* unserved 0;")
        .containsPattern("(?m)^all +100\\.0 +12 +12 ");
    var csv = Files.readAllLines(outDir.resolve("replay.csv"));
    assertThat(csv.getFirst()).startsWith("scheduler,queue,deserved_pct,pods,started,delay_mean_s");
    assertThat(csv).anyMatch(line -> line.startsWith("fair-share,all,"));
    assertThat(outDir.resolve("utilization.png")).isNotEmptyFile();
    assertThat(Files.readString(outDir.resolve("report.html"))).contains("<img src=\"utilization.png\"", "<h2>priority</h2>");
  }

  @Test
  void aMalformedPodFileGetsOneLineNamingFileLineAndColumn() throws IOException {
    var bad = Files.writeString(dir.resolve("bad.csv"), """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
        p0,4000,8192,1,500,,LS,Running,0,10,0
        p1,4000,8192,1,500,,LS,Running,soon,10,0
        """);

    int exit = sluice("simulate", "replay", "--nodes", nodes().toString(), "--pods", bad.toString(),
        "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("sluice: " + bad + ":3, column creation_time: 'soon' is not a whole number");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void anUnknownSchedulerIsNamedWithTheKnownOnes() throws IOException {
    int exit = sluice("simulate", "replay", "--nodes", nodes().toString(), "--pods", pods().toString(),
        "--schedulers", "fifo,lottery", "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("sluice: --schedulers: unknown scheduler 'lottery'; known: fifo, fifo-backfill, priority, fair-share");
  }

  @Test
  void anUnknownKindOfWalltimesIsNamedWithTheKnownOnes() throws IOException {
    int exit = sluice("simulate", "replay", "--nodes", nodes().toString(), "--pods", pods().toString(),
        "--walltimes", "guessed", "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("sluice: --walltimes: unknown kind 'guessed'; known: declared, exact, none");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aCompressionBelowOneIsRefused() throws IOException {
    int exit = sluice("simulate", "replay", "--nodes", nodes().toString(), "--pods", pods().toString(),
        "--compress", "0", "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("sluice: --compress must be at least 1");
  }
}
