package dev.sluice.sim.replay;

import dev.sluice.core.model.Node;
import dev.sluice.core.queue.QueueTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a replay runs: the cluster, the pods (ids are their positions) and the queue tree.
 *
 * @param skipped pods of the trace left out, each with why, for the record
 */
public record ReplayWorkload(List<Node> nodes, List<ReplayPod> pods, QueueTree queues, List<String> skipped) {
  public ReplayWorkload {
    nodes = List.copyOf(nodes);
    pods = List.copyOf(pods);
    Objects.requireNonNull(queues, "queues");
    skipped = List.copyOf(skipped);
    if (nodes.isEmpty()) throw new IllegalArgumentException("a replay needs nodes");
    for (int i = 0; i < pods.size(); i++) {
      var pod = pods.get(i);
      if (pod.id() != i) throw new IllegalArgumentException("pod at position " + i + " has id " + pod.id());
      if (queues.queue(pod.queue()).isEmpty() || !queues.isLeaf(pod.queue())) {
        throw new IllegalArgumentException("pod " + pod.request().name() + ": '" + pod.queue() + "' is not a leaf queue");
      }
    }
  }

  /** GPU capacity of the cluster in milli. */
  public long gpuCapacityMilli() {
    return nodes.stream().mapToLong(n -> 1000L * n.gpuCount()).sum();
  }

  /** The leaf queues, in tree order. */
  public List<String> leafQueues() {
    var leaves = new ArrayList<String>();
    queues.roots().forEach(root -> addLeaves(root, leaves));
    return List.copyOf(leaves);
  }

  private void addLeaves(String queue, List<String> leaves) {
    if (queues.isLeaf(queue)) leaves.add(queue);
    else queues.children(queue).forEach(child -> addLeaves(child, leaves));
  }
}
