package dev.sluice.server.control;

import dev.sluice.control.OwnJobLeaves;
import dev.sluice.control.WorkloadSource;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.fairness.UsageMeter;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.Workload;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.JobState;
import dev.sluice.server.store.JobStore;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.QueueStore;
import dev.sluice.server.store.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The single host's {@link WorkloadSource}: its store read into the scheduler's snapshot. The host is one node; what
 * running jobs hold, and what the processes of stopped jobs hold until they have exited, is allocated on it. Each
 * running job is a running workload ({@link JobWorkloads}), in its queue or, if that queue has been given sub-queues
 * since the job started, in the queue's own-jobs leaf ({@link OwnJobLeaves}); each pending job (the waiting jobs kept
 * between cycles, {@link WaitingJobs}; not those whose previous process is still stopping) is a pending workload,
 * unless it is in a queue with sub-queues: that one is held back (code {@code waiting}). The queues'
 * caps on running jobs are the core's to keep ({@link QueueSpecs}). Past usage is kept in memory only: the first
 * cycle starts from none.
 *
 * <p>Not thread-safe: the control plane reads it from one cycle at a time.
 */
final class StoreSource implements WorkloadSource<StoreRead> {
  /** How fast past usage decays for fair share. */
  static final Duration HALF_LIFE = Duration.ofHours(1);
  private final JobStore jobs;
  private final QueueStore queues;
  private final Host host;
  private final WaitingJobs waiting;
  private final StoppingProcesses stopping;
  private final PendingWorkloads workloads = new PendingWorkloads();
  private Map<Long, Job> lastRunning = new LinkedHashMap<>();

  StoreSource(JobStore jobs, QueueStore queues, Host host, WaitingJobs waiting, StoppingProcesses stopping) {
    this.jobs = jobs;
    this.queues = queues;
    this.host = host;
    this.waiting = waiting;
    this.stopping = stopping;
  }

  @Override
  public UsageHistory pastUsage(Instant now) {
    return UsageHistory.empty(now.toEpochMilli(), HALF_LIFE);
  }

  @Override
  public StoreRead read(UsageHistory usage, Instant now) {
    var queueMap = queues.list().stream().collect(Collectors.toMap(QueueRecord::name, Function.identity()));
    var running = jobs.inState(JobState.RUNNING);
    var runningIn = running.stream().map(Job::queue).collect(Collectors.toSet());
    var tree = OwnJobLeaves.tree(QueueSpecs.tree(queueMap.values()), runningIn);
    waiting.refresh();
    var left = waiting.takeLeft();
    var byId = new HashMap<String, Job>();
    var runningWorkloads = new ArrayList<RunningWorkload>();
    for (var job : running) {
      byId.put(job.id(), job);
      JobWorkloads.running(job, OwnJobLeaves.leafOf(tree, job.queue()), host).ifPresent(runningWorkloads::add);
    }
    var pending = new ArrayList<Workload>();
    var held = new ArrayList<JobDecision.Wait>();
    var positions = new HashMap<String, Integer>();
    for (var job : waiting.jobs()) {
      if (stopping.contains(job.seq())) continue;
      byId.put(job.id(), job);
      if (tree.isLeaf(job.queue())) pending.add(workloads.of(job));
      else held.add(new JobDecision.Wait(job, withSubQueues(job.queue()), positions.merge(job.queue(), 1, Integer::sum)));
    }
    workloads.cycleEnded();
    var occupying = new ArrayList<>(running);
    occupying.addAll(stopping.jobs());
    var snapshot = new SchedulerSnapshot(new HostRoom(host, occupying).snapshot(), runningWorkloads, pending, tree, usage,
        now.toEpochMilli());
    return new StoreRead(snapshot, byId, running, queueMap, held, heldGpus(running, left));
  }

  private static Reason withSubQueues(String queue) {
    return new Reason("waiting", "queue " + queue + " has sub-queues; only jobs of a queue without sub-queues are scheduled");
  }

  /**
   * What held GPUs since the last reading (from when each job started, if later): the jobs running now, and those
   * that ran at the last reading or were started by the cycle after it and have ended since ({@code left}: the jobs
   * that stopped waiting, those that were running then; not those whose process could not start), counted up to now (the loop decides again right after an
   * exit, so that is at most a tick or, for a stopped job, the grace period too long).
   */
  private List<UsageMeter.HeldGpus> heldGpus(List<Job> running, List<Job> left) {
    var counted = new LinkedHashMap<>(lastRunning);
    left.stream().filter(job -> job.state() == JobState.RUNNING).forEach(job -> counted.put(job.seq(), job));
    lastRunning = new LinkedHashMap<>();
    running.forEach(job -> lastRunning.put(job.seq(), job));
    counted.putAll(lastRunning);
    return counted.values().stream().map(job -> new UsageMeter.HeldGpus(job.queue(), job.request().totalGpuMilli(),
        job.startedAt() == null ? Long.MIN_VALUE : job.startedAt().toEpochMilli())).toList();
  }
}
