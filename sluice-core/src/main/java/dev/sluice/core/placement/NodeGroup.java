package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import java.util.BitSet;

/**
 * The nodes that are in one {@link NodeState} right now. They are interchangeable for every policy, so a
 * placer scores the group once and, among its members, only the first in tie order can win. A group lives
 * while it has members; its id is then reused.
 */
final class NodeGroup {
  final int id;
  final NodeState state;
  /** Members by their rank in the tie order. */
  private final BitSet members = new BitSet();

  NodeGroup(int id, NodeState state) {
    this.id = id;
    this.state = state;
  }

  void add(int rank) {
    members.set(rank);
  }

  void remove(int rank) {
    members.clear(rank);
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  int firstRank() {
    return members.nextSetBit(0);
  }

  /** The {@code k}-th member (0-based) in tie order. */
  int rankAt(int k) {
    int rank = members.nextSetBit(0);
    for (int i = 0; i < k; i++) rank = members.nextSetBit(rank + 1);
    return rank;
  }
}
