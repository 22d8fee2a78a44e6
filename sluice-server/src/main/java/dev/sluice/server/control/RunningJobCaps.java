package dev.sluice.server.control;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds a queue to its {@code maxRunningJobs}: the jobs of a queue already at its cap are not offered to the
 * scheduler (so nothing is preempted for them) and wait with reason {@code over-limit}; of the starts the
 * scheduler decides for a queue below its cap, those beyond the cap wait too. Queues without a cap are left
 * to {@code scheduling} alone.
 */
public final class RunningJobCaps implements Scheduling {
  static final String REASON_CODE = "over-limit";
  private static final Comparator<Job> QUEUE_ORDER = Comparator.comparingInt(Job::priority).reversed()
      .thenComparing(Job::submittedAt).thenComparingLong(Job::seq);
  private final Scheduling scheduling;

  public RunningJobCaps(Scheduling scheduling) {
    this.scheduling = Objects.requireNonNull(scheduling, "scheduling");
  }

  @Override
  public Optional<FairShares> lastFairShares() {
    return scheduling.lastFairShares();
  }

  @Override
  public List<JobDecision> decide(Cycle cycle) {
    var free = freeSlots(cycle);
    var held = new ArrayList<Job>();
    var offered = new ArrayList<Job>();
    for (var job : cycle.pending()) (free.getOrDefault(job.queue(), 1) > 0 ? offered : held).add(job);
    var delegated = scheduling.decide(new Cycle(cycle.cluster(), cycle.running(), offered, cycle.queues(), cycle.now()));
    var decisions = new ArrayList<JobDecision>();
    var turnedBack = new HashMap<String, Integer>();
    var turnedBackJobs = new HashSet<Long>();
    for (var decision : delegated) {
      var queue = decision.job().queue();
      if (decision instanceof Start start && free.containsKey(queue) && free.merge(queue, -1, Integer::sum) < 0) {
        turnedBackJobs.add(start.job().seq());
        decisions.add(new Wait(start.job(), atCap(cycle, queue), turnedBack.merge(queue, 1, Integer::sum)));
      } else {
        decisions.add(decision);
      }
    }
    // the jobs turned back were ahead of the scheduler's waiting ones in their queue
    decisions.replaceAll(d -> d instanceof Wait wait && !turnedBackJobs.contains(wait.job().seq())
        && turnedBack.containsKey(wait.job().queue())
        ? new Wait(wait.job(), wait.reason(), wait.queuePosition() + turnedBack.get(wait.job().queue())) : d);
    held.sort(QUEUE_ORDER);
    var positions = new HashMap<String, Integer>();
    for (var job : held) decisions.add(new Wait(job, atCap(cycle, job.queue()), positions.merge(job.queue(), 1, Integer::sum)));
    return decisions;
  }

  /** For each queue with a cap: how many more of its jobs may start now (0 or less: none). */
  private static Map<String, Integer> freeSlots(Cycle cycle) {
    var running = new HashMap<String, Integer>();
    for (var job : cycle.running()) running.merge(job.queue(), 1, Integer::sum);
    var free = new HashMap<String, Integer>();
    cycle.queues().forEach((name, queue) -> {
      if (queue.maxRunningJobs() != null) free.put(name, queue.maxRunningJobs() - running.getOrDefault(name, 0));
    });
    return free;
  }

  private static Reason atCap(Cycle cycle, String queue) {
    return new Reason(REASON_CODE, "queue " + queue + " runs at most " + cycle.queues().get(queue).maxRunningJobs()
        + " jobs at once (maxRunningJobs)");
  }
}
