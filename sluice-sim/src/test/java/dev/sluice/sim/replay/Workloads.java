package dev.sluice.sim.replay;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.QueueDefinitionException;
import dev.sluice.core.queue.QueueSpec;
import dev.sluice.core.queue.QueueTree;
import dev.sluice.core.queue.Quota;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small hand-made replays for tests: one 2-GPU node, queues {@code a} and {@code b} deserving one GPU each. */
final class Workloads {
  private final List<ReplayPod> pods = new ArrayList<>();

  private boolean departments = true;

  /** a and b under department d. */
  static QueueTree twoQueues() {
    return twoQueues("d");
  }

  /** a and b under {@code parent}, or top-level when it is null. */
  static QueueTree twoQueues(String parent) {
    var specs = new ArrayList<QueueSpec>();
    if (parent != null) specs.add(new QueueSpec(parent, null, 0, Map.of(Dimension.GPU, Quota.deserved(2000))));
    specs.add(new QueueSpec("a", parent, 0, Map.of(Dimension.GPU, Quota.deserved(1000))));
    specs.add(new QueueSpec("b", parent, 0, Map.of(Dimension.GPU, Quota.deserved(1000))));
    try {
      return QueueTree.of(specs);
    } catch (QueueDefinitionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A pod of whole GPUs. */
  Workloads pod(String queue, int priority, long arrival, long runtime, int gpus) {
    var request = new PodRequest("p" + pods.size(), 1000, 1024, gpus, gpus == 0 ? 0 : 1000, Set.of());
    pods.add(new ReplayPod(pods.size(), request, queue, priority, arrival, runtime));
    return this;
  }

  /** a and b as top-level queues rather than under a department. */
  Workloads topLevel() {
    departments = false;
    return this;
  }

  ReplayWorkload build() {
    return new ReplayWorkload(List.of(Node.uniform("n0", 32_000, 65_536, 2, "T4")), pods,
        twoQueues(departments ? "d" : null), List.of());
  }
}
