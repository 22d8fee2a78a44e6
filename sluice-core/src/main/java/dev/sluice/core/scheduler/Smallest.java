package dev.sluice.core.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code k} smallest of the items offered, by a total order: what sorting them all and keeping the first
 * {@code k} gives, in O(n log k) instead of O(n log n) (a cycle picks a handful out of tens of thousands of
 * running workloads).
 */
final class Smallest<T> {
  private final int k;
  private final Comparator<T> order;
  /** The largest kept on top, to be pushed out by a smaller one. */
  private final PriorityQueue<T> kept;

  Smallest(int k, Comparator<T> order) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, was " + k);
    this.k = k;
    this.order = order;
    this.kept = new PriorityQueue<>(order.reversed());
  }

  /** Keeps the item if it is among the {@code k} smallest so far; returns whether it was kept. */
  boolean offer(T item) {
    if (kept.size() < k) {
      kept.add(item);
      return true;
    }
    if (order.compare(item, kept.peek()) >= 0) return false;
    kept.poll();
    kept.add(item);
    return true;
  }

  /** The kept items, smallest first. */
  List<T> sorted() {
    var list = new ArrayList<>(kept);
    list.sort(order);
    return list;
  }
}
