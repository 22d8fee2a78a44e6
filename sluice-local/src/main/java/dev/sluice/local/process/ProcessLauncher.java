package dev.sluice.local.process;

import dev.sluice.core.spi.DiscoveredGpu;
import dev.sluice.core.spi.GpuInventory;
import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.LaunchException;
import dev.sluice.core.spi.LaunchRequest;
import dev.sluice.core.spi.Launcher;
import dev.sluice.core.spi.ProcessRef;
import dev.sluice.core.spi.ProcessStatus;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs jobs as child processes of this host, each under a {@link JobWrapper} that records its exit code in the
 * run directory, so that a launcher created after a restart can follow (adopt) jobs an earlier one started:
 * nothing about a job is kept in memory. Each launch gets a run directory {@code runsRoot/<job id>/<n>}.
 *
 * <p>{@link #launch} returns once the job's process exists (the wrapper reports its pid, a few milliseconds).
 * {@link #terminate} sends SIGTERM to the job's process group (the job and all it started) and SIGKILL to that
 * group from a background thread once the grace period has passed, even if the job itself has ended by then, so
 * that children which ignore SIGTERM go too; the wrapper outlives both and records 143 or 137 (or the job's
 * own code if it handled SIGTERM). Once the job's process has ended, stopped or not, the wrapper SIGKILLs every
 * process the job left, even those that left its group and environment: it is their subreaper ({@link JobWrapper}).
 * A job whose wrapper was killed by someone else stays {@code Running} while a
 * process of its group lives (it still holds its devices), and is {@code Lost} once none does. {@link #status} never mistakes a
 * process that reuses a job's pid for the job: it compares start times.
 *
 * <p>Needs Linux with {@code /bin/sh} and util-linux's {@code setsid}, and native access for {@code kill(2)},
 * {@code prctl(2)} and {@code execve(2)} ({@code --enable-native-access=ALL-UNNAMED}); each launch starts a short-lived
 * JVM like this one ({@link ChildSubreaper}) that becomes the wrapper.
 */
public final class ProcessLauncher implements Launcher, AutoCloseable {
  /** Start times as the kernel reports them can be off by the boot-time clock's rounding between JVMs. */
  static final long START_TIME_TOLERANCE_MILLIS = 2_000;
  /** A {@link ProcessRef#startedAt()} of this value means the start time was not known: pids are trusted. */
  static final long UNKNOWN_START = 0;
  /** How long the wrapper may take to fork the job (it takes milliseconds). */
  static final Duration FORK_TIME_LIMIT = Duration.ofSeconds(10);
  private static final System.Logger LOG = System.getLogger(ProcessLauncher.class.getName());

  private final Path runsRoot;
  private final Map<Integer, Long> deviceMemoryMib;
  private final MpsProbe mps;
  private final Map<String, String> baseEnvironment;
  private final Optional<Path> setsid;
  private final Optional<Path> mv;
  private final Optional<Path> cat;
  private final Optional<Path> setpriv;
  private final boolean root = JobSandbox.runsAsRoot();
  private final JobSandbox sandbox;
  private final Signals signals = new Signals();
  private final ScheduledExecutorService escalations = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().name("sluice-kill-escalation").factory());

  /**
   * @param runsRoot where run directories are made (e.g. {@code ~/.sluice/runs}); must stay the same across
   *                 restarts for adoption, since {@link ProcessRef#runDir()} points into it
   * @param gpus     this host's GPUs: their memory sizes the MPS memory limit of a fractional job
   * @param mps      whether a CUDA MPS daemon runs; {@link MpsProbe#fromEnvironment} in production
   */
  public ProcessLauncher(Path runsRoot, GpuInventory gpus, MpsProbe mps) {
    this(runsRoot, gpus, mps, JobSandbox.none());
  }

  /** As {@link #ProcessLauncher(Path, GpuInventory, MpsProbe)}, each job run inside {@code sandbox}. */
  public ProcessLauncher(Path runsRoot, GpuInventory gpus, MpsProbe mps, JobSandbox sandbox) {
    this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    this.runsRoot = runsRoot.toAbsolutePath();
    this.deviceMemoryMib = gpus.gpus().stream()
        .collect(Collectors.toUnmodifiableMap(DiscoveredGpu::index, DiscoveredGpu::memoryMib));
    this.mps = Objects.requireNonNull(mps, "mps");
    this.baseEnvironment = Map.copyOf(System.getenv());
    this.setsid = ProgramLookup.find("setsid", ProgramLookup.withSystemDirectories(baseEnvironment.get("PATH")), Path.of("/"));
    this.mv = ProgramLookup.find("mv", ProgramLookup.withSystemDirectories(baseEnvironment.get("PATH")), Path.of("/"));
    this.cat = ProgramLookup.find("cat", ProgramLookup.withSystemDirectories(baseEnvironment.get("PATH")), Path.of("/"));
    this.setpriv = ProgramLookup.find("setpriv", ProgramLookup.withSystemDirectories(baseEnvironment.get("PATH")), Path.of("/"));
  }

  /** A launcher that looks for an MPS daemon where this process's environment says. */
  public static ProcessLauncher create(Path runsRoot, GpuInventory gpus) {
    return new ProcessLauncher(runsRoot, gpus, MpsProbe.fromEnvironment(System.getenv()));
  }

  /** A launcher that looks for an MPS daemon where this process's environment says and runs each job in {@code sandbox}. */
  public static ProcessLauncher createSandboxed(Path runsRoot, GpuInventory gpus, JobSandbox sandbox) {
    return new ProcessLauncher(runsRoot, gpus, MpsProbe.fromEnvironment(System.getenv()), sandbox);
  }

  /** How jobs are kept from Sluice and each other. */
  public JobSandbox sandbox() {
    return sandbox;
  }

  @Override
  public Optional<String> workDirRefusal(Path workDir) {
    return sandbox.workDirRefusal(workDir);
  }

  @Override
  public LaunchAttempt prepare(String jobId) throws LaunchException {
    checkOpen();
    RunDirectory run = createRun(jobId, "job " + jobId);
    return new LaunchAttempt(jobId, run.number(), run.path().toString());
  }

  @Override
  public ProcessRef launch(LaunchRequest request, LaunchAttempt attempt) throws LaunchException {
    checkOpen();
    String job = "job " + request.jobId();
    RunDirectory run = LaunchAttempts.prepared(runsRoot, request.jobId(), attempt);
    Path setsidProgram = setsid.orElseThrow(() ->
        new LaunchException(job + ": cannot start jobs: 'setsid' (util-linux) is not installed on this host"));
    Path mvProgram = mv.orElseThrow(() ->
        new LaunchException(job + ": cannot start jobs: 'mv' (coreutils) is not installed on this host"));
    LaunchChecks.gpus(request.gpuIndices(), deviceMemoryMib, job);
    sandbox.checkWorkDir(request.workDir(), job);
    Path workDir = LaunchChecks.workDir(request.workDir().toAbsolutePath(), job);
    LaunchChecks.outputFile(request.stdout(), "stdout", job);
    LaunchChecks.outputFile(request.stderr(), "stderr", job);
    Map<String, String> env = JobEnvironment.starting(request, baseEnvironment, mps.daemonRunning(),
        index -> Optional.ofNullable(deviceMemoryMib.get(index)).map(OptionalLong::of).orElse(OptionalLong.empty()));
    env.put(JobEnvironment.RUN_DIR, run.path().toString());
    LaunchChecks.program(request.command().getFirst(), JobEnvironment.requested(request).getOrDefault("PATH", env.get("PATH")), workDir, job);
    if (root && request.runAs() == null && sandbox.neverRoot() && sandbox.setpriv().isEmpty()) {
      throw new LaunchException(job + ": refusing to run a job as root: install 'setpriv' (util-linux) so jobs run as nobody");
    }
    Path catProgram = cat.orElseThrow(() ->
        new LaunchException(job + ": cannot start jobs: 'cat' (coreutils) is not installed on this host"));
    var jobCommand = JobWrapper.withRequestedVariables(catProgram, request.command());
    List<String> command = sandbox.wrap(jobCommand, workDir, job, account(request.runAs(), job));
    if (sandbox.isOn()) {
      Path setprivProgram = setpriv.orElseThrow(() ->
          new LaunchException(job + ": cannot start a sandboxed job: 'setpriv' (util-linux) is not installed on this host"));
      command = WrapperTie.tie(setprivProgram, run.path(), command);
    }
    try {
      run.writeRequestedVariables(JobEnvironment.asShell(JobEnvironment.requested(request)));
    } catch (IOException e) {
      throw new LaunchException(job + ": its variables cannot be written to " + run.path() + ": " + e.getMessage(), e);
    }
    ProcessBuilder builder = new ProcessBuilder(
        JobWrapper.command(setsidProgram, mvProgram, run, request.stdout(), request.stderr(), command))
        .directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.appendTo(request.stderr().toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new LaunchException(job + ": the process could not be started: " + e.getMessage(), e);
    }
    awaitJobForked(process, job);
    long startedAt = process.info().startInstant().map(Instant::toEpochMilli).orElse(UNKNOWN_START);
    return new ProcessRef(request.jobId(), process.pid(), startedAt, run.path().toString());
  }

  @Override
  public Optional<ProcessRef> find(LaunchAttempt attempt) {
    return LaunchAttempts.find(attempt);
  }

  /** Reads the job's pid, which the wrapper prints once it has forked the job; a watchdog bounds the wait. */
  private void awaitJobForked(Process wrapper, String job) throws LaunchException {
    ScheduledFuture<?> watchdog = escalations.schedule(wrapper::destroyForcibly, FORK_TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    String line;
    try (var reader = new BufferedReader(new InputStreamReader(wrapper.getInputStream(), StandardCharsets.US_ASCII))) {
      line = reader.readLine();
    } catch (IOException e) {
      line = null;
    } finally {
      watchdog.cancel(false);
    }
    if (line == null || !line.strip().matches("[0-9]+")) {
      wrapper.destroyForcibly();
      throw new LaunchException(job + ": the job wrapper (" + JobWrapper.SHELL + ") ended before starting the job"
          + " or took longer than " + FORK_TIME_LIMIT.toSeconds() + " s; see the job's stderr file");
    }
  }

  @Override
  public ProcessStatus status(ProcessRef process) {
    RunDirectory run = new RunDirectory(Path.of(process.runDir()));
    try {
      Optional<Integer> exitCode = run.exitCode();
      if (exitCode.isPresent()) return new ProcessStatus.Exited(exitCode.get());
      Optional<String> gone = goneReason(process);
      if (gone.isEmpty()) return new ProcessStatus.Running();
      // it may have ended, writing its code, between the two looks
      Optional<Integer> late = run.exitCode();
      if (late.isPresent()) return new ProcessStatus.Exited(late.get());
      // a wrapper killed by someone leaves the job itself running: it holds its devices until its group is gone
      OptionalLong group = run.jobGroup();
      if (group.isPresent() && ProcStat.hasLiveMember(group.getAsLong(), signals)) return new ProcessStatus.Running();
      return new ProcessStatus.Lost(gone.get());
    } catch (IllegalStateException e) {
      return new ProcessStatus.Lost(e.getMessage());
    }
  }

  @Override
  public void terminate(ProcessRef process, Duration grace) {
    if (grace.isNegative()) throw new IllegalArgumentException("grace must not be negative, was " + grace);
    checkOpen();
    RunDirectory run = new RunDirectory(Path.of(process.runDir()));
    try {
      if (run.exitCode().isPresent()) return;
      if (!signalJob(process, run, Signals.SIGTERM)) return;
    } catch (IllegalStateException e) {
      LOG.log(System.Logger.Level.WARNING, "could not stop job " + process.jobId(), e);
      return;
    }
    escalations.schedule(() -> escalate(process, run), grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How the job switches to the account it must run as; empty when it runs as the launcher's own. */
  private Optional<List<String>> account(String runAs, String job) throws LaunchException {
    if (runAs == null) return Optional.empty();
    if (!root) throw new LaunchException(job + ": cannot run it as '" + runAs + "': the control plane does not run as root");
    Path program = setpriv.orElseThrow(() ->
        new LaunchException(job + ": cannot run it as '" + runAs + "': 'setpriv' (util-linux) is not installed on this host"));
    return Optional.of(UnixAccount.find(runAs, job).switchTo(program));
  }

  @Override
  public int killUnrecorded(Set<String> recordedRunDirs) {
    checkOpen();
    try {
      var groups = new java.util.TreeSet<>(UnrecordedRuns.liveGroups(runsRoot, recordedRunDirs, signals));
      groups.addAll(UnrecordedRuns.strayGroups(runsRoot, recordedRunDirs));
      for (long group : groups) {
        LOG.log(System.Logger.Level.WARNING, "killing process group " + group + ": a job launched before a crash that"
            + " was never recorded");
        signals.toGroup(group, Signals.SIGKILL);
      }
      return groups.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look through " + runsRoot, e);
    }
  }

  /**
   * Stops launching and terminating (both then throw {@link IllegalStateException}); SIGKILLs already scheduled
   * still go out while this JVM lives. Jobs keep running: a later launcher can adopt them.
   */
  @Override
  public void close() {
    escalations.shutdown();
  }

  private void checkOpen() {
    if (escalations.isShutdown()) throw new IllegalStateException("this launcher has been closed");
  }

  private void escalate(ProcessRef process, RunDirectory run) {
    try {
      signalJob(process, run, Signals.SIGKILL);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not kill job " + process.jobId(), e);
    }
  }

  /**
   * Sends {@code signal} to the job's process group; false when nothing was left to receive it. A job whose
   * group is not yet known (a launch that never returned) is reached through its wrapper, which passes SIGTERM
   * on; a group not formed yet, through the job's own pid, which is still the job's while the wrapper lives
   * (it has not reaped it).
   */
  private boolean signalJob(ProcessRef process, RunDirectory run, int signal) {
    boolean wrapperAlive = goneReason(process).isEmpty();
    OptionalLong group = run.jobGroup();
    if (group.isEmpty()) return wrapperAlive && signals.toProcess(process.pid(), signal);
    if (signals.toGroup(group.getAsLong(), signal)) return true;
    return wrapperAlive && signals.toProcess(group.getAsLong(), signal);
  }

  /** Empty while the process is the job's wrapper and alive; else why not. */
  private static Optional<String> goneReason(ProcessRef process) {
    Optional<ProcessHandle> handle = ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive)
        .filter(alive -> !ProcStat.isZombie(alive.pid()));
    if (handle.isEmpty()) {
      return Optional.of("process " + process.pid() + " has gone without recording an exit code in " + process.runDir());
    }
    Optional<Instant> started = handle.get().info().startInstant();
    if (process.startedAt() == UNKNOWN_START || started.isEmpty()
        || Math.abs(started.get().toEpochMilli() - process.startedAt()) <= START_TIME_TOLERANCE_MILLIS) {
      return Optional.empty();
    }
    return Optional.of("process " + process.pid() + " has gone without recording an exit code; its pid now belongs to"
        + " a process started at " + started.get());
  }

  private RunDirectory createRun(String jobId, String job) throws LaunchException {
    try {
      return RunDirectory.createFor(runsRoot, jobId);
    } catch (IOException e) {
      throw new LaunchException(job + ": run directory under " + runsRoot + " cannot be created: " + e.getMessage(), e);
    }
  }
}
