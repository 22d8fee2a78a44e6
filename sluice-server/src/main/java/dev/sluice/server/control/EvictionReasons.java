package dev.sluice.server.control;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.scheduler.EvictionCause;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.QueueRecord;
import dev.sluice.server.store.Reason;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The reason a stopped job shows ({@code preempted}): who needed the room and why, e.g. "reclaimed by queue
 * team-b (below its deserved 1 GPU) for job j-000003; it waits to run again".
 *
 * @param jobs            every job of the cycle, by id
 * @param queues          the queues, by name
 * @param gpuMilliByQueue what each queue's running jobs held when the cycle began
 * @param fairShares      the cycle's fair shares
 */
record EvictionReasons(Map<String, Job> jobs, Map<String, QueueRecord> queues, Map<String, Long> gpuMilliByQueue,
                       FairShares fairShares) {
  static final String CODE = "preempted";
  private static final String AGAIN = "; it waits to run again";

  Reason reason(Job victim, EvictionCause cause) {
    var by = cause.byQueue();
    var byJob = "job " + cause.byWorkload();
    var message = switch (cause.kind()) {
      case RECLAIM, DESERVED -> "reclaimed by queue " + by + " (" + below(by) + ") for " + byJob;
      case PREEMPT -> "preempted by " + byJob + " of queue " + by + " (priority " + priorityOf(cause.byWorkload())
          + " > " + victim.priority() + ")";
      case CONSOLIDATE -> "stopped to make room for " + byJob + " of queue " + by;
    };
    return new Reason(CODE, message + AGAIN);
  }

  private String below(String queue) {
    long held = gpuMilliByQueue.getOrDefault(queue, 0L);
    var record = queues.get(queue);
    var gpu = record == null ? null : record.quotas().get(Dimension.GPU.name());
    if (gpu != null && held < gpu.deserved()) return "below its deserved " + gpus(gpu.deserved());
    return "below its fair share of " + gpus(fairShares.of(queue, Dimension.GPU));
  }

  private String priorityOf(String jobId) {
    var job = jobs.get(jobId);
    return job == null ? "?" : Integer.toString(job.priority());
  }

  /** GPU milli as people say it: "1 GPU", "2 GPUs", "0.5 GPUs". */
  static String gpus(long milli) {
    var amount = BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString();
    return amount + (milli == 1000 ? " GPU" : " GPUs");
  }
}
