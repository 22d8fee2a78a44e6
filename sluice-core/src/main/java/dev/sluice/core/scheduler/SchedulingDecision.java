package dev.sluice.core.scheduler;

import java.util.List;
import java.util.Objects;

/** What one cycle proposes for one workload; the caller commits it, or not. */
public sealed interface SchedulingDecision {
  Workload workload();

  /** Start the workload: each of its pods to a node and GPUs. */
  record Bind(Workload workload, List<PodBinding> pods) implements SchedulingDecision {
    public Bind {
      Objects.requireNonNull(workload, "workload");
      pods = List.copyOf(pods);
    }
  }

  /** Stop the running workload; it goes back to pending with its submit time. */
  record Evict(Workload workload, EvictionCause cause) implements SchedulingDecision {
    public Evict {
      Objects.requireNonNull(workload, "workload");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** Move a running workload: it leaves {@code from} and runs on {@code to} (its start time is kept). */
  record Move(Workload workload, List<PodBinding> from, List<PodBinding> to, EvictionCause cause) implements SchedulingDecision {
    public Move {
      Objects.requireNonNull(workload, "workload");
      from = List.copyOf(from);
      to = List.copyOf(to);
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** The workload waits; {@code queuePosition} is 1 for the next of its queue to be considered. */
  record Pending(Workload workload, PendingReason reason, int queuePosition) implements SchedulingDecision {
    public Pending {
      Objects.requireNonNull(workload, "workload");
      Objects.requireNonNull(reason, "reason");
      if (queuePosition < 1) throw new IllegalArgumentException("queuePosition must be >= 1, was " + queuePosition);
    }
  }
}
