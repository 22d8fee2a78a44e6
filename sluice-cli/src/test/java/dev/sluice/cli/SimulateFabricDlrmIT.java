package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice simulate fabric dlrm} and {@code dpu} as a user runs them: the built jar in its own JVM on a small trace
 * in the DLRM format writes its three files; a malformed trace is one line naming where, exit 2.
 */
class SimulateFabricDlrmIT {
  private static final String HEADER = "instance_sn,role,app_name,cpu_request,cpu_limit,gpu_request,gpu_limit,rdma_request,"
      + "rdma_limit,memory_request,memory_limit,disk_request,disk_limit,max_instance_per_node,creation_time,scheduled_time,"
      + "deletion_time";

  @TempDir
  Path dir;

  private record Run(int exit, String printed) {
  }

  private Run sluice(String... args) throws Exception {
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        SluiceProcess.JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("finishes in 3 minutes").isTrue();
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes()));
  }

  private Path trace(List<String> rows) throws Exception {
    var lines = new ArrayList<String>();
    lines.add(HEADER);
    lines.addAll(rows);
    return Files.write(dir.resolve("trace.csv"), lines);
  }

  @Test
  void bothExperimentsWriteTheirReportsFromATraceInTheDlrmFormat() throws Exception {
    var rows = new ArrayList<String>();
    for (int i = 0; i < 12; i++) {
      rows.add("instance_" + i + ",HN,app_0,8,8,1,1,25,25,60.0,60.0,100.0,100.0,4,,,");
      rows.add("instance_" + (100 + i) + ",CN,app_1,48,48,0,0,10,10,200.0,200.0,100.0,100.0,-1," + i * 60 + ".0,," + (i * 60 + 3600) + ".0");
    }
    var trace = trace(rows);

    var dlrm = sluice("simulate", "fabric", "dlrm", "--trace", trace.toString(), "--out", dir.resolve("dlrm").toString());
    var dpu = sluice("simulate", "fabric", "dpu", "--trace", trace.toString(), "--out", dir.resolve("dpu").toString());

    assertThat(dlrm.exit()).as(dlrm.printed()).isZero();
    assertThat(dlrm.printed()).contains("DLRM 2025 replay: 24 instances of trace.csv");
    var csv = Files.readAllLines(dir.resolve("dlrm/summary.csv"));
    assertThat(csv.getFirst()).isEqualTo("experiment,fleet,policy,metric,value");
    assertThat(csv).anyMatch(l -> l.startsWith("dlrm,balanced,nic-aware/sluice,stranded_gpu_pct,"))
        .anyMatch(l -> l.startsWith("dlrm,nic-lean,nic-blind/fgd,pending_instances,"));
    assertThat(dir.resolve("dlrm/summary.png")).isNotEmptyFile();
    assertThat(dpu.exit()).as(dpu.printed()).isZero();
    assertThat(Files.readAllLines(dir.resolve("dpu/summary.csv"))).anyMatch(l -> l.startsWith("dpu,balanced,dpu,freed_host_cores,"));
    assertThat(dir.resolve("dpu/report.html")).content().contains("DPU offload");
  }

  @Test
  void aMalformedTraceIsOneLineNamingWhere() throws Exception {
    var trace = trace(List.of("instance_0,HN,app_0,eight,8,1,1,25,25,60.0,60.0,100.0,100.0,4,,,"));

    var run = sluice("simulate", "fabric", "dlrm", "--trace", trace.toString(), "--out", dir.resolve("x").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.printed().strip().lines().filter(l -> !l.startsWith("WARNING")).toList()).singleElement().asString()
        .startsWith("sluice: --trace: ").contains("trace.csv:2, column cpu_request");
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
