package dev.sluice.core.scheduler;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueTree;
import java.util.Map;

/**
 * The deserved-quota promise seen from outside the scheduler, for property tests: a queue is promised its
 * deserved quota in the dimensions it states (all of them, at 0, if it states none).
 */
final class Promises {
  private Promises() {
  }

  /** Whether the queue holds more than its deserved quota in a dimension it is promised. */
  static boolean beyond(QueueTree queues, Map<String, Map<Dimension, Long>> allocated, String queue) {
    var spec = queues.queue(queue).orElseThrow();
    for (var e : allocated.getOrDefault(queue, Map.of()).entrySet()) {
      boolean promised = spec.quotas().isEmpty() || spec.quotas().containsKey(e.getKey());
      if (promised && e.getValue() > spec.quota(e.getKey()).deserved()) return true;
    }
    return false;
  }

  /** Whether the leaf and every ancestor hold no more than deserved in every dimension they are promised. */
  static boolean withinOnPath(QueueTree queues, Map<String, Map<Dimension, Long>> allocated, String leaf) {
    return queues.pathToRoot(leaf).stream().noneMatch(queue -> beyond(queues, allocated, queue));
  }
}
