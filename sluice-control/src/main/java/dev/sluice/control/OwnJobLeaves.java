package dev.sluice.control;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.TreeSet;

/**
 * Where the core sees the work that still runs in a queue that has been given sub-queues since it started (the
 * single host's jobs; on Kubernetes, the bound pods of a gang whose Queue has gained child Queues). The core schedules
 * leaf queues only, so such a queue gets one more leaf under it for that work, named {@code <queue>/own} (no queue
 * either live mode stores can have that name): what it holds then counts in the queue's and its ancestors' allocation
 * against deserved quota, limit and fair share, and against their caps on running workloads, as the queue's other
 * work does. The leaf has the queue's priority and {@code nonPreemptibleAboveDeserved}, no limit and no cap of its
 * own, and is promised the part of the queue's deserved quota that its sub-queues are not: they come first, and may
 * reclaim from that work what they deserve. New work of such a queue is the live mode's to hold back; the leaf goes
 * once the last of the queue's running work has ended.
 */
public final class OwnJobLeaves {
  private static final String SUFFIX = "/own";

  private OwnJobLeaves() {
  }

  /** {@code queues} with an own-jobs leaf under each queue of {@code runningIn} that has sub-queues. */
  public static QueueTree tree(QueueTree queues, Collection<String> runningIn) {
    var leaves = new TreeSet<>(runningIn).stream()
        .filter(queue -> queues.queue(queue).isPresent() && !queues.isLeaf(queue))
        .map(queue -> leafUnder(queues, queue)).toList();
    if (leaves.isEmpty()) return queues;
    var specs = new ArrayList<QueueSpec>();
    queues.names().forEach(name -> specs.add(queues.queue(name).orElseThrow()));
    specs.addAll(leaves);
    try {
      return QueueTree.of(specs);
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException("own-jobs leaves are invalid: " + String.join("; ", e.problems()), e);
    }
  }

  /** The leaf the core schedules running work of {@code queue} in: the queue or, if it has sub-queues, its own-jobs leaf. */
  public static String leafOf(QueueTree tree, String queue) {
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
