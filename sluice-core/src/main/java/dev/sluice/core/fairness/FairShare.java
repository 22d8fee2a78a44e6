package dev.sluice.core.fairness;

import dev.sluice.core.queue.Dimension;
import dev.sluice.core.queue.Quota;
import dev.sluice.core.queue.QueueSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;

/**
 * Each queue's fair share of each resource, top down through the tree. Among siblings sharing what their
 * parent got: each first gets min(deserved, demand); idle deserved is lent to the others up to the owner's
 * lending limit; the surplus goes to queues of the highest priority first and, within a priority, by
 * over-quota weight (lowered by past usage), never beyond a queue's demand or limit.
 */
public final class FairShare {
  private FairShare() {
  }

  public static FairShares compute(FairShareInput input) {
    var shares = new HashMap<String, Map<Dimension, Long>>();
    for (var dimension : input.capacity().keySet()) {
      var demand = subtreeDemand(input, dimension);
      divide(input, dimension, input.capacity().get(dimension), input.queues().roots(), demand, shares);
    }
    return new FairShares(shares);
  }

  /**
   * Divides a leaf queue's share among its users: equal weights, none above its demand; ties of the
   * remainder go to users in name order.
   */
  public static Map<String, Long> amongUsers(long leafShare, Map<String, Long> userDemand) {
    var users = new TreeSet<>(userDemand.keySet()).stream().toList();
    var weights = new double[users.size()];
    var caps = new long[users.size()];
    for (int i = 0; i < users.size(); i++) {
      weights[i] = 1;
      caps[i] = Math.max(0, userDemand.get(users.get(i)));
    }
    var given = WaterFill.divide(leafShare, weights, caps);
    var shares = new HashMap<String, Long>();
    for (int i = 0; i < users.size(); i++) shares.put(users.get(i), given[i]);
    return shares;
  }

  private static Map<String, Long> subtreeDemand(FairShareInput input, Dimension dimension) {
    var demand = new HashMap<String, Long>();
    for (var root : input.queues().roots()) sumDemand(input, dimension, root, demand);
    return demand;
  }

  private static long sumDemand(FairShareInput input, Dimension dimension, String queue, Map<String, Long> demand) {
    long total = input.queues().isLeaf(queue) ? input.demand(queue, dimension) : 0;
    for (var child : input.queues().children(queue)) total = saturatedAdd(total, sumDemand(input, dimension, child, demand));
    long capped = Math.min(total, spec(input, queue).quota(dimension).limit());
    demand.put(queue, capped);
    return capped;
  }

  private static QueueSpec spec(FairShareInput input, String queue) {
    return input.queues().queue(queue).orElseThrow();
  }

  private static void divide(FairShareInput input, Dimension dimension, long available, List<String> siblings,
                             Map<String, Long> demand, Map<String, Map<Dimension, Long>> shares) {
    int n = siblings.size();
    var quotas = new Quota[n];
    var wants = new long[n];
    var guaranteed = new long[n];
    long reserved = 0;
    for (int i = 0; i < n; i++) {
      quotas[i] = spec(input, siblings.get(i)).quota(dimension);
      wants[i] = demand.get(siblings.get(i));
      guaranteed[i] = Math.min(quotas[i].deserved(), wants[i]);
      long idleDeserved = quotas[i].deserved() - guaranteed[i];
      reserved = saturatedAdd(reserved, Math.max(0, idleDeserved - quotas[i].lendingLimit()));
    }
    var given = byPriority(input, siblings, available, guaranteed, i -> (double) guaranteed[i]);
    long surplus = Math.max(0, available - Math.min(available, saturatedAdd(reserved, sum(given))));
    var unmet = new long[n];
    for (int i = 0; i < n; i++) unmet[i] = wants[i] - given[i];
    var extra = byPriority(input, siblings, surplus, unmet, i -> surplusWeight(input, siblings.get(i), quotas[i]));
    for (int i = 0; i < n; i++) {
      long share = given[i] + extra[i];
      var queue = siblings.get(i);
      shares.computeIfAbsent(queue, q -> new HashMap<>()).put(dimension, share);
      var children = input.queues().children(queue);
      if (!children.isEmpty()) divide(input, dimension, share, children, demand, shares);
    }
  }

  private static double surplusWeight(FairShareInput input, String queue, Quota quota) {
    double usage = input.usageShare().getOrDefault(queue, 0.0);
    return quota.overQuotaWeight() / (1 + input.historyWeight() * usage);
  }

  /** Water-fills {@code amount} over the siblings, highest priority first, each up to its cap. */
  private static long[] byPriority(FairShareInput input, List<String> siblings, long amount, long[] caps,
                                   IntToDoubleFunction weight) {
    int n = siblings.size();
    var given = new long[n];
    var priorities = new TreeSet<Integer>();
    siblings.forEach(q -> priorities.add(spec(input, q).priority()));
    long left = amount;
    for (int priority : priorities.descendingSet()) {
      var weights = new double[n];
      for (int i = 0; i < n; i++) {
        if (spec(input, siblings.get(i)).priority() == priority) weights[i] = weight.applyAsDouble(i);
      }
      var round = WaterFill.divide(left, weights, caps);
      for (int i = 0; i < n; i++) given[i] += round[i];
      left -= sum(round);
    }
    return given;
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long v : values) total = saturatedAdd(total, v);
    return total;
  }

  /** {@code a + b} for amounts >= 0, at most {@link Long#MAX_VALUE}: quotas may be "unlimited" or near it. */
  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
