package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.sim.trace.PodListReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trace vary}, {@code simulate robustness} and {@code simulate fgd --bound} on a small hand-made trace. */
class VariantCommandsTest {
  @TempDir
  Path dir;

  private final CapturedCli cli = new CapturedCli();
  private String nodes;
  private String pods;

  @BeforeEach
  void writeSmallTrace() throws IOException {
    nodes = SmallTrace.nodes(dir).toString();
    pods = SmallTrace.pods(dir).toString();
  }

  @Test
  void varyWritesAPodListWithTheAskedMix() throws Exception {
    var file = dir.resolve("variant.csv");

    int exit = cli.sluice("trace", "vary", "--nodes", nodes, "--pods", pods,
        "--sharing-share", "0", "--multi-gpu-share", "0.5", "--gpu-spec-share", "1", "--seed", "3", "--out", file.toString());

    assertThat(exit).as(cli.err.toString()).isZero();
    // CPU 24 cores, 2 CPU-only; GPU milli 3,800: 800 sharing, 2,000 multi-GPU; 2 of 4 GPU pods tied to models
    assertThat(cli.out.toString()).contains("source  cpu 0.083, sharing 0.211, multi-GPU 0.526, GPU-spec 0.500",
        "target  cpu 0.083, sharing 0.000, multi-GPU 0.500, GPU-spec 1.000");
    var written = PodListReader.read(file);
    assertThat(written).allMatch(p -> p.request().gpuCount() == 0 || !p.request().allowedGpuModels().isEmpty());
    assertThat(written).noneMatch(p -> p.request().gpuCount() == 1 && p.request().gpuMilliPerGpu() < 1000);
  }

  @Test
  void varyRejectsSharesThatDoNotAddUp() throws Exception {
    int exit = cli.sluice("trace", "vary", "--nodes", nodes, "--pods", pods,
        "--sharing-share", "0.7", "--multi-gpu-share", "0.5", "--out", dir.resolve("x.csv").toString());

    assertThat(exit).isEqualTo(UserErrors.BAD_INPUT);
    assertThat(cli.err.toString()).startsWith("sluice: sharing share + multi-GPU share must be at most 1");
  }

  @Test
  void robustnessPrintsAPointPerMixAndWritesTheHeatMap() throws Exception {
    var outDir = dir.resolve("sweep");

    int exit = cli.sluice("simulate", "robustness", "--nodes", nodes, "--pods", pods,
        "--cpu-shares", "0.2", "--sharing-shares", "0.2,0.9", "--multi-gpu-shares", "0,0.5", "--gpu-spec-shares", "0",
        "--files", "2", "--seeds", "1-2", "--bound", "--out", outDir.toString());

    assertThat(exit).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("3 points x 2 pod lists").containsPattern("(?m)^ 0\\.200 +0\\.900 +0\\.000 ");
    assertThat(Files.readAllLines(outDir.resolve("robustness.csv"))).hasSize(1 + 3);
    assertThat(outDir.resolve("heatmap.png")).isNotEmptyFile();
  }

  @Test
  void fgdWithBoundPrintsTheBoundAndEachPolicysDistance() throws Exception {
    // two GPUs; pods of half a GPU, so that arrivals step by 25 % and one lands on exactly 100 %
    var twoGpus = Files.writeString(dir.resolve("two-gpus.csv"), """
        sn,cpu_milli,memory_mib,gpu,model
        n0,32000,131072,2,T4
        """);
    var halves = Files.writeString(dir.resolve("halves.csv"), """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli
        a,2000,1024,1,500
        b,2000,1024,1,500
        c,20000,1024,1,500
        d,20000,1024,1,500
        """);

    int exit = cli.sluice("simulate", "fgd", "--nodes", twoGpus.toString(), "--pods", halves.toString(),
        "--seeds", "1-2",
        "--policies", "fgd,sluice", "--bound", "--out", dir.resolve("report").toString());

    assertThat(exit).as(cli.err.toString()).isZero();
    // the two 20-core pods cannot both run on 32 cores: at most three halves, 25 % unallocated
    assertThat(cli.out.toString()).contains("Offline bound").containsPattern("(?m)^bound +25\\.00 +25\\.00")
        .containsPattern("(?m)^sluice +[+-]0\\.00, [+-]0\\.00, [+-]0\\.00$");
  }
}
