package dev.sluice.core.placement;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.NodeType;
import dev.sluice.core.model.PodShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable allocation state of a cluster for hot loops: each node's {@link NodeState}, with nodes in
 * equal states gathered into groups so that a placer scores each distinct state once.
 *
 * <p>Ties between equally scored nodes go to the node that comes first in the <em>tie order</em>, a
 * permutation of the nodes fixed when the state is made (by default the nodes' own order).
 */
public final class ClusterState {
  private final List<Node> nodes;
  private final int[] rankOfNode;
  private final int[] nodeOfRank;
  private final NodeState[] states;
  private final NodeGroup[] groupOfNode;
  private final Map<NodeState, NodeGroup> groups = new HashMap<>();
  private final List<NodeGroup> occupied = new ArrayList<>();
  private long allocatedGpuMilli;

  /** A cluster of empty nodes whose ties break by the order of {@code nodes}. */
  public ClusterState(List<Node> nodes) {
    this(nodes, identity(nodes.size()));
  }

  /** A cluster of empty nodes; {@code tieOrder[k]} is the index of the node that wins the k-th tie. */
  public ClusterState(List<Node> nodes, int[] tieOrder) {
    this.nodes = List.copyOf(nodes);
    int n = this.nodes.size();
    if (tieOrder.length != n) throw new IllegalArgumentException("tie order must list all " + n + " nodes");
    this.nodeOfRank = tieOrder.clone();
    this.rankOfNode = new int[n];
    java.util.Arrays.fill(rankOfNode, -1);
    for (int rank = 0; rank < n; rank++) {
      int node = nodeOfRank[rank];
      if (node < 0 || node >= n || rankOfNode[node] >= 0) {
        throw new IllegalArgumentException("tie order is not a permutation of 0.." + (n - 1));
      }
      rankOfNode[node] = rank;
    }
    this.states = new NodeState[n];
    this.groupOfNode = new NodeGroup[n];
    var emptyStates = new HashMap<NodeType, NodeState>();
    for (int node = 0; node < n; node++) {
      var state = emptyStates.computeIfAbsent(NodeType.of(this.nodes.get(node)), NodeState::empty);
      enter(node, state);
    }
  }

  private static int[] identity(int n) {
    var order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    return order;
  }

  public int nodeCount() {
    return nodes.size();
  }

  public Node node(int index) {
    return nodes.get(index);
  }

  public List<Node> nodes() {
    return nodes;
  }

  public NodeState state(int node) {
    return states[node];
  }

  /** Total GPU milli allocated to pods. */
  public long allocatedGpuMilli() {
    return allocatedGpuMilli;
  }

  /** Commits a placement: the pod takes CPU and memory on {@code node} and {@code gpus} (indices). */
  public void assign(int node, PodShape pod, int[] gpus) {
    var next = states[node].with(pod, gpus);
    leave(node);
    enter(node, next);
    allocatedGpuMilli += pod.totalGpuMilli();
  }

  int nodeOfRank(int rank) {
    return nodeOfRank[rank];
  }

  /** Groups with at least one node, in no particular order. */
  List<NodeGroup> occupiedGroups() {
    return occupied;
  }

  private void enter(int node, NodeState state) {
    var group = groups.computeIfAbsent(state, NodeGroup::new);
    if (group.size() == 0) {
      group.occupiedIndex = occupied.size();
      occupied.add(group);
    }
    group.add(rankOfNode[node]);
    groupOfNode[node] = group;
    states[node] = group.state;
  }

  private void leave(int node) {
    var group = groupOfNode[node];
    group.remove(rankOfNode[node]);
    if (group.size() == 0) {
      var last = occupied.removeLast();
      if (last != group) {
        occupied.set(group.occupiedIndex, last);
        last.occupiedIndex = group.occupiedIndex;
      }
      group.occupiedIndex = -1;
    }
  }
}
