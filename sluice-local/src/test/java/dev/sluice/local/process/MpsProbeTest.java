package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpsProbeTest {
  @TempDir
  Path dir;

  @Test
  void noControlPipeMeansNoDaemon() {
    assertThat(MpsProbe.controlPipeIn(dir).daemonRunning()).isFalse();
    assertThat(MpsProbe.controlPipeIn(dir.resolve("missing")).daemonRunning()).isFalse();
  }

  @Test
  void aRegularFileNamedControlIsNoPipe() throws IOException {
    Files.writeString(dir.resolve("control"), "");

    assertThat(MpsProbe.controlPipeIn(dir).daemonRunning()).isFalse();
  }

  @Test
  void thePipeDirectoryComesFromTheEnvironment() throws IOException {
    Files.createDirectory(dir.resolve("control"));

    assertThat(MpsProbe.fromEnvironment(Map.of("CUDA_MPS_PIPE_DIRECTORY", dir.toString())).daemonRunning()).isFalse();
    assertThat(MpsProbe.never().daemonRunning()).isFalse();
  }
}
