package dev.sluice.local.process;

import static dev.sluice.local.process.Jobs.awaitEnd;
import static dev.sluice.local.process.Jobs.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.spi.ProcessRef;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.local.gpu.FixedGpuInventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher made after a "restart" (a second instance over the same runs directory, knowing nothing but the
 * stored {@link ProcessRef}) follows and stops jobs the first one started.
 */
class AdoptionIT {
  @TempDir
  Path dir;

  private ProcessLauncher launcher() {
    return new ProcessLauncher(dir.resolve("runs"), FixedGpuInventory.none(), MpsProbe.never());
  }

  @Test
  void aRestartedLauncherSeesARunningJobStopsItAndReadsItsExitCode() throws Exception {
    ProcessRef stored;
    try (var before = launcher()) {
      stored = before.launch(Jobs.request(dir, "long", List.of("sleep", "60"), Map.of(), List.of(), 1000, 0));
    }
    ProcessRef fromStore = new ProcessRef(stored.jobId(), stored.pid(), stored.startedAt(), stored.runDir());

    try (var after = launcher()) {
      assertThat(after.status(fromStore)).isEqualTo(new ProcessStatus.Running());

      after.terminate(fromStore, Duration.ofSeconds(10));
      awaitEnd(fromStore);

      assertThat(after.status(fromStore)).isEqualTo(new ProcessStatus.Exited(143));
    }
  }

  @Test
  void aJobThatEndedWhileNobodyWatchedReportsItsRealExitCode() throws Exception {
    ProcessRef stored;
    try (var before = launcher()) {
      stored = before.launch(shell(dir, "unwatched", "exit 42"));
    }
    awaitEnd(stored);

    try (var after = launcher()) {
      assertThat(after.status(stored)).isEqualTo(new ProcessStatus.Exited(42));
    }
  }

  @Test
  void aPidThatIsGoneWithNoExitCodeIsLost() throws Exception {
    Process shortLived = new ProcessBuilder("true").start();
    assertThat(shortLived.waitFor(20, TimeUnit.SECONDS)).isTrue();
    Path emptyRun = Files.createDirectories(dir.resolve("runs/ghost/1"));
    var ref = new ProcessRef("ghost", shortLived.pid(), 1_000, emptyRun.toString());

    try (var after = launcher()) {
      assertThat(after.status(ref)).isInstanceOfSatisfying(ProcessStatus.Lost.class,
          lost -> assertThat(lost.reason()).contains("has gone without recording an exit code"));
    }
  }

  @Test
  void aPidNowUsedByAnotherProcessIsNotMistakenForTheJob() throws Exception {
    ProcessHandle stranger = ProcessHandle.current();
    long strangerStart = stranger.info().startInstant().orElseThrow().toEpochMilli();
    Path emptyRun = Files.createDirectories(dir.resolve("runs/recycled/1"));
    var ref = new ProcessRef("recycled", stranger.pid(), strangerStart - 3_600_000, emptyRun.toString());

    try (var after = launcher()) {
      assertThat(after.status(ref)).isInstanceOfSatisfying(ProcessStatus.Lost.class,
          lost -> assertThat(lost.reason()).contains("its pid now belongs to a process started at"));
      after.terminate(ref, Duration.ZERO); // must not signal the stranger (this JVM)
      assertThat(stranger.isAlive()).isTrue();
    }
  }
}
