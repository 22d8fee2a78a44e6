package dev.sluice.server.control;

import dev.sluice.core.scheduler.CycleResult;
import dev.sluice.core.scheduler.PendingReason;
import dev.sluice.core.scheduler.SchedulingDecision;
import dev.sluice.server.store.Job;
import dev.sluice.server.store.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The cycle's decisions as the control plane's: evictions (and moves, since a process cannot move: it is
 * stopped and starts again later) → {@link JobDecision.Evict}; binds → {@link JobDecision.Start}; pending →
 * {@link JobDecision.Wait} with the cycle's reason code and message and queue position. An evicted job gets no
 * Wait: it shows why it was stopped.
 */
final class CycleDecisions {
  private CycleDecisions() {
  }

  static List<JobDecision> of(CycleResult result, Map<String, Job> jobs, EvictionReasons reasons) {
    var out = new ArrayList<JobDecision>();
    var evicted = new HashSet<String>();
    var waitReasons = new HashMap<PendingReason, Reason>(); // one Reason (and one message built) per distinct reason
    for (var decision : result.decisions()) {
      var job = jobs.get(decision.workload().id());
      if (job == null) throw new IllegalStateException("the cycle decided on an unknown job " + decision.workload().id());
      switch (decision) {
        case SchedulingDecision.Evict evict -> {
          evicted.add(job.id());
          out.add(new JobDecision.Evict(job, reasons.reason(job, evict.cause()), evict.cause().byWorkload()));
        }
        case SchedulingDecision.Move move -> {
          evicted.add(job.id());
          out.add(new JobDecision.Evict(job, reasons.reason(job, move.cause()), move.cause().byWorkload()));
        }
        case SchedulingDecision.Bind bind -> {
          var pod = bind.pods().getFirst();
          out.add(new JobDecision.Start(job, pod.node(), pod.gpus()));
        }
        case SchedulingDecision.Pending pending -> {
          if (evicted.contains(decision.workload().id())) continue;
          var reason = waitReasons.computeIfAbsent(pending.reason(), r -> new Reason(r.code(), r.message()));
          out.add(new JobDecision.Wait(job, reason, pending.queuePosition()));
        }
      }
    }
    return out;
  }
}
