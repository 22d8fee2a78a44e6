package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The nodes that are in one {@link NodeState} right now. They are interchangeable for every policy, so
 * a placer scores the group once and, among its members, only the first in tie order can win.
 */
final class NodeGroup {
  final NodeState state;
  private final BitSet membersByRank = new BitSet();
  private int size;
  /** Position in the cluster's list of occupied groups, or -1 while the group is empty. */
  int occupiedIndex = -1;
  /** What the placer worked out for this state, by pod-shape id; owned by {@link Placer}. */
  private NodeChoice[] choices = new NodeChoice[0];

  NodeGroup(NodeState state) {
    this.state = state;
  }

  void add(int rank) {
    membersByRank.set(rank);
    size++;
  }

  void remove(int rank) {
    membersByRank.clear(rank);
    size--;
  }

  int size() {
    return size;
  }

  /** The member that comes first in tie order. */
  int firstRank() {
    return membersByRank.nextSetBit(0);
  }

  /** The {@code k}-th member (0-based) in tie order. */
  int rankAt(int k) {
    int rank = membersByRank.nextSetBit(0);
    for (int i = 0; i < k; i++) rank = membersByRank.nextSetBit(rank + 1);
    return rank;
  }

  NodeChoice choice(int shapeId) {
    return shapeId < choices.length ? choices[shapeId] : null;
  }

  void remember(int shapeId, NodeChoice choice) {
    if (shapeId >= choices.length) choices = Arrays.copyOf(choices, Math.max(shapeId + 1, choices.length * 2));
    choices[shapeId] = choice;
  }
}
