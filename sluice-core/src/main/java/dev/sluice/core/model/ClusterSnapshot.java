package dev.sluice.core.model;

import java.util.List;

/**
 * An immutable picture of a cluster: its nodes and the state of each, in the same order. The scheduler
 * reads a snapshot; placement loops copy it into a mutable {@code ClusterState}.
 */
public record ClusterSnapshot(List<Node> nodes, List<NodeState> states) {
  public ClusterSnapshot {
    nodes = List.copyOf(nodes);
    states = List.copyOf(states);
    if (nodes.size() != states.size()) {
      throw new IllegalArgumentException(nodes.size() + " nodes but " + states.size() + " node states");
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (!NodeType.of(nodes.get(i)).equals(states.get(i).type())) {
        throw new IllegalArgumentException("node " + nodes.get(i).name() + ": its state is of another node type");
      }
    }
  }

  /** A cluster with nothing allocated. */
  public static ClusterSnapshot empty(List<Node> nodes) {
    return new ClusterSnapshot(nodes, nodes.stream().map(n -> NodeState.empty(NodeType.of(n))).toList());
  }

  /** Everything free in the cluster. */
  public Resources free() {
    return states.stream().map(NodeState::free).reduce(Resources.ZERO, Resources::plus);
  }

  /** Everything the cluster has. */
  public Resources capacity() {
    return nodes.stream().map(Node::capacity).reduce(Resources.ZERO, Resources::plus);
  }
}
