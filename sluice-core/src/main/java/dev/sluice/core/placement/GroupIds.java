package dev.sluice.core.placement;

import java.util.Arrays;

/**
 * Flat, id-indexed arrays about the live node groups — the list of live ids, each group's size and first
 * tie rank — so that a placer's pass over the groups reads memory in order. Ids of retired groups are reused.
 */
final class GroupIds {
  private NodeGroup[] groups = new NodeGroup[64];
  private int[] size = new int[64];
  private int[] firstRank = new int[64];
  private int[] positionInLive = new int[64];
  private int[] live = new int[64];
  private int liveCount;
  private int[] free = new int[64];
  private int freeCount;
  private int nextId;

  int allocate() {
    if (freeCount > 0) return free[--freeCount];
    int id = nextId++;
    if (id >= groups.length) grow(groups.length * 2);
    return id;
  }

  private void grow(int capacity) {
    groups = Arrays.copyOf(groups, capacity);
    size = Arrays.copyOf(size, capacity);
    firstRank = Arrays.copyOf(firstRank, capacity);
    positionInLive = Arrays.copyOf(positionInLive, capacity);
    live = Arrays.copyOf(live, capacity);
    free = Arrays.copyOf(free, capacity);
  }

  void activate(NodeGroup group) {
    groups[group.id] = group;
    size[group.id] = 0;
    positionInLive[group.id] = liveCount;
    live[liveCount++] = group.id;
  }

  void sizeChanged(NodeGroup group, int delta) {
    size[group.id] += delta;
    firstRank[group.id] = group.firstRank();
  }

  void retire(NodeGroup group) {
    int id = group.id;
    int last = live[--liveCount];
    live[positionInLive[id]] = last;
    positionInLive[last] = positionInLive[id];
    groups[id] = null;
    free[freeCount++] = id;
  }

  /** One past the largest id ever handed out. */
  int capacity() {
    return nextId;
  }

  int liveCount() {
    return liveCount;
  }

  /** Live ids in positions {@code 0 .. liveCount() - 1}; the array is shared, not a copy. */
  int[] live() {
    return live;
  }

  int size(int id) {
    return size[id];
  }

  int firstRank(int id) {
    return firstRank[id];
  }

  NodeGroup group(int id) {
    return groups[id];
  }
}
