package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real named pipe, as nvidia-cuda-mps-control makes one, counts as a running daemon. */
class MpsProbeIT {
  @TempDir
  Path dir;

  @Test
  void aControlFifoMeansADaemonRuns() throws Exception {
    Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("control").toString()).inheritIO().start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();

    assertThat(MpsProbe.controlPipeIn(dir).daemonRunning()).isTrue();
    assertThat(MpsProbe.fromEnvironment(Map.of("CUDA_MPS_PIPE_DIRECTORY", dir.toString())).daemonRunning()).isTrue();
  }
}
