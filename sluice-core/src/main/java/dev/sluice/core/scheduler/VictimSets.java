package dev.sluice.core.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Every set of candidate victims, each once, cheapest first: fewest GPUs lost, then lowest priority (the
 * victims' priorities summed, each counted above the lowest candidate's), then least run time lost (summed),
 * then fewest victims, then the candidates' own order. The empty set comes first. A set always comes after
 * each of its subsets, so the first set that works is also minimal: no victim in it could have been spared.
 *
 * <p>Generated lazily, best first: candidates are ranked by their own cost, and each set (ranks ascending)
 * leads to two others, one adding the next rank after its last and one putting that rank in place of its
 * last. Neither is cheaper than the set it comes from, so taking the cheapest generated set next yields all
 * sets in order; the first {@code n} cost O(n log n).
 *
 * @param <T> a candidate
 */
final class VictimSets<T> implements Iterator<List<T>> {
  /** What losing one victim costs; every field >= 0. */
  record Cost(long gpuMilli, long priority, long runtime) {
    Cost {
      if (gpuMilli < 0 || priority < 0 || runtime < 0) throw new IllegalArgumentException("costs must be >= 0: " + this);
    }
  }

  /** A set by the ranks of its members, ascending, with its summed cost. */
  private record Candidate(int[] ranks, long gpuMilli, long priority, long runtime) {
  }

  private static final Comparator<int[]> BY_RANKS = Arrays::compare;

  private final List<T> ranked;
  private final List<Cost> costs;
  private final PriorityQueue<Candidate> frontier;

  /**
   * @param candidates in their own order (it breaks ties between equal costs: earlier goes first)
   * @param cost       what losing each candidate costs
   */
  VictimSets(List<T> candidates, Function<T, Cost> cost) {
    var indexed = new ArrayList<Integer>();
    for (int i = 0; i < candidates.size(); i++) indexed.add(i);
    var each = candidates.stream().map(cost).toList();
    indexed.sort(Comparator.<Integer>comparingLong(i -> each.get(i).gpuMilli())
        .thenComparingLong(i -> each.get(i).priority())
        .thenComparingLong(i -> each.get(i).runtime())
        .thenComparingInt(i -> i));
    this.ranked = indexed.stream().map(candidates::get).toList();
    this.costs = indexed.stream().map(each::get).toList();
    this.frontier = new PriorityQueue<>(Comparator.comparingLong(Candidate::gpuMilli)
        .thenComparingLong(Candidate::priority)
        .thenComparingLong(Candidate::runtime)
        .thenComparingInt(c -> c.ranks().length)
        .thenComparing(Candidate::ranks, BY_RANKS));
    frontier.add(new Candidate(new int[0], 0, 0, 0));
  }

  @Override
  public boolean hasNext() {
    return !frontier.isEmpty();
  }

  @Override
  public List<T> next() {
    var set = frontier.poll();
    if (set == null) throw new NoSuchElementException();
    var ranks = set.ranks();
    int next = ranks.length == 0 ? 0 : ranks[ranks.length - 1] + 1;
    if (next < ranked.size()) {
      var added = Arrays.copyOf(ranks, ranks.length + 1);
      added[ranks.length] = next;
      frontier.add(with(set, added, next, -1));
      if (ranks.length > 0) {
        var swapped = ranks.clone();
        swapped[ranks.length - 1] = next;
        frontier.add(with(set, swapped, next, ranks[ranks.length - 1]));
      }
    }
    var members = new ArrayList<T>(ranks.length);
    for (int rank : ranks) members.add(ranked.get(rank));
    return members;
  }

  private Candidate with(Candidate from, int[] ranks, int added, int removed) {
    var plus = costs.get(added);
    long gpu = from.gpuMilli() + plus.gpuMilli();
    long priority = from.priority() + plus.priority();
    long runtime = from.runtime() + plus.runtime();
    if (removed >= 0) {
      var minus = costs.get(removed);
      gpu -= minus.gpuMilli();
      priority -= minus.priority();
      runtime -= minus.runtime();
    }
    return new Candidate(ranks, gpu, priority, runtime);
  }
}
