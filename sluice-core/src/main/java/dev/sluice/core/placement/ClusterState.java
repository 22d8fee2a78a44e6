package dev.sluice.core.placement;

import dev.sluice.core.model.Node;
import dev.sluice.core.model.NodeState;
import dev.sluice.core.model.ClusterSnapshot;
import dev.sluice.core.model.PodRequest;
import dev.sluice.core.model.PodShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * The mutable allocation state of a cluster for hot loops: each node's {@link NodeState}, with nodes in
 * equal states gathered into groups so that a placer looks at each distinct state once. Groups have small
 * integer ids, reused once a group empties, and their sizes and first tie ranks sit in flat arrays.
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
  private final Map<NodeState, NodeGroup> groupsByState = new HashMap<>();
  /** Groups of the nodes a restriction offers, apart from the others: see {@link #restrictTo}. */
  private final Map<NodeState, NodeGroup> offeredGroupsByState = new HashMap<>();
  private final boolean[] offered;
  private int[] restriction;
  private final GroupIds ids = new GroupIds();
  private final List<IntConsumer> retiredGroupListeners = new ArrayList<>();
  private final List<BiConsumer<NodeState, NodeState>> stateListeners = new ArrayList<>();
  private final List<NodeListener> nodeListeners = new ArrayList<>();
  private long allocatedGpuMilli;
  private long freeCpuMilli;
  private long freeings;

  /** A cluster of empty nodes whose ties break by the order of {@code nodes}. */
  public ClusterState(List<Node> nodes) {
    this(ClusterSnapshot.empty(nodes), TieOrder.identity(nodes.size()));
  }

  /** A cluster of empty nodes; {@code tieOrder[k]} is the index of the node that wins the k-th tie. */
  public ClusterState(List<Node> nodes, int[] tieOrder) {
    this(ClusterSnapshot.empty(nodes), tieOrder);
  }

  /** A cluster as the snapshot has it; {@code tieOrder[k]} is the index of the node that wins the k-th tie. */
  public ClusterState(ClusterSnapshot snapshot, int[] tieOrder) {
    this.nodes = snapshot.nodes();
    int n = nodes.size();
    this.nodeOfRank = tieOrder.clone();
    this.rankOfNode = inverse(nodeOfRank, n);
    this.states = new NodeState[n];
    this.groupOfNode = new NodeGroup[n];
    this.offered = new boolean[n];
    for (int node = 0; node < n; node++) {
      var state = snapshot.states().get(node);
      enter(node, state);
      allocatedGpuMilli += (long) PodRequest.WHOLE_GPU * state.gpuCount() - state.freeGpuMilliTotal();
      freeCpuMilli += state.freeCpuMilli();
    }
  }

  /** An immutable copy of the current state. */
  public ClusterSnapshot snapshot() {
    return new ClusterSnapshot(nodes, List.of(states));
  }

  private static int[] inverse(int[] order, int n) {
    if (order.length != n) throw new IllegalArgumentException("tie order must list all " + n + " nodes");
    var inverse = new int[n];
    Arrays.fill(inverse, -1);
    for (int rank = 0; rank < n; rank++) {
      int node = order[rank];
      if (node < 0 || node >= n || inverse[node] >= 0) {
        throw new IllegalArgumentException("tie order is not a permutation of 0.." + (n - 1));
      }
      inverse[node] = rank;
    }
    return inverse;
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

  /** Total CPU milli free on the nodes. */
  public long freeCpuMilli() {
    return freeCpuMilli;
  }

  /** How many distinct node states the cluster has now. */
  public int distinctStates() {
    return ids.liveCount();
  }

  /** Commits a placement: the pod takes CPU and memory on {@code node} and {@code gpus} (indices). */
  public void assign(int node, PodShape pod, int[] gpus) {
    var next = states[node].with(pod, gpus);
    allocatedGpuMilli += pod.totalGpuMilli();
    move(node, next);
  }

  /** Undoes a placement: the pod gives back its CPU, memory and {@code gpus} on {@code node}. */
  public void release(int node, PodShape pod, int[] gpus) {
    replace(node, states[node].without(pod, gpus));
  }

  /**
   * How many times a node may have gained room ({@link #release} or {@link #replace}); while it stays the
   * same, a pod that fitted nowhere still fits nowhere.
   */
  public long freeings() {
    return freeings;
  }

  /** Puts {@code node} in {@code next}, e.g. to restore a state saved before a trial. */
  public void replace(int node, NodeState next) {
    if (!next.type().equals(states[node].type())) throw new IllegalArgumentException("state of another node type");
    freeings++;
    allocatedGpuMilli += states[node].freeGpuMilliTotal() - next.freeGpuMilliTotal();
    move(node, next);
  }

  private void move(int node, NodeState next) {
    var previous = states[node];
    freeCpuMilli += next.freeCpuMilli() - previous.freeCpuMilli();
    leave(node);
    enter(node, next);
    for (var listener : stateListeners) listener.accept(previous, next);
    for (var listener : nodeListeners) listener.changed(node, previous, next);
  }

  /** Hears every change of a node's state. */
  @FunctionalInterface
  public interface NodeListener {
    void changed(int node, NodeState before, NodeState after);
  }

  /** {@code listener} hears every change of a node's state, with the node. */
  public void onNodeChanged(NodeListener listener) {
    nodeListeners.add(listener);
  }

  /**
   * Until {@link #lift}, placement is offered only {@code nodes} (e.g. one rack's), as if the others were full.
   * Restricting and lifting regroup only those nodes (a placer then still passes over every group, skipping the
   * others'); restrictions do not nest.
   */
  public void restrictTo(int[] nodes) {
    if (restriction != null) throw new IllegalStateException("a restriction is in force already");
    restriction = nodes.clone();
    for (int node : restriction) regroup(node, true);
    freeings++;
  }

  /** Ends the restriction: every node is offered again. */
  public void lift() {
    if (restriction == null) return;
    for (int node : restriction) regroup(node, false);
    restriction = null;
    freeings++;
  }

  /** Whether placement may use the group's nodes now. */
  boolean offers(NodeGroup group) {
    return restriction == null || group.offered;
  }

  private void regroup(int node, boolean offer) {
    if (offered[node] == offer) return;
    leave(node);
    offered[node] = offer;
    enter(node, states[node]);
  }

  int nodeOfRank(int rank) {
    return nodeOfRank[rank];
  }

  GroupIds groupIds() {
    return ids;
  }

  NodeGroup group(int id) {
    return ids.group(id);
  }

  /** {@code listener} hears the id of every group that empties, before the id is reused. */
  void onGroupRetired(IntConsumer listener) {
    retiredGroupListeners.add(listener);
  }

  /** {@code listener} hears every change of a node's state, as (before, after). */
  void onStateChanged(BiConsumer<NodeState, NodeState> listener) {
    stateListeners.add(listener);
  }

  private void enter(int node, NodeState state) {
    var byState = offered[node] ? offeredGroupsByState : groupsByState;
    var group = byState.get(state);
    if (group == null) {
      group = new NodeGroup(ids.allocate(), state, offered[node]);
      byState.put(state, group);
      ids.activate(group);
    }
    group.add(rankOfNode[node]);
    ids.sizeChanged(group, +1);
    groupOfNode[node] = group;
    states[node] = group.state;
  }

  private void leave(int node) {
    var group = groupOfNode[node];
    group.remove(rankOfNode[node]);
    ids.sizeChanged(group, -1);
    if (group.isEmpty()) {
      (group.offered ? offeredGroupsByState : groupsByState).remove(group.state);
      ids.retire(group);
      for (var listener : retiredGroupListeners) listener.accept(group.id);
    }
  }
}
