package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateFabricTopologyCommandTest {
  @TempDir
  Path dir;

  private final CapturedCli cli = new CapturedCli();

  private Path pods() throws IOException {
    return Files.writeString(dir.resolve("pods.csv"), """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
        p0,16000,65536,2,1000,,LS,Running,0,600,0
        p1,64000,262144,8,1000,,LS,Running,10,1810,10
        p2,4000,8192,1,500,,LS,Running,20,100,20
        """);
  }

  @Test
  void writesTheReportAndPrintsALinePerPolicy() throws IOException {
    var out = dir.resolve("report");

    int exit = cli.sluice("simulate", "fabric", "topology", "--pods", pods().toString(), "--racks", "4", "--nodes-per-rack", "2",
        "--racks-per-block", "2", "--gangs", "30", "--gang-size", "2-4", "--out", out.toString());

    assertThat(exit).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("30 gangs of 2-4 pods on 4x2x8-b2 (8 nodes, 64 GPUs)")
        .containsPattern("(?m)^topology-blind +\\d+\\.\\d\\d ")
        .containsPattern("(?m)^kai-fullest-domain +\\d+\\.\\d\\d ");
    var csv = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(csv.getFirst()).isEqualTo("experiment,fleet,policy,metric,value");
    assertThat(csv).hasSize(1 + 4 * 10).contains("topology-gangs,4x2x8-b2,topology-required,gangs_started,30");
    assertThat(out.resolve("summary.png")).isNotEmptyFile();
    assertThat(out.resolve("report.html")).content().contains("<td>topology-preferred</td>");
  }

  @Test
  void anUnknownPolicyIsNamedWithTheKnownOnes() throws IOException {
    int exit = cli.sluice("simulate", "fabric", "topology", "--pods", pods().toString(), "--policies", "topology-blind,greedy",
        "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err.toString().strip()).isEqualTo("sluice: --policies: unknown policy 'greedy'; known: topology-blind,"
        + " topology-preferred, topology-required, kai-fullest-domain");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void aBadGangSizeIsRefusedInOneLine() throws IOException {
    int exit = cli.sluice("simulate", "fabric", "topology", "--pods", pods().toString(), "--gang-size", "1-8",
        "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err.toString().strip()).isEqualTo("sluice: --gang-size: need 2 <= MIN <= MAX, was 1-8");
  }

  @Test
  void aTraceWithoutMultiGpuPodsIsRefused() throws IOException {
    var single = Files.writeString(dir.resolve("single.csv"), """
        name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time
        p0,4000,8192,1,1000,,LS,Running,0,600,0
        """);

    int exit = cli.sluice("simulate", "fabric", "topology", "--pods", single.toString(), "--out", dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err.toString()).contains("has no pod with 2 or more whole GPUs");
  }
}
