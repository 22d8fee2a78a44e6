package dev.sluice.core.placement;

import dev.sluice.core.model.NodeState;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The nodes that are in one {@link NodeState} right now. They are interchangeable for every policy, so a
 * placer scores the group once and, among its members, only the first in tie order can win. A group lives
 * while it has members; its id is then reused.
 */
final class NodeGroup {
  /** Up to this many members are kept in a sorted array: most groups hold one node, whose state no other shares. */
  private static final int FEW = 32;

  final int id;
  final NodeState state;
  /** Whether its nodes are those a restriction offers ({@link ClusterState#restrictTo}). */
  final boolean offered;
  /** Members by their rank in the tie order: the first {@code size} of {@code few}, or {@code many} once past FEW. */
  private int[] few = new int[1];
  private BitSet many;
  private int size;

  NodeGroup(int id, NodeState state, boolean offered) {
    this.id = id;
    this.state = state;
    this.offered = offered;
  }

  /** Adds a node that is not a member, by its rank. */
  void add(int rank) {
    size++;
    if (many != null) {
      many.set(rank);
    } else if (size > FEW) {
      many = new BitSet();
      for (int i = 0; i < size - 1; i++) many.set(few[i]);
      many.set(rank);
      few = null;
    } else {
      if (size > few.length) few = Arrays.copyOf(few, Math.min(FEW, few.length * 2));
      int at = -Arrays.binarySearch(few, 0, size - 1, rank) - 1;
      System.arraycopy(few, at, few, at + 1, size - 1 - at);
      few[at] = rank;
    }
  }

  /** Removes a member, by its rank. */
  void remove(int rank) {
    size--;
    if (many != null) {
      many.clear(rank);
    } else {
      int at = Arrays.binarySearch(few, 0, size + 1, rank);
      System.arraycopy(few, at + 1, few, at, size - at);
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  int firstRank() {
    if (many != null) return many.nextSetBit(0);
    return size == 0 ? -1 : few[0];
  }

  /** The {@code k}-th member (0-based) in tie order. */
  int rankAt(int k) {
    if (many == null) return few[k];
    int rank = many.nextSetBit(0);
    for (int i = 0; i < k; i++) rank = many.nextSetBit(rank + 1);
    return rank;
  }
}
