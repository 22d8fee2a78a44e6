package dev.sluice.server.control;

import dev.sluice.server.store.Job;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Holds a queue to its {@code maxRunningJobs} for one cycle, a step of the host's source and sink: the jobs of a
 * queue already at its cap are not offered to the scheduler ({@link StoreSource}; so nothing is preempted for them)
 * and wait with reason {@code over-limit}; of the starts the scheduler decides for a queue below its cap, those
 * beyond the cap wait too ({@link HostCommit}). Queues without a cap are left to the scheduler alone.
 */
final class RunningJobCaps {
  static final String REASON_CODE = "over-limit";
  private static final Comparator<Job> QUEUE_ORDER = Comparator.comparingInt(Job::priority).reversed()
      .thenComparing(Job::submittedAt).thenComparingLong(Job::seq);
  private final Map<String, QueueRecord> queues;
  private final Map<String, Integer> free;

  private RunningJobCaps(Map<String, QueueRecord> queues, Map<String, Integer> free) {
    this.queues = Map.copyOf(queues);
    this.free = Map.copyOf(free);
  }

  /** The caps of {@code queues} with {@code running} running: how many more of each capped queue's jobs may start. */
  static RunningJobCaps of(Map<String, QueueRecord> queues, List<Job> running) {
    var count = new HashMap<String, Integer>();
    for (var job : running) count.merge(job.queue(), 1, Integer::sum);
    var free = new HashMap<String, Integer>();
    queues.forEach((name, queue) -> {
      if (queue.maxRunningJobs() != null) free.put(name, queue.maxRunningJobs() - count.getOrDefault(name, 0));
    });
    return new RunningJobCaps(queues, free);
  }

  /** Whether the job is offered to the scheduler: its queue has no cap, or is below it. */
  boolean offers(Job job) {
    return free.getOrDefault(job.queue(), 1) > 0;
  }

  /** The jobs not offered, each waiting at its queue's cap, numbered in queue order (priority, submission). */
  List<JobDecision.Wait> held(List<Job> notOffered) {
    var positions = new HashMap<String, Integer>();
    return notOffered.stream().sorted(QUEUE_ORDER).map(job -> new JobDecision.Wait(job, atCap(job.queue()),
        positions.merge(job.queue(), 1, Integer::sum))).toList();
  }

  /**
   * The scheduler's decisions with the starts beyond a queue's cap turned into waits at the cap, in the order they
   * were decided, and without the evictions that made room for them (nothing is stopped for a job that does not
   * start); the queue's other waiting jobs come after those turned back.
   */
  List<JobDecision> limit(List<JobDecision> decided) {
    var left = new HashMap<>(free);
    var turnedBack = new HashMap<String, Integer>();
    var turnedBackJobs = new HashSet<Long>();
    var decisions = new ArrayList<JobDecision>(decided.size());
    for (var decision : decided) {
      var queue = decision.job().queue();
      if (decision instanceof JobDecision.Start start && left.containsKey(queue) && left.merge(queue, -1, Integer::sum) < 0) {
        turnedBackJobs.add(start.job().seq());
        decisions.add(new JobDecision.Wait(start.job(), atCap(queue), turnedBack.merge(queue, 1, Integer::sum)));
      } else {
        decisions.add(decision);
      }
    }
    var turnedBackIds = decided.stream().filter(d -> turnedBackJobs.contains(d.job().seq())).map(d -> d.job().id()).toList();
    decisions.removeIf(d -> d instanceof JobDecision.Evict evict && turnedBackIds.contains(evict.forJob()));
    decisions.replaceAll(d -> d instanceof JobDecision.Wait wait && !turnedBackJobs.contains(wait.job().seq())
        && turnedBack.containsKey(wait.job().queue())
        ? new JobDecision.Wait(wait.job(), wait.reason(), wait.queuePosition() + turnedBack.get(wait.job().queue())) : d);
    return decisions;
  }

  private Reason atCap(String queue) {
    return new Reason(REASON_CODE, "queue " + queue + " runs at most " + queues.get(queue).maxRunningJobs()
        + " jobs at once (maxRunningJobs)");
  }
}
