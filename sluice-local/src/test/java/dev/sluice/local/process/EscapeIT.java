package dev.sluice.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.core.spi.ProcessRef;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.local.gpu.FixedGpuInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a sandbox, every process a job starts ends with the job, even one that left the job's process group and
 * cleared its environment: the wrapper is their subreaper ({@link ChildSubreaper}). {@link SandboxContract} checks the same
 * inside both sandboxes.
 */
class EscapeIT {
  @TempDir
  Path dir;
  private final Escapee escapee = new Escapee();

  @AfterEach
  void cleanUp() {
    escapee.kill();
  }

  @Test
  void aProcessThatLeftTheJobsGroupAndEnvironmentEndsWhenTheJobIsStopped() throws Exception {
    assertTheEscapeeEndsWithTheJob("exec sleep 300", (launcher, job) -> launcher.terminate(job, Duration.ofSeconds(10)),
        new ProcessStatus.Exited(143));
  }

  @Test
  void aProcessThatLeftTheJobsGroupAndEnvironmentEndsWhenTheJobEndsByItself() throws Exception {
    assertTheEscapeeEndsWithTheJob("while [ ! -e done ]; do sleep 0.1; done",
        (launcher, job) -> Files.createFile(dir.resolve("work/done")), new ProcessStatus.Exited(0));
  }

  /** What ends a job: a stop, or something the job waits for. */
  private interface Ending {
    void end(ProcessLauncher launcher, ProcessRef job) throws Exception;
  }

  /** Runs a job that starts the escapee and then {@code script}; once it has escaped, ends the job as {@code ending} says. */
  private void assertTheEscapeeEndsWithTheJob(String script, Ending ending, ProcessStatus status) throws Exception {
    try (var launcher = new ProcessLauncher(dir.resolve("runs"), FixedGpuInventory.none(), MpsProbe.never())) {
      var job = launcher.launch(Jobs.shell(dir, "escaping", escapee.start() + script));
      escapee.awaitEscaped(group(job));

      ending.end(launcher, job);

      awaitStatus(launcher, job, status);
      escapee.awaitGone();
    }
  }

  static long group(ProcessRef job) {
    return new RunDirectory(Path.of(job.runDir())).jobGroup().orElseThrow();
  }

  static void awaitStatus(ProcessLauncher launcher, ProcessRef job, ProcessStatus status) {
    await("the job's exit code").atMost(Jobs.WAIT).until(() -> launcher.status(job) instanceof ProcessStatus.Exited);
    assertThat(launcher.status(job)).isEqualTo(status);
  }
}
