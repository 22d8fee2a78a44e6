package dev.sluice.local.process;

import static dev.sluice.local.process.Jobs.awaitEnd;
import static dev.sluice.local.process.Jobs.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.core.spi.LaunchException;
import dev.sluice.core.spi.LaunchRequest;
import dev.sluice.core.spi.ProcessRef;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.local.gpu.SimulatedGpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of a member's job on Sluice and on other jobs, tried from inside a job run in a sandbox, each of
 * which must fail: reading {@code admin.token}, the database and another job's output, listing the run directories,
 * signalling another job's process group or the control plane, reading the control plane's command line,
 * unmounting what hides the data directory (which root could: a job of a root control plane runs as nobody), also
 * from a user namespace of its own, meeting another job in {@code /tmp}, writing outside its work directory, and
 * leaving a process behind. Run once per {@link SandboxMode} that makes one ({@link BubblewrapSandboxIT},
 * {@link NamespacesSandboxIT}); skipped where the mode cannot work here.
 */
abstract class SandboxContract {
  private static final String ATTACKS = """
      try() { if sh -c "$2" >/dev/null 2>&1; then echo "$1: succeeded"; else echo "$1: failed"; fi; }
      try read-admin-token 'cat "$DATA/admin.token"'
      try unmount-what-hides-the-data 'umount "$DATA"; cat "$DATA/admin.token"'
      try unmount-from-a-user-namespace 'unshare -Urm sh -c "umount \"$DATA\"; cat \"$DATA/admin.token\""'
      try read-database 'cat "$DATA/sluice.mv.db"'
      try read-other-log 'cat "$DATA/jobs/j-victim/stdout.log"'
      try list-run-directories 'ls "$DATA/runs" | grep -q .'
      try signal-other-job 'kill -s 0 -- "-$VICTIM_GROUP"'
      try signal-control-plane 'kill -s 0 "$CONTROL_PLANE"'
      try read-control-plane-cmdline 'cat "/proc/$CONTROL_PLANE/cmdline"'
      try meet-other-job-in-tmp 'cat /tmp/sluice-victim'
      try write-own-work-dir 'echo mine > own-file'
      """;

  @TempDir
  Path dir;
  private Path data;
  private JobSandbox sandbox;
  private ProcessLauncher launcher;

  /** The sandbox under test. */
  abstract SandboxMode mode();

  /** Whether a host where the mode cannot work fails the test under {@code CI=true} rather than skip it. */
  abstract boolean requiredInCi();

  @BeforeEach
  void sandboxedLauncher() throws Exception {
    data = Files.createDirectories(dir.resolve("data"));
    var sandbox = JobSandbox.choose(mode(), System.getenv("PATH"), List.of(data));
    var missing = mode().label() + " does not work here: " + mode().needs();
    if (sandbox.isEmpty() && requiredInCi() && "true".equals(System.getenv("CI"))) fail(missing);
    assumeTrue(sandbox.isPresent(), missing);
    this.sandbox = sandbox.get();
    assertThat(this.sandbox.mode()).isEqualTo(mode());
    Files.writeString(data.resolve("admin.token"), "slc_secret\n");
    Files.writeString(data.resolve("sluice.mv.db"), "database\n");
    Files.createDirectories(data.resolve("jobs/j-victim"));
    Files.writeString(data.resolve("jobs/j-victim/stdout.log"), "victim's output\n");
    launcher = launcher();
  }

  private ProcessLauncher launcher() {
    return new ProcessLauncher(data.resolve("runs"), SimulatedGpus.parse("1xH100-80GB"), MpsProbe.never(), sandbox);
  }

  @AfterEach
  void close() {
    if (launcher != null) launcher.close();
  }

  /** A job working in {@code dir/work-ID}, which the job may use even when it runs as nobody. */
  private LaunchRequest job(String id, List<String> command, Map<String, String> env) throws Exception {
    var output = Files.createDirectories(data.resolve("jobs").resolve(id));
    var work = Files.createDirectories(dir.resolve("work-" + id));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    return new LaunchRequest(id, command, env, List.of(), 1000, 0, work, output.resolve("stdout.log"), output.resolve("stderr.log"));
  }

  /**
   * Waits until job {@code id} has written {@code ready} in its work directory: it runs. A stop sent in the few
   * milliseconds before the namespaces' first process has its handler is noticed only at the grace period's end.
   */
  private void awaitReady(String id) throws InterruptedException {
    awaitTrue(id + " to run", () -> Files.exists(dir.resolve("work-" + id).resolve("ready")));
  }

  @Test
  void everyAttackFromInsideAJobFails() throws Exception {
    var victim = launcher.launch(job("j-victim", List.of("/bin/sh", "-c", "echo hi > /tmp/sluice-victim; echo > ready; exec sleep 60"), Map.of()));
    awaitReady("j-victim");
    var victimGroup = Files.readString(Path.of(victim.runDir(), RunDirectory.JOB_GROUP)).strip();
    var env = Map.of("DATA", data.toString(), "VICTIM_GROUP", victimGroup,
        "CONTROL_PLANE", Long.toString(ProcessHandle.current().pid()));
    var attacker = launcher.launch(job("j-attacker", List.of("/bin/sh", "-c", ATTACKS), env));
    awaitEnd(attacker);

    var report = Files.readString(data.resolve("jobs/j-attacker/stdout.log"));
    assertThat(report.lines()).containsExactly("read-admin-token: failed", "unmount-what-hides-the-data: failed",
        "unmount-from-a-user-namespace: failed", "read-database: failed",
        "read-other-log: failed", "list-run-directories: failed", "signal-other-job: failed",
        "signal-control-plane: failed", "read-control-plane-cmdline: failed", "meet-other-job-in-tmp: failed",
        "write-own-work-dir: succeeded");
    assertThat(launcher.status(attacker)).isEqualTo(new ProcessStatus.Exited(0));
    assertThat(launcher.status(victim)).isEqualTo(new ProcessStatus.Running());
    assertThat(dir.resolve("work-j-attacker/own-file")).hasContent("mine");
  }

  @Test
  void theRequestsVariablesReachTheJobInsideTheSandboxAfterItGaveUpItsPrivileges() throws Exception {
    var job = launcher.launch(job("j-vars", List.of("/bin/sh", "-c", "printf '%s:%s' \"$GREETING\" \"$(id -u)\""),
        Map.of("GREETING", "it's here")));
    awaitEnd(job);
    String uid = JobSandbox.runsAsRoot() ? "65534" : Long.toString(new com.sun.security.auth.module.UnixSystem().getUid());
    assertThat(Files.readString(data.resolve("jobs/j-vars/stdout.log"))).isEqualTo("it's here:" + uid);
  }

  @Test
  void aJobWritesOnlyInItsWorkDirectoryAndAPrivateTmp() throws Exception {
    var outside = Files.createDirectories(dir.resolve("open-to-all"));
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxrwxrwx"));
    String probe = "sluice-sandbox-probe-" + ProcessHandle.current().pid();
    var job = launcher.launch(job("j-writer", List.of("/bin/sh", "-c",
        "echo x > \"$OUTSIDE/f\" 2>/dev/null && echo outside-written; echo x > /tmp/" + probe + " && echo tmp-written; echo x > own && echo own-written"),
        Map.of("OUTSIDE", outside.toString())));
    awaitEnd(job);
    assertThat(Files.readString(data.resolve("jobs/j-writer/stdout.log")).lines()).containsExactly("tmp-written", "own-written");
    assertThat(outside.resolve("f")).doesNotExist();
    assertThat(Path.of("/tmp", probe)).as("its /tmp is its own").doesNotExist();
  }

  @Test
  void aSandboxedJobIsStoppedWithItsWholeGroup() throws Exception {
    var job = launcher.launch(job("j-tree", List.of("/bin/sh", "-c", "echo > ready; sleep 60 & sleep 60 & wait"), Map.of()));
    awaitReady("j-tree");
    launcher.terminate(job, Duration.ofSeconds(5));
    awaitEnd(job);
    assertThat(launcher.status(job)).isEqualTo(new ProcessStatus.Exited(143));
    var group = Long.parseLong(Files.readString(Path.of(job.runDir(), RunDirectory.JOB_GROUP)).strip());
    awaitTrue("no process left in group " + group, () -> ProcessHandle.allProcesses()
        .noneMatch(p -> ProcStat.processGroup(p.pid()) == group && !ProcStat.isZombie(p.pid())));
  }

  @Test
  void aProcessThatLeftTheJobsGroupAndEnvironmentEndsWhenTheSandboxedJobIsStopped() throws Exception {
    var escapee = new Escapee();
    try {
      var job = launcher.launch(job("j-escape", List.of("/bin/sh", "-c", escapee.start() + "exec sleep 300"), Map.of()));
      escapee.awaitEscaped(EscapeIT.group(job));
      launcher.terminate(job, Duration.ofSeconds(10));
      EscapeIT.awaitStatus(launcher, job, new ProcessStatus.Exited(143));
      escapee.awaitGone();
    } finally {
      escapee.kill();
    }
  }

  @Test
  void aJobsOwnExitCodeAndTheSignalThatKilledItAreRecorded() throws Exception {
    var exited = launcher.launch(job("j-exit", List.of("/bin/sh", "-c", "exit 7"), Map.of()));
    var killed = launcher.launch(job("j-killed", List.of("/bin/sh", "-c", "kill -s KILL $$"), Map.of()));
    awaitEnd(exited);
    awaitEnd(killed);
    assertThat(launcher.status(exited)).isEqualTo(new ProcessStatus.Exited(7));
    assertThat(launcher.status(killed)).isEqualTo(new ProcessStatus.Exited(137));
  }

  @Test
  void aProcessThatForksAndExitsInATightLoopEndsWithTheJob() throws Exception {
    var hopper = new Hopper();
    try {
      var request = job("j-hop", List.of("/bin/sh", "-c", hopper.start() + "while [ ! -e done ]; do sleep 0.1; done"), Map.of());
      hopper.writeInto(request.workDir());
      var job = launcher.launch(request);
      hopper.awaitHopping();
      Files.createFile(request.workDir().resolve("done"));
      EscapeIT.awaitStatus(launcher, job, new ProcessStatus.Exited(0));
      hopper.awaitGoneForGood();
    } finally {
      hopper.kill();
    }
  }

  @Test
  void aSandboxedJobEndsWithItsWrapper() throws Exception {
    var job = launcher.launch(job("j-orphaned", List.of("sleep", "300"), Map.of()));
    long group = EscapeIT.group(job);
    ProcessHandle.of(job.pid()).orElseThrow().destroyForcibly();
    awaitTrue("no process left in group " + group, () -> ProcessHandle.allProcesses()
        .noneMatch(p -> ProcStat.processGroup(p.pid()) == group && !ProcStat.isZombie(p.pid())));
  }

  @Test
  void aLauncherMadeAfterARestartFollowsAndStopsASandboxedJob() throws Exception {
    var job = launcher.launch(job("j-adopted", List.of("/bin/sh", "-c", "echo > ready; exec sleep 60"), Map.of()));
    awaitReady("j-adopted");
    launcher.close();
    try (var restarted = launcher()) {
      assertThat(restarted.status(job)).isEqualTo(new ProcessStatus.Running());
      restarted.terminate(job, Duration.ofSeconds(10));
      EscapeIT.awaitStatus(restarted, job, new ProcessStatus.Exited(143));
    }
  }

  @Test
  void aWorkDirectoryInsideTheHiddenDataIsRefused() throws Exception {
    var request = new LaunchRequest("j-inside", List.of("true"), Map.of(), List.of(), 1000, 0,
        Files.createDirectories(data.resolve("work")), dir.resolve("o"), dir.resolve("e"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> launcher.launch(request)).isInstanceOf(LaunchException.class)
        .hasMessageContaining("is inside " + data + ", which jobs cannot see");
  }

  @Test
  void aRefusedWorkDirectoryIsNotCreatedEvenThroughALink() throws Exception {
    var link = Files.createSymbolicLink(dir.resolve("to-data"), data);
    var request = new LaunchRequest("j-link", List.of("true"), Map.of(), List.of(), 1000, 0, link.resolve("new-dir"), dir.resolve("o"),
        dir.resolve("e"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> launcher.launch(request)).isInstanceOf(LaunchException.class)
        .hasMessageContaining("which jobs cannot see");
    org.assertj.core.api.Assertions.assertThat(data.resolve("new-dir")).doesNotExist();
  }

  /**
   * A hidden directory that does not exist when a job starts, made while it runs, is hidden from it too: the
   * sandbox makes it (owner-only) before the job starts and hides it. ~/.sluice is such a directory: a running job
   * must not read the CLI's token written there later (a non-root server's job runs as that same user, so only the
   * hiding stands in its way).
   */
  @Test
  void aHiddenDirectoryMadeWhileAJobRunsIsHiddenFromItToo() throws Exception {
    // outside /tmp, which the sandbox replaces with a private one anyway
    var base = outsideTmp();
    var late = base.resolve("home/.sluice");
    var sandbox = JobSandbox.choose(mode(), System.getenv("PATH"), List.of(data, late)).orElseThrow();
    try (var launcher = new ProcessLauncher(data.resolve("runs"), SimulatedGpus.parse("1xH100-80GB"), MpsProbe.never(), sandbox)) {
      var job = launcher.launch(job("j-late", List.of("/bin/sh", "-c",
          "echo > ready; while [ ! -e go ]; do sleep 0.05; done; cat \"$LATE/token\" && echo read-it"), Map.of("LATE", late.toString())));
      awaitReady("j-late");
      Files.setPosixFilePermissions(Files.createDirectories(base.resolve("home")), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createDirectories(late);
      Files.writeString(late.resolve("token"), "slc_cli_token\n");
      Files.createFile(dir.resolve("work-j-late/go"));
      awaitEnd(job);
      assertThat(Files.readString(data.resolve("jobs/j-late/stdout.log"))).doesNotContain("slc_cli_token");
    } finally {
      deleteTree(base);
    }
  }

  /**
   * The work directory is the member's to choose, and the sandbox makes it writable whole: given "/" a job would
   * write everywhere its user may (another job's work directory; a non-root server's ~/.bashrc or jar), and with
   * bubblewrap, "--bind / /" after "--proc /proc" brought back the host's /proc. The launcher refuses such a work
   * directory ({@link WorkDirectoryRule}); and both sandboxes mount /proc, /dev, /tmp and the hidden directories
   * after the work directory, so that even a layout given the root (bypassing the rule) keeps the job's /proc its
   * own and the data directory hidden.
   */
  @Test
  void aJobGivenTheRootAsItsWorkDirectoryStillWritesOnlyThereAndSeesOnlyItsOwnProcesses() throws Exception {
    var base = outsideTmp(); // outside /tmp, which the sandbox replaces with a private one anyway
    var other = Files.createDirectories(base.resolve("work-j-other"));
    Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rwxrwxrwx"));
    var output = Files.createDirectories(data.resolve("jobs/j-root"));
    var env = Map.of("OTHER", other.toString(), "CONTROL_PLANE", Long.toString(ProcessHandle.current().pid()));
    var request = new LaunchRequest("j-root", List.of("/bin/sh", "-c",
        "echo planted > \"$OTHER/run.sh\" && echo wrote-other-jobs-dir;"
            + " grep -q . /proc/$CONTROL_PLANE/cmdline && echo read-control-plane-cmdline; echo done"),
        env, List.of(), 1000, 0, Path.of("/"), output.resolve("stdout.log"), output.resolve("stderr.log"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> launcher.launch(request)).isInstanceOf(LaunchException.class)
          .hasMessage("job j-root: work directory / is the root: a job may write only in its own directory");
      assertThat(other.resolve("run.sh")).doesNotExist();

      var layout = new SandboxLayout(Path.of("/"), List.of(data));
      var drop = sandbox.setpriv().map(setpriv -> UnixAccount.nobody().switchTo(setpriv));
      var command = sandbox.isolation().orElseThrow().confine(layout, drop, List.of("/bin/sh", "-c",
          "grep -q . /proc/$CONTROL_PLANE/cmdline && echo read-control-plane-cmdline;"
              + " cat \"$DATA/admin.token\" && echo read-admin-token; echo done"));
      var process = new ProcessBuilder(command).redirectErrorStream(true);
      process.environment().putAll(Map.of("CONTROL_PLANE", Long.toString(ProcessHandle.current().pid()), "DATA", data.toString()));
      var started = process.start();
      var report = new String(started.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(started.waitFor(Jobs.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(report.lines().filter(line -> !line.contains("No such file") && !line.contains("ermission denied")))
          .as(report).containsExactly("done");
    } finally {
      deleteTree(base);
    }
  }

  /**
   * Sluice's own checkout (what {@code ./sluice} runs and rebuilds, outside the sandbox) stays read-only to a job whose
   * work directory is it or holds it, even where the job's account may write it (found by a review: a job working in
   * the checkout, the default when {@code ./sluice up} runs there, could plant code in its scripts); the rest of a
   * work directory that holds it stays writable.
   */
  @Test
  void sluicesCheckoutStaysReadOnlyInAWorkDirectoryThatIsOrHoldsIt() throws Exception {
    var base = outsideTmp();
    var checkout = Files.createDirectories(base.resolve("sluice/scripts")).getParent();
    var script = Files.writeString(checkout.resolve("scripts/find-jdk25"), "original\n");
    for (var path : List.of(base, checkout, checkout.resolve("scripts"))) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-rw-rw-"));
    try {
      for (var work : List.of(checkout, base)) {
        var layout = new SandboxLayout(work, List.of(data), List.of(checkout));
        var drop = sandbox.setpriv().map(setpriv -> UnixAccount.nobody().switchTo(setpriv));
        var command = sandbox.isolation().orElseThrow().confine(layout, drop, List.of("/bin/sh", "-c",
            "echo planted > \"$CHECKOUT/scripts/find-jdk25\" && echo wrote-script;"
                + " echo new > \"$CHECKOUT/new-file\" && echo wrote-in-checkout;"
                + " [ \"$WORK\" = \"$CHECKOUT\" ] || { echo mine > \"$WORK/own-file\" && echo wrote-own; }; echo done"));
        var process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().putAll(Map.of("CHECKOUT", checkout.toString(), "WORK", work.toString()));
        var started = process.start();
        var report = new String(started.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(started.waitFor(Jobs.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        var expected = work.equals(checkout) ? List.of("done") : List.of("wrote-own", "done");
        assertThat(report.lines().filter(line -> !line.contains("Read-only file system"))).as(report)
            .containsExactlyElementsOf(expected);
        assertThat(script).hasContent("original");
        assertThat(checkout.resolve("new-file")).doesNotExist();
      }
    } finally {
      deleteTree(base);
    }
  }

  /**
   * The default work directory is the one {@code sluice up} ran in, which holds the data directory: the sandbox
   * mounts the hidden directories after the work directory, so they stay hidden there.
   */
  @Test
  void aWorkDirectoryThatHoldsTheDataDirectoryStillFindsItHidden() throws Exception {
    var output = Files.createDirectories(data.resolve("jobs/j-holder"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    var request = new LaunchRequest("j-holder", List.of("/bin/sh", "-c",
        "cat data/admin.token && echo read-admin-token; ls data | grep -q . && echo listed-data; echo done"),
        Map.of(), List.of(), 1000, 0, dir, output.resolve("stdout.log"), output.resolve("stderr.log"));
    awaitEnd(launcher.launch(request));
    assertThat(Files.readString(output.resolve("stdout.log")).lines()).containsExactly("done");
  }

  /** System V IPC and POSIX message queues are not shared between jobs, nor with the control plane. */
  @Test
  void aJobHasAnIpcNamespaceOfItsOwn() throws Exception {
    var job = launcher.launch(job("j-ipc", List.of("/bin/sh", "-c", "readlink /proc/self/ns/ipc"), Map.of()));
    awaitEnd(job);
    var controlPlanes = Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
    assertThat(Files.readString(data.resolve("jobs/j-ipc/stdout.log")).strip()).startsWith("ipc:[").isNotEqualTo(controlPlanes);
  }

  /** A directory under /var/tmp that nobody may pass through, for what must lie outside the sandbox's private /tmp. */
  private static Path outsideTmp() throws Exception {
    var base = Files.createTempDirectory(Path.of("/var/tmp"), "sluice-review-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
    return base;
  }

  private static void deleteTree(Path root) throws Exception {
    try (var walk = Files.walk(root)) {
      for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /**
   * Two ordinary hosts where namespaces' SETUP once stopped (exit 32, "mount point does not exist"), so that no job
   * started and auto fell back to none: a mount inside the data directory (runs on a disk of their own), which the
   * hidden tmpfs covers, and a mount covered by a later one. SETUP now remounts only the mounts a path reaches.
   */
  @Test
  void theSandboxWorksWithAMountInsideTheDataDirectoryAndACoveredMount() throws Exception {
    assumeTrue(JobSandbox.runsAsRoot(), "making the host's own mounts for this test needs root");
    var work = Files.createDirectories(dir.resolve("work-j-mounts"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.createDirectories(data.resolve("runs"));
    Files.createDirectories(dir.resolve("shadow"));
    var command = new java.util.ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
        "mount -t tmpfs runs-disk \"$1\" && mount -t tmpfs lower \"$2\" && mkdir \"$2/inner\""
            + " && mount -t tmpfs inner \"$2/inner\" && mount -t tmpfs upper \"$2\" && shift 2 && exec \"$@\"",
        "host", data.resolve("runs").toString(), dir.resolve("shadow").toString()));
    command.addAll(sandbox.wrap(List.of("/bin/sh", "-c", "echo job-ran"), work, "job j-mounts", java.util.Optional.empty()));
    var process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(Jobs.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(output).as("exit %d", process.exitValue()).isEqualTo("job-ran\n");
  }
}
