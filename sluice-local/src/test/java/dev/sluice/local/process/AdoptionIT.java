package dev.sluice.local.process;

import static dev.sluice.local.process.Jobs.awaitEnd;
import static dev.sluice.local.process.Jobs.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.spi.LaunchAttempt;
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
  void anAttemptPreparedButNeverLaunchedIsNotFoundAndOneLaunchedButNeverRecordedIsFoundAndFollowed() throws Exception {
    LaunchAttempt unstarted;
    LaunchAttempt started;
    ProcessRef launched;
    try (var before = launcher()) {
      unstarted = before.prepare("unstarted");
      started = before.prepare("started");
      launched = before.launch(shell(dir, "started", "sleep 0.5; exit 7"), started);
    } // the control plane dies: the first attempt before its launch, the second before its pid is stored

    try (var after = launcher()) {
      assertThat(after.find(unstarted)).isEmpty();
      var found = after.find(started).orElseThrow();
      assertThat(found).isEqualTo(launched);
      assertThat(after.status(found)).isEqualTo(new ProcessStatus.Running());
      assertThat(after.killUnrecorded(java.util.Set.of(started.runDir()))).as("the attempt accounts for it").isZero();
      Jobs.awaitTrue("the found attempt's exit code", () -> after.status(found) instanceof ProcessStatus.Exited);
      assertThat(after.status(found)).isEqualTo(new ProcessStatus.Exited(7));
      assertThat(after.find(started)).as("found after its wrapper has gone too")
          .hasValueSatisfying(ref -> assertThat(after.status(ref)).isEqualTo(new ProcessStatus.Exited(7)));
    }
  }

  @Test
  void anAttemptIsLaunchedAtMostOnce() throws Exception {
    try (var launcher = launcher()) {
      var attempt = launcher.prepare("once");
      assertThat(attempt.number()).isEqualTo(1);
      var ref = launcher.launch(shell(dir, "once", "true"), attempt);
      awaitEnd(ref);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> launcher.launch(shell(dir, "once", "true"), attempt))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing started in");
      assertThat(launcher.prepare("once").number()).isEqualTo(2);
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

  @Test
  void aJobWhoseLauncherProcessHasDiedIsFollowedAndStopped() throws Exception {
    ProcessRef orphan = startOrphanedJob("orphan", List.of("sleep", "60"));
    assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).doesNotContain(orphan.pid());

    try (var after = launcher()) {
      assertThat(after.status(orphan)).isEqualTo(new ProcessStatus.Running());

      after.terminate(orphan, Duration.ofSeconds(10));
      Jobs.awaitTrue("the orphaned job's exit code", () -> after.status(orphan) instanceof ProcessStatus.Exited);

      assertThat(after.status(orphan)).isEqualTo(new ProcessStatus.Exited(143));
    }
  }

  @Test
  void anOrphanedJobThatEndsByItselfRecordsItsCode() throws Exception {
    ProcessRef orphan = startOrphanedJob("orphan-exit", List.of("/bin/sh", "-c", "sleep 0.2; exit 9"));

    try (var after = launcher()) {
      Jobs.awaitTrue("the orphaned job's exit code", () -> after.status(orphan) instanceof ProcessStatus.Exited);

      assertThat(after.status(orphan)).isEqualTo(new ProcessStatus.Exited(9));
    }
  }

  @Test
  void aJobWhoseWrapperWasKilledRunsUntilItsGroupIsGoneThenIsLost() throws Exception {
    try (var launcher = launcher()) {
      var ref = launcher.launch(Jobs.request(dir, "headless", List.of("sleep", "60"), Map.of(), List.of(), 1000, 0));
      long job = new RunDirectory(Path.of(ref.runDir())).jobGroup().orElseThrow();
      ProcessHandle.of(ref.pid()).orElseThrow().destroyForcibly();
      awaitEnd(ref);

      assertThat(Jobs.isRunning(job)).isTrue();
      assertThat(launcher.status(ref)).as("its processes still hold its devices").isEqualTo(new ProcessStatus.Running());

      launcher.terminate(ref, Duration.ofSeconds(10));
      Jobs.awaitEnd(job);
      assertThat(Jobs.isRunning(job)).isFalse();
      Jobs.awaitTrue("the job to be lost once its group is gone", () -> launcher.status(ref) instanceof ProcessStatus.Lost);
    }
  }

  @Test
  void theWrapperNamesTheJobsGroupOnlyOnceTheGroupExists() throws Exception {
    // a setsid that takes its time, as under load: the job forms its group half a second after the wrapper forked it
    Path slowSetsid = Files.writeString(dir.resolve("slow-setsid"), "#!/bin/sh\nsleep 0.5\nexec /usr/bin/setsid \"$@\"\n");
    assertThat(slowSetsid.toFile().setExecutable(true)).isTrue();
    RunDirectory run = RunDirectory.createFor(dir.resolve("runs"), "slow");
    Path out = dir.resolve("slow.out");
    var wrapper = new ProcessBuilder(JobWrapper.command(slowSetsid, Path.of("/usr/bin/mv"), run, out, out, List.of("sleep", "60")))
        .redirectError(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
    long group = Long.parseLong(wrapper.inputReader().readLine().strip());
    var signals = new Signals();
    try {
      assertThat(signals.groupExists(group)).as("the group the wrapper has named exists").isTrue();
      assertThat(run.jobGroup()).hasValue(group);
    } finally {
      Jobs.awaitTrue("the job's group", () -> signals.groupExists(group));
      signals.toGroup(group, Signals.SIGKILL);
      Jobs.awaitEnd(wrapper.pid());
    }
  }

  @Test
  void aProcessGroupThatReusedTheIdOfAnUnrecordedRunIsNotKilled() throws Exception {
    var stranger = new ProcessBuilder("setsid", "sleep", "60").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      Jobs.awaitTrue("the stranger to lead its own group", () -> Jobs.isRunning(stranger.pid()));
      var run = Files.createDirectories(dir.resolve("runs").resolve("j-000009").resolve("1"));
      Files.writeString(run.resolve("job-pgid"), Long.toString(stranger.pid()));
      try (var after = launcher()) {
        assertThat(after.killUnrecorded(java.util.Set.of())).isZero();
      }
      assertThat(stranger.isAlive()).isTrue();
    } finally {
      stranger.destroyForcibly();
    }
  }

  @Test
  void aJobLaunchedButNeverRecordedIsKilledAtTheNextStartAndARecordedOneIsKept() throws Exception {
    ProcessRef recorded;
    ProcessRef unrecorded;
    try (var before = launcher()) {
      recorded = before.launch(Jobs.request(dir, "recorded", List.of("sleep", "60"), Map.of(), List.of(), 1000, 0));
      unrecorded = before.launch(Jobs.request(dir, "unrecorded", List.of("sleep", "60"), Map.of(), List.of(), 1000, 0));
    } // the control plane dies before it records the second launch
    long group = new RunDirectory(Path.of(unrecorded.runDir())).jobGroup().orElseThrow();
    assertThat(new Signals().groupExists(group)).as("the job's own group, named only once it exists").isTrue();
    try (var after = launcher()) {
      assertThat(after.killUnrecorded(java.util.Set.of(recorded.runDir()))).isEqualTo(1);
      Jobs.awaitEnd(group);
      Jobs.awaitTrue("the unrecorded job's wrapper to record the kill", () -> after.status(unrecorded) instanceof ProcessStatus.Exited);
      assertThat(after.status(unrecorded)).isEqualTo(new ProcessStatus.Exited(137));
      assertThat(after.status(recorded)).isEqualTo(new ProcessStatus.Running());
      assertThat(after.killUnrecorded(java.util.Set.of(recorded.runDir()))).as("nothing left to kill").isZero();
      after.terminate(recorded, Duration.ZERO);
      awaitEnd(recorded);
    }
  }

  @Test
  void aLiveProcessOfAnUnrecordedRunIsKilledThoughNoRunDirectoryNamesItAndOthersAreKept() throws Exception {
    var runs = dir.resolve("runs");
    // as a wrapper killed before it wrote the job's group would leave them: processes with their run's variable only
    var stray = groupLeader(runs.resolve("j-000001/1"));
    var recorded = groupLeader(runs.resolve("j-000002/1"));
    var elsewhere = groupLeader(dir.resolve("other-runs/j-000003/1"));
    try (var after = launcher()) {
      Jobs.awaitTrue("the three to lead their groups", () -> Jobs.isRunning(elsewhere.pid()) && ProcStat.processGroup(
          stray.pid()) == stray.pid() && ProcStat.processGroup(recorded.pid()) == recorded.pid());
      assertThat(after.killUnrecorded(java.util.Set.of(runs.resolve("j-000002/1").toString()))).isEqualTo(1);
      Jobs.awaitEnd(stray.pid());
      assertThat(recorded.isAlive()).as("a recorded run's").isTrue();
      assertThat(elsewhere.isAlive()).as("another launcher's").isTrue();
    } finally {
      for (var process : List.of(stray, recorded, elsewhere)) process.destroyForcibly();
    }
  }

  private static Process groupLeader(Path runDir) throws java.io.IOException {
    var builder = new ProcessBuilder("setsid", "sleep", "60").redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put(JobEnvironment.RUN_DIR, runDir.toString());
    return builder.start();
  }

  @Test
  void anEndedButUnreapedProcessIsNotTakenForARunningJob() throws Exception {
    // once the shell has become `sleep 61`, nothing reaps its child: as an init that does not reap would leave a wrapper
    Process parent = new ProcessBuilder("/bin/sh", "-c", "sleep 60 & echo $!; exec sleep 61").start();
    try {
      long zombie = Long.parseLong(new java.io.BufferedReader(
          new java.io.InputStreamReader(parent.getInputStream())).readLine().strip());
      Jobs.awaitTrue("the shell to become sleep", () -> parent.info().arguments()
          .map(args -> List.of(args).contains("61")).orElse(false));
      ProcessHandle.of(zombie).orElseThrow().destroyForcibly();
      Jobs.awaitTrue("the child to become a zombie", () -> ProcStat.isZombie(zombie));
      Path emptyRun = Files.createDirectories(dir.resolve("runs/zombie/1"));
      long start = ProcessHandle.of(zombie).flatMap(h -> h.info().startInstant()).map(i -> i.toEpochMilli())
          .orElse(ProcessLauncher.UNKNOWN_START);

      try (var after = launcher()) {
        assertThat(after.status(new ProcessRef("zombie", zombie, start, emptyRun.toString())))
            .isInstanceOf(ProcessStatus.Lost.class);
      }
    } finally {
      parent.destroyForcibly();
      parent.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClosedLauncherRefusesWork() {
    var launcher = launcher();
    launcher.close();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> launcher.launch(shell(dir, "late", "true")))
        .isInstanceOf(IllegalStateException.class).hasMessage("this launcher has been closed");
  }

  /**
   * Starts a job under the wrapper from a shell that exits at once, as a control plane that has died would
   * leave it: the wrapper is then no child of this JVM.
   */
  private ProcessRef startOrphanedJob(String jobId, List<String> command) throws Exception {
    RunDirectory run = RunDirectory.createFor(dir.resolve("runs"), jobId);
    Path out = dir.resolve(jobId + ".out");
    List<String> wrapped = JobWrapper.command(Path.of("/usr/bin/setsid"), Path.of("/usr/bin/mv"), run, out, out, command);
    List<String> launch = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "\"$@\" >/dev/null 2>&1 & echo $!", "sh"));
    launch.addAll(wrapped);
    Process parent = new ProcessBuilder(launch).redirectErrorStream(true).start();
    String pid = new String(parent.getInputStream().readAllBytes()).strip();
    assertThat(parent.waitFor(20, TimeUnit.SECONDS)).isTrue();
    ProcessHandle wrapper = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
    Jobs.awaitTrue("the job to be forked", () -> run.jobGroup().isPresent());
    return new ProcessRef(jobId, wrapper.pid(), wrapper.info().startInstant().orElseThrow().toEpochMilli(), run.path().toString());
  }
}
