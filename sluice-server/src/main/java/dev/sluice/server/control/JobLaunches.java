package dev.sluice.server.control;

import dev.sluice.core.spi.LaunchAttempt;
import dev.sluice.core.spi.LaunchException;
import dev.sluice.core.spi.LaunchRequest;
import dev.sluice.core.spi.Launcher;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.Placement;
import dev.sluice.server.store.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * Starts a job the scheduler placed: its attempt reserved (number, run directory), then the job RUNNING in the
 * store with that attempt, then its process, then the process recorded; a process that cannot start fails the job
 * with {@code launch-failed}. A crash before the process is recorded leaves the attempt for the restart to look
 * at ({@link Adoption}).
 */
final class JobLaunches {
  private static final System.Logger LOG = System.getLogger(JobLaunches.class.getName());
  private final JobStore jobs;
  private final Host host;
  private final Launcher launcher;
  private final InstantSource clock;
  private final Path jobsDir;
  private final UnixAccounts accounts;
  private final CrashWindows crashes;

  JobLaunches(JobStore jobs, Host host, Launcher launcher, InstantSource clock, Path jobsDir, UnixAccounts accounts,
              CrashWindows crashes) {
    this.accounts = accounts;
    this.crashes = crashes;
    this.jobs = jobs;
    this.host = host;
    this.launcher = launcher;
    this.clock = clock;
    this.jobsDir = jobsDir;
  }

  /** Starts the job as {@code start} says; whether its process started (a job that cannot start has failed alone). */
  boolean launch(JobDecision.Start start) {
    var job = jobs.find(start.job().seq()).orElse(start.job()); // the scheduler saw it without its command
    var devices = start.gpuPositions().stream().map(host::deviceIndex).toList();
    boolean simulated = start.gpuPositions().stream().anyMatch(p -> host.gpus().get(p).simulated());
    LaunchAttempt attempt;
    try {
      attempt = launcher.prepare(job.id());
    } catch (LaunchException | RuntimeException e) {
      failAlone(job, JobState.PENDING, e);
      return false;
    }
    if (!jobs.start(job.seq(), new Placement(start.node(), devices, simulated), clock.instant(), attempt)) return false;
    crashes.reached(CrashWindows.Window.LAUNCH_RECORDED, job.id(), attempt.number());
    try {
      var dir = Files.createDirectories(jobDir(job.id()));
      var request = new LaunchRequest(job.id(), job.command(), job.env(), devices, job.request().gpuMilli(),
          gpuMemory(job), Path.of(job.workDir()), dir.resolve("stdout.log"), dir.resolve("stderr.log"),
          accounts.of(job.user()));
      var process = launcher.launch(request, attempt);
      crashes.reached(CrashWindows.Window.LAUNCH_STARTED, job.id(), attempt.number());
      try {
        jobs.recordProcess(job.seq(), process);
      } catch (RuntimeException e) {
        // a process the store does not know of would run untracked on GPUs handed out again: stop it first
        launcher.terminate(process, java.time.Duration.ZERO);
        throw e;
      }
      return true;
    } catch (LaunchException | IOException | RuntimeException e) {
      // a job that cannot start fails alone; the rest of the cycle's decisions still go ahead
      failAlone(job, JobState.RUNNING, e);
      return false;
    }
  }

  private void failAlone(Job job, JobState from, Exception launchError) {
    var reason = new Reason("launch-failed", String.valueOf(launchError.getMessage()));
    try {
      jobs.finish(job.seq(), from, JobState.FAILED, reason, null, clock.instant());
    } catch (RuntimeException e) {
      // not even its failure could be recorded: it stays RUNNING without a process until the next start marks
      // it lost; the other jobs of this cycle still start
      e.addSuppressed(launchError);
      LOG.log(System.Logger.Level.ERROR, "job " + job.id() + ": could not record that it failed to launch", e);
    }
  }

  /** The GPU memory cap of a fraction: as asked, else its share of the device. */
  private long gpuMemory(Job job) {
    var r = job.request();
    if (r.gpuMemoryMib() > 0) return r.gpuMemoryMib();
    if (r.gpus() == 1 && r.gpuMilli() < 1000) return r.gpuMilli() * host.gpuMemoryMib() / 1000;
    return 0;
  }

  Path jobDir(String jobId) {
    return jobsDir.resolve(jobId);
  }
}
