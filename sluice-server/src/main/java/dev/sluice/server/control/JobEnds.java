package dev.sluice.server.control;

import dev.sluice.core.spi.Launcher;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.Reason;
import java.time.Instant;
import java.time.InstantSource;

/**
 * How running jobs end, as the control loop records it: by their own exit, lost with their wrapper, past their
 * walltime, or cancelled; and how one is stopped to be requeued (evicted). An end is recorded before the job's process is told to stop, and the process holds its
 * resources until it has exited ({@link StoppingProcesses}).
 */
final class JobEnds {
  private static final System.Logger LOG = System.getLogger(JobEnds.class.getName());
  private final JobStore jobs;
  private final Launcher launcher;
  private final StoppingProcesses stopping;
  private final InstantSource clock;
  private final CrashWindows crashes;

  JobEnds(JobStore jobs, Launcher launcher, StoppingProcesses stopping, InstantSource clock, CrashWindows crashes) {
    this.jobs = jobs;
    this.launcher = launcher;
    this.stopping = stopping;
    this.clock = clock;
    this.crashes = crashes;
  }

  /**
   * Records the jobs whose process ended, and ends those past their walltime (FAILED, reason {@code walltime});
   * says whether there were any.
   */
  boolean recordExits() {
    var now = clock.instant();
    boolean any = false;
    for (var job : jobs.inState(JobState.RUNNING)) {
      try {
        if (job.process() != null && recordIfEnded(job)) any = true;
        else if (pastWalltime(job, now)) any |= end(job, JobState.FAILED, walltimeReason(job), now);
      } catch (RuntimeException e) { // that job is looked at again next cycle; the others go on now
        LOG.log(System.Logger.Level.ERROR, "job " + job.id() + ": cannot record how its process is doing", e);
      }
    }
    any |= stopping.forgetExited();
    return any;
  }

  private static boolean pastWalltime(Job job, Instant now) {
    long walltime = job.runtimes().walltimeSeconds();
    return walltime > 0 && job.startedAt() != null && !job.startedAt().plusSeconds(walltime).isAfter(now);
  }

  private static Reason walltimeReason(Job job) {
    return new Reason("walltime", "ran past its walltime of " + job.runtimes().walltimeSeconds() + " s and was stopped");
  }

  /**
   * Records how a running job ended if its process has: checked again right before stopping a job, so that
   * one that has just finished is neither requeued (and run twice) nor called cancelled.
   */
  boolean recordIfEnded(Job job) {
    if (job.process() == null) return false;
    switch (launcher.status(job.process())) {
      case ProcessStatus.Running running -> {
        return false;
      }
      case ProcessStatus.Exited exited -> {
        var code = exited.exitCode();
        var state = code == 0 ? JobState.SUCCEEDED : JobState.FAILED;
        var reason = code > 128 ? new Reason("killed", "killed by signal " + (code - 128))
            : new Reason("exited", "exited with code " + code);
        jobs.finish(job.seq(), JobState.RUNNING, state, reason, code, clock.instant());
      }
      case ProcessStatus.Lost lost -> {
        stopping.terminate(job); // its wrapper is gone, but the job's own process group may still run
        jobs.finish(job.seq(), JobState.RUNNING, JobState.FAILED, new Reason("lost", lost.reason()), null,
            clock.instant());
      }
    }
    return true;
  }

  /**
   * Ends a running job for good (cancelled, or past its walltime): records the end, then terminates its process,
   * which holds its resources until it has exited. Whether it was still running to end.
   */
  boolean end(Job running, JobState state, Reason reason, Instant now) {
    if (!jobs.finish(running.seq(), JobState.RUNNING, state, reason, null, now)) return false;
    stopRecorded(running);
    stopping.terminate(running);
    stopping.watch(running);
    return true;
  }

  /**
   * Stops a running job to make room: puts it back to PENDING with {@code reason}, then terminates its process with
   * the grace period (in this order, so that a crash in between leaves a pending job whose process a restart stops
   * and waits for, never a running job recorded as failed by the signal); its process holds its resources until it
   * has exited. Whether it was still running to requeue.
   */
  boolean requeue(Job running, Reason reason) {
    if (!jobs.requeue(running.seq(), reason, clock.instant())) return false;
    stopRecorded(running);
    stopping.terminate(running);
    stopping.watch(running);
    return true;
  }

  private void stopRecorded(Job job) {
    crashes.reached(CrashWindows.Window.STOP_RECORDED, job.id(), job.attempt() == null ? 0 : job.attempt().number());
  }
}
