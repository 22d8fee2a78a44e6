package dev.sluice.server.control;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import dev.sluice.server.store.QueueRecord;
import java.util.Collection;
import java.util.HashMap;

/** Stored queues as the core's queue model: {@link QueueRecord} → {@link QueueSpec}, and the tree of them. */
public final class QueueSpecs {
  private QueueSpecs() {
  }

  /**
   * The queue's terms; a null limit or lending limit is unlimited. Jobs that may not be preempted run beyond deserved
   * quota only where the queue allows it ({@link QueueRecord#nonPreemptibleAboveDeserved}); there they are reclaim
   * victims like any work beyond deserved quota. Its {@code maxRunningJobs} is the core's cap on running workloads
   * (one job is one workload; null: no cap).
   */
  public static QueueSpec spec(QueueRecord queue) {
    var quotas = new HashMap<Dimension, Quota>();
    queue.quotas().forEach((dimension, q) -> quotas.put(new Dimension(dimension), new Quota(q.deserved(),
        q.limit() == null ? Quota.UNLIMITED : q.limit(), q.overQuotaWeight(),
        q.lendingLimit() == null ? Quota.UNLIMITED : q.lendingLimit())));
    return new QueueSpec(queue.name(), queue.parent(), queue.priority(), quotas, queue.nonPreemptibleAboveDeserved(),
        queue.maxRunningJobs() == null ? QueueSpec.UNCAPPED : queue.maxRunningJobs());
  }

  /** The tree of stored queues, which the API validated when each was created. */
  public static QueueTree tree(Collection<QueueRecord> queues) {
    try {
      return QueueTree.of(queues.stream().map(QueueSpecs::spec).toList());
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException("stored queues are invalid: " + String.join("; ", e.problems()), e);
    }
  }
}
