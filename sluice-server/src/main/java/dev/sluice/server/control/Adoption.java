package dev.sluice.server.control;

import dev.sluice.core.spi.Launcher;
import dev.sluice.core.spi.ProcessRef;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.Reason;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a start does about the jobs an earlier control plane left: kills what runs in a run directory no job has
 * recorded (neither as its process nor as its latest attempt); adopts the running jobs whose attempt was recorded
 * but not its process (the crash came between the launch and its record) when the launcher finds the attempt
 * started, and puts them back to PENDING when nothing of it started (the crash came before the launch), so that
 * they run once; marks lost a running job with neither (recorded by a version before attempts); and stops again
 * the requeued or cancelled jobs whose process still runs (SIGTERM, a fresh SIGKILL after the grace period),
 * which hold their GPUs until it exits.
 */
final class Adoption {
  private static final System.Logger LOG = System.getLogger(Adoption.class.getName());
  private static final List<JobState> WITH_A_PROCESS = List.of(JobState.RUNNING, JobState.PENDING, JobState.CANCELLED);
  private final JobStore jobs;
  private final Launcher launcher;
  private final StoppingProcesses stopping;
  private final InstantSource clock;

  Adoption(JobStore jobs, Launcher launcher, StoppingProcesses stopping, InstantSource clock) {
    this.jobs = jobs;
    this.launcher = launcher;
    this.stopping = stopping;
    this.clock = clock;
  }

  void run() {
    killUnrecorded();
    for (var state : List.of(JobState.PENDING, JobState.CANCELLED)) {
      for (var job : jobs.inState(state)) {
        if (job.process() != null && launcher.status(job.process()) instanceof ProcessStatus.Running) {
          stopping.terminate(job);
          stopping.watch(job);
        }
      }
    }
    for (var job : jobs.inState(JobState.RUNNING)) {
      if (job.process() == null) adoptLaunch(job);
    }
  }

  private void adoptLaunch(Job job) {
    var found = job.attempt() == null ? Optional.<ProcessRef>empty() : launcher.find(job.attempt());
    if (found.isPresent()) {
      LOG.log(System.Logger.Level.INFO, "job " + job.id() + ": adopting attempt " + job.attempt().number()
          + ", launched as the control plane stopped");
      jobs.recordProcess(job.seq(), found.get());
    } else if (job.attempt() != null) {
      jobs.returnUnstarted(job.seq(), new Reason("waiting", "the control plane stopped before its process started; "
          + "it starts again"));
    } else {
      jobs.finish(job.seq(), JobState.RUNNING, JobState.FAILED,
          new Reason("lost", "the control plane stopped while launching it"), null, clock.instant());
    }
  }

  private void killUnrecorded() {
    var recorded = new HashSet<String>();
    for (var state : WITH_A_PROCESS) {
      for (var job : jobs.inState(state)) {
        if (job.process() != null) recorded.add(job.process().runDir());
        if (job.attempt() != null) recorded.add(job.attempt().runDir());
      }
    }
    int killed = launcher.killUnrecorded(recorded);
    if (killed > 0) LOG.log(System.Logger.Level.WARNING, "killed " + killed + " job process groups nobody had recorded");
  }
}
