package dev.sluice.server.control;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import dev.sluice.server.store.QueueRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the core sees the jobs that still run in a queue that has been given sub-queues since they started (the API
 * lets an admin add a sub-queue to a queue with jobs). The core schedules leaf queues only, so such a queue gets one
 * more leaf under it for them, named {@code <queue>/own} (no stored queue can have that name): what they hold then
 * counts in the queue's and its ancestors' allocation against deserved quota, limit and fair share, and against
 * their caps on running jobs, as the queue's other work does. The leaf has the queue's priority, no limit and no cap
 * of its own, and is promised the part of the queue's deserved quota that its sub-queues are not: they come first, and
 * may reclaim from these jobs what they deserve. The queue's pending jobs are not scheduled ({@link StoreSource}); the
 * leaf goes once its last job has ended.
 */
final class OwnJobLeaves {
  private static final String SUFFIX = "/own";

  private OwnJobLeaves() {
  }

  /** The tree of the stored {@code queues}, with an own-jobs leaf under each queue with sub-queues in {@code runningIn}. */
  static QueueTree tree(Collection<QueueRecord> queues, Set<String> runningIn) {
    var stored = QueueSpecs.tree(queues);
    var leaves = new TreeSet<>(runningIn).stream()
        .filter(queue -> stored.queue(queue).isPresent() && !stored.isLeaf(queue))
        .map(queue -> leafUnder(stored, queue)).toList();
    if (leaves.isEmpty()) return stored;
    var specs = new ArrayList<QueueSpec>();
    queues.forEach(queue -> specs.add(QueueSpecs.spec(queue)));
    specs.addAll(leaves);
    try {
      return QueueTree.of(specs);
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException("own-jobs leaves are invalid: " + String.join("; ", e.problems()), e);
    }
  }

  /** The leaf the core schedules a running job of {@code queue} in: the queue or, if it has sub-queues, its own-jobs leaf. */
  static String leafOf(QueueTree tree, String queue) {
    return tree.isLeaf(queue) ? queue : queue + SUFFIX;
  }

  private static QueueSpec leafUnder(QueueTree tree, String queue) {
    var parent = tree.queue(queue).orElseThrow();
    var quotas = new HashMap<Dimension, Quota>();
    parent.quotas().forEach((dimension, quota) -> {
      long promisedBelow = tree.children(queue).stream()
          .mapToLong(child -> tree.queue(child).orElseThrow().quota(dimension).deserved()).sum();
      quotas.put(dimension, Quota.deserved(quota.deserved() - promisedBelow));
    });
    return new QueueSpec(queue + SUFFIX, queue, parent.priority(), quotas, parent.nonPreemptibleAboveDeserved());
  }
}
