package dev.sluice.local.process;

import static dev.sluice.local.process.Jobs.awaitEnd;
import static dev.sluice.local.process.Jobs.awaitTrue;
import static dev.sluice.local.process.Jobs.read;
import static dev.sluice.local.process.Jobs.shell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.spi.LaunchException;
import dev.sluice.core.spi.LaunchRequest;
import dev.sluice.core.spi.ProcessRef;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.local.gpu.SimulatedGpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real jobs run by {@code /bin/sh}: environment, output files, exit codes, termination, errors. */
class ProcessLauncherIT {
  @TempDir
  Path dir;
  private ProcessLauncher launcher;

  @AfterEach
  void close() {
    if (launcher != null) launcher.close();
  }

  private ProcessLauncher launcher(MpsProbe mps) {
    launcher = new ProcessLauncher(dir.resolve("runs"), SimulatedGpus.parse("4xH100-80GB"), mps);
    return launcher;
  }

  @Test
  void theJobSeesItsGpusShareIdAndVariablesAndRunsInItsWorkDirectory() throws Exception {
    var request = Jobs.request(dir, "env-job", List.of("/bin/sh", "-c", "env; echo cwd=$(pwd)"),
        Map.of("FOO", "bar baz"), List.of(1, 3), 500, 8192);

    var ref = launcher(MpsProbe.never()).launch(request);
    awaitEnd(ref);

    assertThat(launcher.status(ref)).isEqualTo(new ProcessStatus.Exited(0));
    assertThat(read(request.stdout()).lines()).contains("CUDA_VISIBLE_DEVICES=1,3", "CUDA_DEVICE_ORDER=PCI_BUS_ID",
        "SLUICE_JOB_ID=env-job", "SLUICE_GPU_FRACTION=0.5", "SLUICE_GPU_MEMORY_MIB=8192", "FOO=bar baz",
        "cwd=" + dir.resolve("work").toRealPath());
    assertThat(read(request.stdout())).doesNotContain("CUDA_MPS_");
  }

  @Test
  void theRequestsVariablesReachTheJobExactlyButNotTheProgramsThatStartIt() throws Exception {
    String value = "it's \"quoted\" $HOME `id` \\ end\nsecond line";
    var request = Jobs.request(dir, "secret-job", List.of("/bin/sh", "-c", "printf '%s' \"$MY_SECRET\"; sleep 30"),
        Map.of("MY_SECRET", value), List.of(), 1000, 0);
    var ref = launcher(MpsProbe.never()).launch(request);
    try {
      Jobs.awaitTrue("the job to print its variable", () -> read(request.stdout()).equals(value));
      var wrapperEnvironment = Files.readString(Path.of("/proc", Long.toString(ref.pid()), "environ"));
      assertThat(wrapperEnvironment).doesNotContain("MY_SECRET").contains("SLUICE_JOB_ID=secret-job");
    } finally {
      launcher.terminate(ref, java.time.Duration.ZERO);
      Jobs.awaitEnd(ref);
    }
  }

  @Test
  void aCpuOnlyJobSeesNoGpu() throws Exception {
    var request = shell(dir, "cpu-job", "echo \"visible=[${CUDA_VISIBLE_DEVICES-unset}]\"");

    var ref = launcher(MpsProbe.never()).launch(request);
    awaitEnd(ref);

    assertThat(read(request.stdout())).isEqualTo("visible=[]\n");
  }

  @Test
  void withAnMpsDaemonAFractionalJobGetsItsComputeAndMemoryCaps() throws Exception {
    var request = Jobs.request(dir, "mps-job", List.of("env"), Map.of(), List.of(2), 250, 0);

    var ref = launcher(() -> true).launch(request);
    awaitEnd(ref);

    assertThat(read(request.stdout()).lines()).contains("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE=25",
        "CUDA_MPS_PINNED_DEVICE_MEM_LIMIT=0=20480M", "CUDA_VISIBLE_DEVICES=2", "SLUICE_GPU_FRACTION=0.25");
  }

  @Test
  void outputIsAppendedToTheRequestsFiles() throws Exception {
    var request = shell(dir, "out-job", "echo to-stdout; echo to-stderr >&2");
    Files.writeString(request.stdout(), "earlier\n");

    var ref = launcher(MpsProbe.never()).launch(request);
    awaitEnd(ref);

    assertThat(read(request.stdout())).isEqualTo("earlier\nto-stdout\n");
    assertThat(read(request.stderr())).isEqualTo("to-stderr\n");
  }

  @Test
  void exitCodesAreRecorded() throws Exception {
    var launcher = launcher(MpsProbe.never());
    var ok = launcher.launch(shell(dir, "ok", "exit 0"));
    var three = launcher.launch(shell(dir, "three", "exit 3"));
    awaitEnd(ok);
    awaitEnd(three);

    assertThat(launcher.status(ok)).isEqualTo(new ProcessStatus.Exited(0));
    assertThat(launcher.status(three)).isEqualTo(new ProcessStatus.Exited(3));
  }

  @Test
  void aJobsOwnPathCannotBreakTheWrapper() throws Exception {
    var launcher = launcher(MpsProbe.never());
    var request = Jobs.request(dir, "no-path", List.of("/bin/sh", "-c", "exit 4"), Map.of("PATH", dir.resolve("empty").toString()),
        List.of(), 1000, 0);
    var ref = launcher.launch(request);
    awaitEnd(ref);

    assertThat(launcher.status(ref)).as("the exit code, recorded by the wrapper's mv").isEqualTo(new ProcessStatus.Exited(4));
  }

  @Test
  void aJobKilledBySignalRecords128PlusTheSignal() throws Exception {
    var launcher = launcher(MpsProbe.never());
    var ref = launcher.launch(shell(dir, "self-kill", "kill -s KILL $$"));
    awaitEnd(ref);

    assertThat(launcher.status(ref)).isEqualTo(new ProcessStatus.Exited(137));
  }

  @Test
  void terminateStopsARunningJobWithSigterm() throws Exception {
    var launcher = launcher(MpsProbe.never());
    var ref = launcher.launch(Jobs.request(dir, "sleeper", List.of("sleep", "60"), Map.of(), List.of(), 1000, 0));
    assertThat(launcher.status(ref)).isEqualTo(new ProcessStatus.Running());

    launcher.terminate(ref, Duration.ofSeconds(10));
    awaitEnd(ref);

    assertThat(launcher.status(ref)).isEqualTo(new ProcessStatus.Exited(143));
  }

  @Test
  void aJobThatIgnoresSigtermIsKilledOnceTheGraceHasPassed() throws Exception {
    var launcher = launcher(MpsProbe.never());
    var request = shell(dir, "stubborn", "trap 'echo got-term' TERM; echo ready; while :; do sleep 1 & wait $!; done");
    var ref = launcher.launch(request);
    awaitTrue("the job to set its trap", () -> read(request.stdout()).contains("ready"));

    launcher.terminate(ref, Duration.ofSeconds(1));
    awaitEnd(ref);

    assertThat(read(request.stdout())).contains("got-term");
    assertThat(launcher.status(ref)).isEqualTo(new ProcessStatus.Exited(137));
  }

  @Test
  void terminateStopsTheWholeTreeEvenAGrandchildThatIgnoresSigterm() throws Exception {
    var launcher = launcher(MpsProbe.never());
    var request = shell(dir, "tree", "sh -c 'trap \"\" TERM; sleep 300' & echo $! > grandchild.pid; wait");
    var ref = launcher.launch(request);
    Path pidFile = dir.resolve("work").resolve("grandchild.pid");
    awaitTrue("the grandchild to start", () -> Files.exists(pidFile) && !read(pidFile).isBlank());
    long grandchild = Long.parseLong(read(pidFile).strip());
    assertThat(ProcessHandle.of(grandchild)).isPresent();

    launcher.terminate(ref, Duration.ofSeconds(1));
    awaitEnd(ref);
    awaitEnd(grandchild);

    assertThat(Jobs.isRunning(grandchild)).isFalse();
    assertThat(launcher.status(ref)).isEqualTo(new ProcessStatus.Exited(143));
  }

  @Test
  void terminatingAJobThatHasEndedChangesNothing() throws Exception {
    var launcher = launcher(MpsProbe.never());
    var ref = launcher.launch(shell(dir, "done", "exit 5"));
    awaitEnd(ref);

    launcher.terminate(ref, Duration.ZERO);

    assertThat(launcher.status(ref)).isEqualTo(new ProcessStatus.Exited(5));
  }

  @Test
  void aMissingProgramIsRefusedSayingSo() {
    var launcher = launcher(MpsProbe.never());
    LaunchRequest onPath = Jobs.request(dir, "missing", List.of("sluice-no-such-program", "x"), Map.of(), List.of(), 1000, 0);
    LaunchRequest byPath = Jobs.request(dir, "missing2", List.of("./nope.sh"), Map.of(), List.of(), 1000, 0);

    assertThatThrownBy(() -> launcher.launch(onPath)).isInstanceOf(LaunchException.class)
        .hasMessageStartingWith("job missing: program 'sluice-no-such-program' was not found on the PATH");
    assertThatThrownBy(() -> launcher.launch(byPath)).isInstanceOf(LaunchException.class)
        .hasMessage("job missing2: program './nope.sh' does not exist or is not executable");
  }

  @Test
  void aGpuThisHostDoesNotHaveIsRefused() {
    var launcher = launcher(MpsProbe.never());
    var absent = Jobs.request(dir, "gpu7", List.of("true"), Map.of(), List.of(1, 7), 1000, 0);
    var twice = Jobs.request(dir, "gpu1x2", List.of("true"), Map.of(), List.of(1, 1), 1000, 0);

    assertThatThrownBy(() -> launcher.launch(absent)).isInstanceOf(LaunchException.class)
        .hasMessage("job gpu7: GPU 7 is not on this host (its GPUs: [0, 1, 2, 3])");
    assertThatThrownBy(() -> launcher.launch(twice)).isInstanceOf(LaunchException.class)
        .hasMessage("job gpu1x2: GPU 1 is listed twice");
  }

  @Test
  void aWorkDirectoryThatCannotBeMadeIsRefusedSayingSo() throws Exception {
    Path aFile = Files.writeString(dir.resolve("a-file"), "");
    var request = new LaunchRequest("bad-dir", List.of("true"), Map.of(), List.of(), 1000, 0, aFile.resolve("work"),
        dir.resolve("o"), dir.resolve("e"));

    assertThatThrownBy(() -> launcher(MpsProbe.never()).launch(request)).isInstanceOf(LaunchException.class)
        .hasMessageStartingWith("job bad-dir: work directory " + aFile.resolve("work") + " cannot be created");
  }

  @Test
  void aStdoutFileThatCannotBeWrittenIsRefusedSayingSo() {
    var request = new LaunchRequest("bad-out", List.of("true"), Map.of(), List.of(), 1000, 0, dir,
        dir /* a directory, not a file */, dir.resolve("e"));

    assertThatThrownBy(() -> launcher(MpsProbe.never()).launch(request)).isInstanceOf(LaunchException.class)
        .hasMessageStartingWith("job bad-out: stdout file " + dir + " cannot be written");
  }

  @Test
  void theRefPointsAtTheWrapperWhoseStartTimeItRecords() throws Exception {
    var launcher = launcher(MpsProbe.never());
    ProcessRef ref = launcher.launch(Jobs.request(dir, "ref", List.of("sleep", "60"), Map.of(), List.of(), 1000, 0));
    try {
      var handle = ProcessHandle.of(ref.pid()).orElseThrow();
      assertThat(handle.info().startInstant()).hasValueSatisfying(start -> assertThat(start.toEpochMilli()).isEqualTo(ref.startedAt()));
      assertThat(Path.of(ref.runDir())).isEqualTo(dir.resolve("runs").resolve("ref").resolve("1"));
      awaitTrue("the job group to be recorded", () -> new RunDirectory(Path.of(ref.runDir())).jobGroup().isPresent());
    } finally {
      launcher.terminate(ref, Duration.ZERO);
      awaitEnd(ref);
    }
  }
}
