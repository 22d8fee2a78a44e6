package dev.sluice.core.scheduler;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueTree;
import java.util.Map;
import java.util.Set;

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

  /** Whether the leaf and every ancestor hold no more than deserved in the {@code asked} dimensions they are promised. */
  static boolean withinOnPath(QueueTree queues, Map<String, Map<Dimension, Long>> allocated, String leaf, Set<Dimension> asked) {
    for (var queue : queues.pathToRoot(leaf)) {
      var spec = queues.queue(queue).orElseThrow();
      for (var dimension : asked) {
        boolean promised = spec.quotas().isEmpty() || spec.quotas().containsKey(dimension);
        long has = allocated.getOrDefault(queue, Map.of()).getOrDefault(dimension, 0L);
        if (promised && has > spec.quota(dimension).deserved()) return false;
      }
    }
    return true;
  }

  /** The dimensions a workload's pods ask for: CPU, memory, and GPU with every model it may run on. */
  static Set<Dimension> asked(Workload workload, Set<String> models) {
    var asked = new java.util.HashSet<Dimension>();
    for (var pod : workload.pods()) {
      if (pod.cpuMilli() > 0) asked.add(Dimension.CPU);
      if (pod.memoryMib() > 0) asked.add(Dimension.MEMORY);
      if (pod.gpuCount() > 0) {
        asked.add(Dimension.GPU);
        for (var model : models) {
          if (pod.allowedGpuModels().isEmpty() || pod.allowedGpuModels().contains(model)) asked.add(Dimension.gpu(model));
        }
      }
    }
    return asked;
  }
}
