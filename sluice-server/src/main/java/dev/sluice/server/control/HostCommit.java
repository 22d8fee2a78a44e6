package dev.sluice.server.control;

import dev.sluice.control.Committed;
import dev.sluice.control.DecidedCycle;
import dev.sluice.control.DecisionSink;
import dev.sluice.control.SchedulingPolicies;
import dev.sluice.core.fairness.FairShares;
import dev.sluice.server.metrics.ServerMetrics;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The single host's {@link DecisionSink}: a cycle's decisions as the jobs' ({@link CycleDecisions}), carried out on the
 * store and the processes. First it stops what
 * is evicted (back to PENDING, then its process is told to stop: {@link JobEnds#requeue}); then it starts what still
 * fits once the stopped processes are counted as holding their resources (the job RUNNING, then its process:
 * {@link JobLaunches}), and a start that does not fit waits, naming the stopped jobs; last it writes the waiting
 * jobs' reasons where they changed. Nothing is started or stopped once the control plane is closing.
 *
 * <p>Not thread-safe: the control plane commits one cycle at a time, under its own lock.
 */
final class HostCommit implements DecisionSink<StoreRead> {
  private final JobStore jobs;
  private final Host host;
  private final JobLaunches launches;
  private final JobEnds ends;
  private final StoppingProcesses stopping;
  private final WaitingJobs waiting;
  private final ServerMetrics metrics;
  private final Runnable wake;
  private final BooleanSupplier closing;
  private Map<Long, Integer> positions = Map.of();
  private Set<String> queueNames = Set.of();
  private volatile FairShares fairShares;

  /**
   * @param wake    asks for another cycle (a job to evict had ended by itself: the room is free now)
   * @param closing whether the control plane is closing
   */
  HostCommit(JobStore jobs, Host host, JobLaunches launches, JobEnds ends, StoppingProcesses stopping,
             WaitingJobs waiting, ServerMetrics metrics, Runnable wake, BooleanSupplier closing) {
    this.jobs = jobs;
    this.host = host;
    this.launches = launches;
    this.ends = ends;
    this.stopping = stopping;
    this.waiting = waiting;
    this.metrics = metrics;
    this.wake = wake;
    this.closing = closing;
  }

  @Override
  public Committed commit(DecidedCycle<StoreRead> cycle) {
    var read = cycle.reading();
    var result = cycle.result();
    if (!SchedulingPolicies.NO_FAIR_SHARES.equals(result.fairShares())) fairShares = result.fairShares();
    var reasons = new EvictionReasons(read.jobs(), read.queues(), gpuMilliByQueue(read.running()), result.fairShares());
    var decisions = new ArrayList<>(CycleDecisions.of(result, read.jobs(), reasons));
    decisions.addAll(read.held());
    var stopped = new HashSet<Long>();
    for (var decision : decisions) {
      if (decision instanceof JobDecision.Evict evict && !closing.getAsBoolean() && evict(evict)) stopped.add(evict.job().seq());
    }
    var holding = new ArrayList<>(read.running().stream().filter(j -> !stopped.contains(j.seq())).toList());
    holding.addAll(stopping.jobs());
    var started = startAndWait(decisions, new HostRoom(host, holding));
    queueNames = read.queues().keySet();
    return new Committed(started.bound(), stopped.size(), started.failed());
  }

  /** How many jobs a cycle started, and how many it could not. */
  private record Started(int bound, int failed) {
  }

  /** Starts what fits in {@code room}, and writes why the rest waits and where each stands in its queue. */
  private Started startAndWait(List<JobDecision> decisions, HostRoom room) {
    var reasons = new LinkedHashMap<Long, Reason>();
    var waitingAt = new HashMap<Long, Integer>();
    int bound = 0;
    int failed = 0;
    for (var decision : decisions) {
      switch (decision) {
        case JobDecision.Start start when closing.getAsBoolean() -> { }
        case JobDecision.Start start when room.take(start.job(), start.gpuPositions()) -> {
          waiting.changed(start.job().seq());
          if (launches.launch(start)) bound++;
          else failed++;
        }
        case JobDecision.Start start -> reasons.put(start.job().seq(), stopping.startWaits());
        case JobDecision.Wait wait -> {
          waitingAt.put(wait.job().seq(), wait.queuePosition());
          var reason = stopping.explain(wait.reason());
          if (!reason.equals(wait.job().reason())) reasons.put(wait.job().seq(), reason);
        }
        case JobDecision.Evict evict -> { }
      }
    }
    jobs.updatePendingReasons(reasons);
    waiting.reasonsWritten(reasons);
    positions = waitingAt;
    return new Started(bound, failed);
  }

  /**
   * Stops a running job to make room, unless it has just ended by itself (then it is recorded so, and the loop decides
   * again: the room is free). Its process holds its GPUs until it has exited.
   */
  private boolean evict(JobDecision.Evict evict) {
    var job = evict.job();
    if (ends.recordIfEnded(job)) {
      wake.run();
      return false;
    }
    if (!ends.requeue(job, evict.reason())) return false;
    waiting.changed(job.seq());
    metrics.preempted(job.queue());
    return true;
  }

  private static Map<String, Long> gpuMilliByQueue(List<Job> running) {
    var held = new HashMap<String, Long>();
    for (var job : running) held.merge(job.queue(), job.request().totalGpuMilli(), Long::sum);
    return held;
  }

  /** The queue position of each waiting job by job number, as the last commit wrote them. */
  Map<Long, Integer> positions() {
    return positions;
  }

  /** The queues of the last commit. */
  Set<String> queueNames() {
    return queueNames;
  }

  /** The queues' fair shares as the last cycle computed them, if its policy computes any. */
  Optional<FairShares> fairShares() {
    return Optional.ofNullable(fairShares);
  }
}
