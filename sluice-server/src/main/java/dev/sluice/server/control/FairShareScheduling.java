package dev.sluice.server.control;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.fairness.UsageHistory;
import dev.sluice.core.fairness.UsageMeter;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.scheduler.RunningWorkload;
import dev.sluice.core.scheduler.Scheduler;
import dev.sluice.core.scheduler.SchedulerConfig;
import dev.sluice.core.scheduler.SchedulerSnapshot;
import dev.sluice.core.scheduler.Workload;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sluice's fair-share scheduler cycle on this host: queues with deserved quotas, limits and over-quota
 * weights (hierarchical, per resource), fair share with time-decayed past usage, borrowing of idle quota and
 * its reclaim, preemption by priority inside a queue, backfill with a reservation. Each call builds a
 * {@link SchedulerSnapshot} from what the store says, runs {@link Scheduler#cycle} on the cycle's clock with
 * the configuration's seed, and maps its decisions ({@link CycleDecisions}).
 *
 * <p>Past usage (GPU-milli-seconds per queue, halving every {@code halfLife}) is kept in memory: a restart
 * forgets it. Jobs in a queue that has sub-queues are not scheduled; they wait with code {@code waiting}.
 * Not thread-safe: the control plane calls it from one thread at a time.
 */
public final class FairShareScheduling implements Scheduling {
  public static final Duration DEFAULT_HALF_LIFE = Duration.ofHours(1);
  private final Host host;
  private final Scheduler scheduler;
  private final UsageMeter usage;
  private volatile FairShares fairShares;
  private Map<Long, Job> lastRunning = new LinkedHashMap<>();
  private final PendingWorkloads workloads = new PendingWorkloads();

  public FairShareScheduling(Host host, SchedulerConfig config, Duration halfLife) {
    this.host = Objects.requireNonNull(host, "host");
    this.scheduler = new Scheduler(config);
    this.usage = new UsageMeter(UsageHistory.empty(0, Objects.requireNonNull(halfLife, "halfLife")));
  }

  /** The default configuration (placement policy {@code sluice}, seed 1) and a half-life of one hour. */
  public FairShareScheduling(Host host) {
    this(host, SchedulerConfig.defaults(), DEFAULT_HALF_LIFE);
  }

  @Override
  public List<JobDecision> decide(Cycle cycle) {
    long now = cycle.now().toEpochMilli();
    var tree = QueueSpecs.tree(cycle.queues().values());
    var history = recordUsage(tree, cycle.running(), now);
    var jobs = new HashMap<String, Job>();
    var running = new ArrayList<RunningWorkload>();
    var gpuMilliByQueue = new HashMap<String, Long>();
    for (var job : cycle.running()) {
      jobs.put(job.id(), job);
      gpuMilliByQueue.merge(job.queue(), job.request().totalGpuMilli(), Long::sum);
      if (tree.isLeaf(job.queue())) JobWorkloads.running(job, host).ifPresent(running::add);
    }
    var pending = new ArrayList<Workload>();
    var unscheduled = new ArrayList<JobDecision>();
    var positions = new HashMap<String, Integer>();
    for (var job : cycle.pending()) {
      if (tree.isLeaf(job.queue())) {
        var workload = workloads.of(job);
        jobs.put(workload.id(), job);
        pending.add(workload);
      } else {
        jobs.put(job.id(), job);
        unscheduled.add(new Wait(job, new Reason("waiting", "queue " + job.queue()
            + " has sub-queues; only jobs of a queue without sub-queues are scheduled"),
            positions.merge(job.queue(), 1, Integer::sum)));
      }
    }
    var snapshot = new SchedulerSnapshot(cycle.cluster(), running, pending, tree, history, now);
    var result = scheduler.cycle(snapshot);
    workloads.cycleEnded();
    fairShares = result.fairShares();
    var reasons = new EvictionReasons(jobs, cycle.queues(), gpuMilliByQueue, result.fairShares());
    var decisions = new ArrayList<>(CycleDecisions.of(result, jobs, reasons));
    decisions.addAll(unscheduled);
    return decisions;
  }

  /**
   * Adds what jobs used since the last call (from when each started, if later): those running now, and those
   * that ran at the last call and have ended since, counted up to now (the loop decides again right after an
   * exit, so that is at most a tick or, for a stopped job, the grace period too long).
   */
  private UsageHistory recordUsage(QueueTree tree, List<Job> running, long now) {
    var counted = new LinkedHashMap<>(lastRunning);
    lastRunning = new LinkedHashMap<>();
    running.forEach(job -> lastRunning.put(job.seq(), job));
    counted.putAll(lastRunning);
    var held = counted.values().stream().map(job -> new UsageMeter.HeldGpus(job.queue(), job.request().totalGpuMilli(),
        job.startedAt() == null ? Long.MIN_VALUE : job.startedAt().toEpochMilli())).toList();
    return usage.read(tree, held, now);
  }

  @Override
  public Optional<FairShares> lastFairShares() {
    return Optional.ofNullable(fairShares);
  }

  /** Past usage per queue as of the last cycle (GPU-milli-seconds, decayed). */
  public Map<String, Double> usage() {
    return usage.history().usage();
  }
}
