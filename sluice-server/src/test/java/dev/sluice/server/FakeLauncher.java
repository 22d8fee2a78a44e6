package dev.sluice.server;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.LaunchException;
import dev.sluice.core.spi.LaunchRequest;
import dev.sluice.core.spi.Launcher;
import dev.sluice.core.spi.ProcessRef;
import dev.sluice.core.spi.ProcessStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A launcher that starts nothing: every launch is recorded and "runs" until the test ends it. Writes one
 * line to the job's stdout. A command whose program is {@code no-such-program} fails to launch, one whose program is
 * {@code verbose-failure} with a 5,000-character message.
 */
public final class FakeLauncher implements Launcher {
  private final AtomicLong nextPid = new AtomicLong(1000);
  private final List<LaunchRequest> launches = new ArrayList<>();
  private final Map<Long, ProcessStatus> statuses = new ConcurrentHashMap<>();
  private final Map<Long, Duration> terminated = new ConcurrentHashMap<>();
  private final Map<Long, Integer> terminations = new ConcurrentHashMap<>();
  private final Map<String, Long> pids = new ConcurrentHashMap<>();
  private final Map<Long, String> jobOfPid = new ConcurrentHashMap<>();
  private final java.util.Set<Long> broken = ConcurrentHashMap.newKeySet();
  private volatile boolean exitOnTerminate = true;
  private final java.util.Set<String> refused = ConcurrentHashMap.newKeySet();

  private final Map<String, ProcessRef> byRunDir = new ConcurrentHashMap<>();
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

  @Override
  public LaunchAttempt prepare(String jobId) {
    int number = attempts.merge(jobId, 1, Integer::sum);
    return new LaunchAttempt(jobId, number, "/fake/" + jobId + "/" + number);
  }

  private final Map<java.nio.file.Path, String> refusedWorkDirs = new ConcurrentHashMap<>();

  /** From now on, no job may work in {@code workDir}, for the reason {@code why}, as a sandbox refuses one. */
  public void refuseWorkDir(java.nio.file.Path workDir, String why) {
    refusedWorkDirs.put(workDir, why);
  }

  @Override
  public java.util.Optional<String> workDirRefusal(java.nio.file.Path workDir) {
    return java.util.Optional.ofNullable(refusedWorkDirs.get(workDir));
  }

  /** From now on, launching the job {@code jobId} fails. */
  public void refuse(String jobId) {
    refused.add(jobId);
  }

  /** The process launched for {@code attempt}, as a launcher after a restart finds it; empty if none was. */
  @Override
  public java.util.Optional<ProcessRef> find(LaunchAttempt attempt) {
    return java.util.Optional.ofNullable(byRunDir.get(attempt.runDir()));
  }

  @Override
  public synchronized ProcessRef launch(LaunchRequest request, LaunchAttempt attempt) throws LaunchException {
    if (request.command().getFirst().equals("no-such-program")) throw new LaunchException("no such program: no-such-program");
    if (request.command().getFirst().equals("verbose-failure")) throw new LaunchException("cannot start: " + "x".repeat(5000));
    if (refused.contains(request.jobId())) throw new LaunchException("refused by the test: " + request.jobId());
    try {
      Files.writeString(request.stdout(), "hello from " + request.jobId() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    launches.add(request);
    long pid = nextPid.getAndIncrement();
    statuses.put(pid, new ProcessStatus.Running());
    pids.put(request.jobId(), pid);
    jobOfPid.put(pid, request.jobId());
    var process = new ProcessRef(request.jobId(), pid, 1, attempt.runDir());
    byRunDir.put(attempt.runDir(), process);
    return process;
  }

  private final java.util.List<java.util.Set<String>> killUnrecordedCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public int killUnrecorded(java.util.Set<String> recordedRunDirs) {
    killUnrecordedCalls.add(java.util.Set.copyOf(recordedRunDirs));
    return 0;
  }

  /** The run directories each call of {@link #killUnrecorded} was told were recorded. */
  public java.util.List<java.util.Set<String>> killUnrecordedCalls() {
    return java.util.List.copyOf(killUnrecordedCalls);
  }

  /** From now on, asking how the job's process is doing fails (a broken launcher or store for that job alone). */
  public void breakStatusOf(String jobId) {
    broken.add(pidOf(jobId));
  }

  @Override
  public ProcessStatus status(ProcessRef process) {
    if (broken.contains(process.pid())) throw new IllegalStateException("cannot read the status of pid " + process.pid());
    return statuses.getOrDefault(process.pid(), new ProcessStatus.Lost("unknown to this launcher"));
  }

  @Override
  public void terminate(ProcessRef process, Duration grace) {
    terminated.put(process.pid(), grace);
    terminations.merge(process.pid(), 1, Integer::sum);
    if (exitOnTerminate) statuses.computeIfPresent(process.pid(), (pid, status) -> new ProcessStatus.Exited(143));
  }

  /**
   * By default a terminated process exits at once (SIGTERM handled); with {@code false} it keeps running, as
   * one that uses its grace period, until the test ends it with {@link #exit}.
   */
  public void exitOnTerminate(boolean exit) {
    exitOnTerminate = exit;
  }

  /** How often the process of {@code jobId}'s latest launch was asked to terminate. */
  public int terminations(String jobId) {
    return terminations.getOrDefault(pidOf(jobId), 0);
  }

  /** The grace period the process of {@code jobId}'s latest launch was terminated with, or null. */
  public Duration terminatedWith(String jobId) {
    return terminated.get(pidOf(jobId));
  }

  /** Makes the process of {@code jobId} exit with {@code code}. */
  public synchronized void exit(String jobId, int code) {
    statuses.put(pidOf(jobId), new ProcessStatus.Exited(code));
  }

  /** Makes the process of {@code jobId} vanish without an exit code. */
  public synchronized void lose(String jobId) {
    statuses.put(pidOf(jobId), new ProcessStatus.Lost("vanished"));
  }

  public synchronized List<LaunchRequest> launches() {
    return List.copyOf(launches);
  }

  public synchronized long launchesOf(String jobId) {
    return launches.stream().filter(l -> l.jobId().equals(jobId)).count();
  }

  /** How many processes of {@code jobId} run now (launched, not exited, lost or terminated for good). */
  public long runningProcessesOf(String jobId) {
    return statuses.entrySet().stream()
        .filter(e -> jobId.equals(jobOfPid.get(e.getKey())) && e.getValue() instanceof ProcessStatus.Running).count();
  }

  public boolean wasTerminated(String jobId) {
    return terminated.containsKey(pidOf(jobId));
  }

  private long pidOf(String jobId) {
    var pid = pids.get(jobId);
    if (pid == null) throw new IllegalArgumentException("never launched: " + jobId);
    return pid;
  }
}
