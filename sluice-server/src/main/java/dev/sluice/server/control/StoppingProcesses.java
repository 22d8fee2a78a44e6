package dev.sluice.server.control;

import dev.sluice.core.spi.Launcher;
import dev.sluice.core.spi.ProcessStatus;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The processes told to stop (their job was cancelled or evicted) that still run: each holds what its job was
 * placed on until it exits, and an evicted job is not started again before then. Used by the control loop's
 * thread only.
 */
final class StoppingProcesses {
  private final Launcher launcher;
  private final Duration grace;
  private final Map<Long, Job> jobs = new HashMap<>();

  StoppingProcesses(Launcher launcher, Duration grace) {
    this.launcher = launcher;
    this.grace = grace;
  }

  /** Sends the job's process SIGTERM, then SIGKILL after the grace period; nothing if it has none. */
  void terminate(Job job) {
    if (job.process() != null) launcher.terminate(job.process(), grace);
  }

  /** Watches the job's process (as the job was when it ran) until it exits; nothing if it has none. */
  void watch(Job job) {
    if (job.process() != null) jobs.put(job.seq(), job);
  }

  boolean contains(long seq) {
    return jobs.containsKey(seq);
  }

  List<Job> jobs() {
    return new ArrayList<>(jobs.values());
  }

  /** Forgets the processes that have exited; says whether any had. */
  boolean forgetExited() {
    return jobs.values().removeIf(job -> !(launcher.status(job.process()) instanceof ProcessStatus.Running));
  }

  /** Why a start the scheduler decided waits: the room it needs is still held by stopping processes. */
  Reason startWaits() {
    if (jobs.isEmpty()) return new Reason("waiting", "the room it was given is not free after all; the next cycle decides again");
    return new Reason("waiting", "starts when the stopped jobs " + ids() + " have exited (grace period "
        + grace.toSeconds() + " s)");
  }

  /** A lack of room also says which stopped jobs still hold resources, if any do. */
  Reason explain(Reason reason) {
    if (jobs.isEmpty() || !reason.code().equals("no-node-fits")) return reason;
    return new Reason(reason.code(), reason.message() + "; stopped jobs " + ids() + " hold resources until their process exits");
  }

  private String ids() {
    return jobs.values().stream().map(Job::id).sorted().collect(Collectors.joining(", "));
  }
}
