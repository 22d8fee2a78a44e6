package dev.sluice.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.sim.trace.DlrmInstance.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DlrmTraceReaderTest {
  private static final String HEADER = "instance_sn,role,app_name,cpu_request,cpu_limit,gpu_request,gpu_limit,rdma_request,"
      + "rdma_limit,memory_request,memory_limit,disk_request,disk_limit,max_instance_per_node,creation_time,scheduled_time,"
      + "deletion_time\n";

  @TempDir
  Path dir;

  private Path trace(String rows) throws IOException {
    return Files.writeString(dir.resolve("t.csv"), HEADER + rows);
  }

  @Test
  void readsUnitsTimesAndCaps() throws Exception {
    var instances = DlrmTraceReader.read(trace(
        "i0,HN,app_0,12,12,1,1,25,25,120.0,120.0,680.5,800.0,8,,,\n"
            + "i1,CN,app_1,192,192,0,0,51,51,937.5,937.5,255.0,300.0,-1,475.00000000000006,475.0,NaN\n"
            + "i2,CN,app_1,64,64,0,0,1,1,320.0,320.0,255.0,300.0,2,1435629.0,1435629.0,1435760.0\n"));

    var hn = instances.get(0);
    assertThat(hn.role()).isEqualTo(Role.HN);
    assertThat(hn.cpuMilli()).isEqualTo(12_000);
    assertThat(hn.memoryMib()).isEqualTo(120 * 1024);
    assertThat(hn.diskGib()).as("rounded up").isEqualTo(681);
    assertThat(hn.maxPerNode()).isEqualTo(8);
    assertThat(hn.existedAtStart()).isTrue();
    assertThat(hn.arrivalMs()).isZero();
    assertThat(hn.deletedMs()).isEqualTo(DlrmInstance.AFTER_END);
    var cn = instances.get(1);
    assertThat(cn.memoryMib()).isEqualTo(960_000);
    assertThat(cn.maxPerNode()).as("-1 is no cap").isZero();
    assertThat(cn.createdMs()).isEqualTo(475_000);
    assertThat(cn.deletedMs()).isEqualTo(DlrmInstance.AFTER_END);
    assertThat(instances.get(2).deletedMs()).isEqualTo(1_435_760_000L);
    assertThat(instances.get(2).row()).isEqualTo(2);
  }

  @Test
  void anUnknownRoleNamesLineAndColumn() throws IOException {
    var file = trace("i0,HN,a,8,8,1,1,25,25,40.0,40.0,85.0,85.0,2,,,\ni1,GN,a,8,8,1,1,25,25,40.0,40.0,85.0,85.0,2,,,\n");

    assertThatThrownBy(() -> DlrmTraceReader.read(file)).isInstanceOf(TraceFormatException.class)
        .hasMessage(file + ":3, column role: 'GN' is neither CN (CPU node) nor HN (GPU node)");
  }

  @Test
  void aBadNumberNamesLineAndColumn() throws IOException {
    var file = trace("i0,HN,a,8,8,1,1,25,25,forty,40.0,85.0,85.0,2,,,\n");

    assertThatThrownBy(() -> DlrmTraceReader.read(file))
        .hasMessage(file + ":2, column memory_request: 'forty' is not a number");
  }

  @Test
  void rdmaAbove100PercentIsRejected() throws IOException {
    var file = trace("i0,HN,a,8,8,1,1,125,125,40.0,40.0,85.0,85.0,2,,,\n");

    assertThatThrownBy(() -> DlrmTraceReader.read(file))
        .hasMessage(file + ":2, column rdma_request: 125 is outside 0.0..100.0");
  }

  @Test
  void aZeroCapAGpuOnACpuNodeAndATwiceNamedInstanceAreRejected() throws IOException {
    var zeroCap = trace("i0,HN,a,8,8,1,1,25,25,40.0,40.0,85.0,85.0,0,,,\n");
    assertThatThrownBy(() -> DlrmTraceReader.read(zeroCap))
        .hasMessage(zeroCap + ":2, column max_instance_per_node: must be -1 (no limit) or at least 1, was 0");

    var gpuOnCn = trace("i0,CN,a,8,8,1,1,25,25,40.0,40.0,85.0,85.0,-1,,,\n");
    assertThatThrownBy(() -> DlrmTraceReader.read(gpuOnCn))
        .hasMessage(gpuOnCn + ":2, column gpu_request: a CN instance runs on a CPU node and asks no GPU, was 1");

    var twice = trace("i0,CN,a,8,8,0,0,25,25,40.0,40.0,85.0,85.0,-1,,,\ni0,CN,a,8,8,0,0,25,25,40.0,40.0,85.0,85.0,-1,,,\n");
    assertThatThrownBy(() -> DlrmTraceReader.read(twice))
        .hasMessage(twice + ":3, column instance_sn: instance i0 appears twice");
  }

  @Test
  void aMissingColumnAndAnEmptyFileAreNamed() throws IOException {
    var noRole = Files.writeString(dir.resolve("r.csv"), "instance_sn,app_name\ni0,a\n");
    assertThatThrownBy(() -> DlrmTraceReader.read(noRole)).hasMessageStartingWith(noRole + ":1, column role: missing column");

    var empty = trace("");
    assertThatThrownBy(() -> DlrmTraceReader.read(empty)).hasMessage(empty + ": no instances in the file");
  }
}
