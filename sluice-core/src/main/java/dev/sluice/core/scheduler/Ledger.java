package dev.sluice.core.scheduler;

import dev.sluice.core.fairness.FairShares;
import dev.sluice.core.queue.QueueTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each queue (leaves and their ancestors) has allocated in each dimension during a cycle, against its
 * deserved quota, limit and fair share. Mutable; a {@link Statement} undoes its changes.
 */
final class Ledger {
  private final Dimensions dimensions;
  private final Map<String, long[]> allocated = new HashMap<>();
  private final Map<String, long[]> fair = new HashMap<>();
  private final Map<String, long[]> deserved = new HashMap<>();
  private final Map<String, long[]> limit = new HashMap<>();
  /** The dimensions a queue's deserved quota is promised in: those it states, or all (at 0) if it states none. */
  private final Map<String, boolean[]> promised = new HashMap<>();
  private final Map<String, List<String>> paths = new HashMap<>();
  private final Map<String, long[]> demand;
  private final Map<String, Boolean> nonPreemptibleAboveDeserved = new HashMap<>();
  private final List<String> roots;

  /**
   * @param leafDemand what each leaf queue asks for per dimension (running and pending), to tell the
   *                   dimensions in which a queue gets less than it asks for
   */
  Ledger(QueueTree queues, Dimensions dimensions, FairShares fairShares, Map<String, long[]> leafDemand) {
    this.dimensions = dimensions;
    this.demand = Map.copyOf(leafDemand);
    this.roots = queues.roots();
    var stack = new ArrayList<>(queues.roots());
    while (!stack.isEmpty()) {
      var queue = stack.removeLast();
      var spec = queues.queue(queue).orElseThrow();
      int n = dimensions.size();
      var f = new long[n];
      var d = new long[n];
      var l = new long[n];
      var p = new boolean[n];
      for (int i = 0; i < n; i++) {
        var dimension = dimensions.list().get(i);
        f[i] = fairShares.of(queue, dimension);
        d[i] = spec.quota(dimension).deserved();
        l[i] = spec.quota(dimension).limit();
        p[i] = spec.quotas().isEmpty() || spec.quotas().containsKey(dimension);
      }
      promised.put(queue, p);
      nonPreemptibleAboveDeserved.put(queue, spec.nonPreemptibleAboveDeserved());
      fair.put(queue, f);
      deserved.put(queue, d);
      limit.put(queue, l);
      allocated.put(queue, new long[n]);
      paths.put(queue, List.copyOf(queues.pathToRoot(queue)));
      stack.addAll(queues.children(queue));
    }
  }

  /** Adds ({@code sign} = 1) or removes (-1) an amount for a leaf queue and its ancestors. */
  void add(String leaf, long[] amount, int sign) {
    for (var queue : paths.get(leaf)) Dimensions.addTo(allocated.get(queue), amount, sign);
  }

  /**
   * Why the leaf cannot take {@code amount} more, if it cannot: a limit, then fair share, on its path up. Fair
   * share rounds to the nearest: the amount is admitted while it leaves the queue no further from its fair
   * share than it is without it, so shares that are not whole multiples of the pods' sizes leave no capacity
   * idle, and a queue overshoots by less than half of one workload. Beyond its fair share, an amount that keeps
   * the leaf and every ancestor within deserved quota where they are promised is admitted all the same: deserved
   * quota is a guarantee.
   */
  Optional<PendingReason> admit(String leaf, long[] amount) {
    return admit(leaf, new long[amount.length], amount);
  }

  /**
   * As {@link #admit(String, long[])} for {@code more} of a workload of which {@code placed} is already counted
   * as allocated: the workload as a whole is what rounds to the fair share.
   */
  Optional<PendingReason> admit(String leaf, long[] placed, long[] more) {
    return admit(leaf, placed, more, Admission.FAIR_SHARE);
  }

  /** As {@link #admit(String, long[], long[])}, judged by fair share or by the deserved quota as {@code admission} says. */
  Optional<PendingReason> admit(String leaf, long[] placed, long[] more, Admission admission) {
    var overLimit = overLimit(leaf, more);
    if (overLimit.isPresent()) return overLimit;
    return switch (admission) {
      case FAIR_SHARE -> beyondFairShare(leaf, placed, more).filter(refusal -> beyondPromise(leaf, more).isPresent());
      case DESERVED -> beyondPromise(leaf, more);
    };
  }

  private Optional<PendingReason> overLimit(String leaf, long[] amount) {
    for (var queue : paths.get(leaf)) {
      var has = allocated.get(queue);
      var cap = limit.get(queue);
      for (int i = 0; i < amount.length; i++) {
        if (amount[i] > 0 && has[i] + amount[i] > cap[i]) {
          return Optional.of(new PendingReason.OverLimit(queue, dimensions.list().get(i), amount[i], has[i], cap[i]));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<PendingReason> beyondFairShare(String leaf, long[] placed, long[] amount) {
    for (var queue : paths.get(leaf)) {
      var has = allocated.get(queue);
      var share = fair.get(queue);
      var owed = deserved.get(queue);
      for (int i = 0; i < amount.length; i++) {
        if (amount[i] > 0 && 2 * has[i] - placed[i] + amount[i] > 2 * share[i]) {
          var dimension = dimensions.list().get(i);
          return Optional.of(share[i] <= owed[i] && has[i] + amount[i] > owed[i]
              ? new PendingReason.OverQuota(queue, dimension, amount[i], has[i], owed[i])
              : new PendingReason.BeyondFairShare(queue, dimension, amount[i], has[i], share[i]));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether, with {@code amount} more, the leaf or an ancestor would hold more than its deserved quota in some
   * dimension it is promised (whether or not the amount adds to that dimension).
   */
  private Optional<PendingReason> beyondPromise(String leaf, long[] amount) {
    for (var queue : paths.get(leaf)) {
      var beyond = beyondPromise(queue, allocated.get(queue), amount);
      if (beyond.isPresent()) return beyond;
    }
    return Optional.empty();
  }

  private Optional<PendingReason> beyondPromise(String queue, long[] has, long[] amount) {
    var owed = deserved.get(queue);
    var stated = promised.get(queue);
    for (int i = 0; i < amount.length; i++) {
      if (stated[i] && Math.addExact(has[i], amount[i]) > owed[i]) {
        return Optional.of(new PendingReason.OverQuota(queue, dimensions.list().get(i), amount[i], has[i], owed[i]));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the leaf alone, with {@code amount} more, would stay within its deserved quota where it is promised;
   * its ancestors may need room made under them first.
   */
  boolean withinPromise(String leaf, long[] amount) {
    return beyondPromise(leaf, allocated.get(leaf), amount).isEmpty();
  }

  /** Whether the queue holds more than its deserved quota in a dimension it is promised (see {@link #promised}). */
  boolean beyondPromise(String queue) {
    return beyondPromiseWithout(queue, null);
  }

  /** As {@link #beyondPromise(String)} once {@code released} (null for nothing) is taken from what it holds. */
  boolean beyondPromiseWithout(String queue, long[] released) {
    var has = allocated.get(queue);
    var owed = deserved.get(queue);
    var stated = promised.get(queue);
    for (int i = 0; i < has.length; i++) if (stated[i] && has[i] - (released == null ? 0 : released[i]) > owed[i]) return true;
    return false;
  }

  /**
   * The first queue, from {@code victimLeaf} up to (not including) the nearest queue it shares with
   * {@code claimantLeaf}, that holds no more than its deserved quota where it is promised: taking from
   * {@code victimLeaf} for the claimant would take from that queue's deserved quota.
   */
  Optional<String> firstWithinPromise(String victimLeaf, String claimantLeaf) {
    var claimantPath = paths.get(claimantLeaf);
    for (var queue : paths.get(victimLeaf)) {
      if (claimantPath.contains(queue)) break;
      if (!beyondPromise(queue)) return Optional.of(queue);
    }
    return Optional.empty();
  }

  /** Whether the dimension is one the queue's deserved quota is promised in. */
  boolean promisedIn(String queue, int dimension) {
    return promised.get(queue)[dimension];
  }

  /** Whether the queue lets its work that may not be preempted run above its deserved quota. */
  boolean nonPreemptibleAboveDeserved(String queue) {
    return nonPreemptibleAboveDeserved.get(queue);
  }

  /** The queue and its ancestors, from the queue up. */
  List<String> path(String leaf) {
    return paths.get(leaf);
  }

  /** What all queues together hold, per dimension. */
  long[] allocatedInTotal() {
    var total = new long[dimensions.size()];
    for (var root : roots) Dimensions.addTo(total, allocated.get(root), 1);
    return total;
  }

  /** The queue's dominant share: the largest allocated / fair share over the dimensions. */
  double share(String queue) {
    var has = allocated.get(queue);
    var share = fair.get(queue);
    double dominant = 0;
    for (int i = 0; i < has.length; i++) {
      if (has[i] == 0) continue;
      dominant = Math.max(dominant, share[i] == 0 ? Double.POSITIVE_INFINITY : (double) has[i] / share[i]);
    }
    return dominant;
  }

  /**
   * A leaf queue's share as reclaim compares it: the largest allocated / fair share over the dimensions in
   * which its fair share is less than it asks for (0 / 0 counting as exactly its share); 1 when it gets all it
   * asks for. A queue drained to a fair share of nothing is thus at its share, not below it.
   */
  double reclaimShare(String leaf) {
    var has = allocated.get(leaf);
    var share = fair.get(leaf);
    var wants = demand.getOrDefault(leaf, new long[has.length]);
    double dominant = -1;
    for (int i = 0; i < has.length; i++) {
      if (share[i] >= wants[i]) continue;
      double ratio = share[i] == 0 ? (has[i] == 0 ? 1 : Double.POSITIVE_INFINITY) : (double) has[i] / share[i];
      dominant = Math.max(dominant, ratio);
    }
    return dominant < 0 ? 1 : dominant;
  }

  /** Whether the queue holds more than its fair share of some dimension. */
  boolean aboveFairShare(String queue) {
    return exceeds(allocated.get(queue), fair.get(queue));
  }

  /** Whether the queue holds more than its deserved quota of some dimension. */
  boolean aboveDeserved(String queue) {
    return exceeds(allocated.get(queue), deserved.get(queue));
  }

  /** Whether the leaf queue is {@code queue} or lies under it. */
  boolean isUnder(String leaf, String queue) {
    return paths.get(leaf).contains(queue);
  }

  long[] deserved(String queue) {
    return deserved.get(queue);
  }

  private static boolean exceeds(long[] has, long[] bound) {
    for (int i = 0; i < has.length; i++) if (has[i] > bound[i]) return true;
    return false;
  }
}
