package dev.sluice.server.control;

import dev.sluice.core.spi.Launcher;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.Reason;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;

/**
 * What a start does about the jobs an earlier control plane left: kills what runs that it never recorded
 * (launched just before a crash), marks lost the running jobs without a recorded process (they may or may
 * not have started, so they are not started again), and stops again the requeued or cancelled jobs whose
 * process still runs (SIGTERM, a fresh SIGKILL after the grace period), which hold their GPUs until it exits.
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
      if (job.process() == null) {
        jobs.finish(job.seq(), JobState.RUNNING, JobState.FAILED,
            new Reason("lost", "the control plane stopped while launching it"), null, clock.instant());
      }
    }
  }

  private void killUnrecorded() {
    var recorded = new HashSet<String>();
    for (var state : WITH_A_PROCESS) {
      jobs.inState(state).stream().map(Job::process).filter(p -> p != null).forEach(p -> recorded.add(p.runDir()));
    }
    int killed = launcher.killUnrecorded(recorded);
    if (killed > 0) LOG.log(System.Logger.Level.WARNING, "killed " + killed + " job process groups nobody had recorded");
  }
}
