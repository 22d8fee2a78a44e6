package dev.sluice.sim.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderTest {
  private static final String POD_HEADER = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,"
      + "creation_time,deletion_time,scheduled_time\n";

  @TempDir
  Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsNodesWithAndWithoutGpus() throws Exception {
    var nodes = NodeListReader.read(file("n.csv", "sn,cpu_milli,memory_mib,gpu,model\na,32000,1024,2,T4\nb,8000,512,0,\n"));

    assertThat(nodes).hasSize(2);
    assertThat(nodes.get(0).gpuCount()).isEqualTo(2);
    assertThat(nodes.get(0).gpuModel()).isEqualTo("T4");
    assertThat(nodes.get(1).gpuCount()).isZero();
  }

  @Test
  void readsPodsWithModelListsAndTimes() throws Exception {
    var pods = PodListReader.read(file("p.csv", POD_HEADER
        + "p0,4000,8192,1,460,V100M16|V100M32,LS,Running,10,90,12\n"
        + "p1,2000,0,0,0,,BE,Failed,5,,\n"));

    assertThat(pods.get(0).request().allowedGpuModels()).containsExactlyInAnyOrder("V100M16", "V100M32");
    assertThat(pods.get(0).request().gpuMilliPerGpu()).isEqualTo(460);
    assertThat(pods.get(0).scheduledTime()).isEqualTo(12);
    assertThat(pods.get(1).request().allowedGpuModels()).isEmpty();
    assertThat(pods.get(1).deletionTime()).isEqualTo(TracePod.ABSENT);
  }

  @Test
  void aBadNumberNamesFileLineAndColumn() throws IOException {
    var pods = file("p.csv", POD_HEADER + "p0,4000,8192,1,460,,LS,Running,0,1,0\np1,4k,8192,1,460,,LS,Running,0,1,0\n");

    assertThatThrownBy(() -> PodListReader.read(pods)).isInstanceOf(TraceFormatException.class)
        .hasMessage(pods + ":3, column cpu_milli: '4k' is not a whole number")
        .satisfies(e -> assertThat(((TraceFormatException) e).line()).isEqualTo(3));
  }

  @Test
  void aFractionOfSeveralGpusIsRejected() throws IOException {
    var pods = file("p.csv", POD_HEADER + "p0,4000,8192,2,500,,LS,Running,0,1,0\n");

    assertThatThrownBy(() -> PodListReader.read(pods))
        .hasMessage(pods + ":2, column gpu_milli: a fraction of a GPU needs num_gpu 1, not 2");
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    var nodes = file("n.csv", "sn,cpu_milli,gpu,model\na,1,1,T4\n");

    assertThatThrownBy(() -> NodeListReader.read(nodes)).hasMessageStartingWith(nodes + ":1, column memory_mib: missing column");
  }

  @Test
  void aShortRowIsNamed() throws IOException {
    var nodes = file("n.csv", "sn,cpu_milli,memory_mib,gpu,model\na,1,1\n");

    assertThatThrownBy(() -> NodeListReader.read(nodes)).hasMessageStartingWith(nodes + ":2, column gpu: missing value");
  }

  @Test
  void duplicateNodesAndGpuNodesWithoutModelAreRejected() throws IOException {
    var twice = file("a.csv", "sn,cpu_milli,memory_mib,gpu,model\na,1,1,1,T4\na,1,1,1,T4\n");
    var noModel = file("b.csv", "sn,cpu_milli,memory_mib,gpu,model\na,1,1,2,\n");

    assertThatThrownBy(() -> NodeListReader.read(twice)).hasMessage(twice + ":3, column sn: duplicate node name 'a'");
    assertThatThrownBy(() -> NodeListReader.read(noModel)).hasMessage(noModel + ":2, column model: a node with GPUs needs a GPU model");
  }

  @Test
  void aMissingOrEmptyFileIsNamed() throws IOException {
    var missing = dir.resolve("nope.csv");
    var empty = file("e.csv", POD_HEADER);

    assertThatThrownBy(() -> PodListReader.read(missing)).hasMessage(missing + ": no such file");
    assertThatThrownBy(() -> PodListReader.read(empty)).hasMessage(empty + ": no pods in the file");
  }

  @Test
  void negativeValuesAreOutOfRange() throws IOException {
    var nodes = file("n.csv", "sn,cpu_milli,memory_mib,gpu,model\na,-5,1,1,T4\n");

    assertThatThrownBy(() -> NodeListReader.read(nodes)).hasMessageContaining(":2, column cpu_milli: -5 is outside 0..");
  }

  @Test
  void writtenPodsReadBackTheSame() throws Exception {
    var pods = PodListReader.read(file("p.csv", POD_HEADER
        + "p0,4000,8192,1,460,V100M32|V100M16,LS,Running,10,90,12\n"
        + "p1,2000,0,0,0,,BE,Failed,5,,\n"
        + "p2,88000,327680,8,1000,,Burstable,Succeeded,9,20,9\n"));
    var written = dir.resolve("out.csv");

    PodListWriter.write(pods, written);

    assertThat(PodListReader.read(written)).isEqualTo(pods);
    assertThat(Files.readAllLines(written).get(1)).isEqualTo("p0,4000,8192,1,460,V100M16|V100M32,LS,,10,90,12");
  }
}
