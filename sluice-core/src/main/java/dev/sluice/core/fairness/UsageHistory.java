package dev.sluice.core.fairness;

import dev.sluice.core.queue.QueueTree;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Past usage per queue (e.g. GPU-milli-seconds), decaying by half every {@code halfLife}: recent use counts
 * more than old use. Immutable; times are the caller's clock in milliseconds.
 */
public record UsageHistory(Map<String, Double> usage, long atMillis, Duration halfLife) {
  public UsageHistory {
    usage = Map.copyOf(usage);
    if (halfLife.isNegative() || halfLife.isZero()) throw new IllegalArgumentException("halfLife must be positive");
  }

  public static UsageHistory empty(long nowMillis, Duration halfLife) {
    return new UsageHistory(Map.of(), nowMillis, halfLife);
  }

  /** The history as seen at {@code nowMillis}: every amount decayed by the time since. */
  public UsageHistory decayedTo(long nowMillis) {
    var decayed = new HashMap<String, Double>();
    usage.forEach((queue, amount) -> decayed.put(queue, decay(amount, atMillis, nowMillis, halfLife)));
    return new UsageHistory(decayed, nowMillis, halfLife);
  }

  /** {@code amount} as of {@code fromMillis}, decayed to {@code toMillis} (not before it). */
  public static double decay(double amount, long fromMillis, long toMillis, Duration halfLife) {
    if (toMillis < fromMillis) throw new IllegalArgumentException("time went backwards: " + toMillis + " < " + fromMillis);
    return amount * Math.pow(0.5, (double) (toMillis - fromMillis) / halfLife.toMillis());
  }

  /** Adds usage to a leaf queue and to each of its ancestors, at {@code nowMillis}. */
  public UsageHistory plus(QueueTree queues, String leaf, double amount, long nowMillis) {
    var decayed = decayedTo(nowMillis);
    var added = new HashMap<>(decayed.usage);
    for (var queue : queues.pathToRoot(leaf)) added.merge(queue, amount, Double::sum);
    return new UsageHistory(added, nowMillis, halfLife);
  }

  /** Each queue's usage as a share (0..1) of its own and its siblings' usage together; 0 where none used. */
  public Map<String, Double> shareAmongSiblings(QueueTree queues) {
    var shares = new HashMap<String, Double>();
    addShares(queues.roots(), queues, shares);
    return shares;
  }

  private void addShares(List<String> siblings, QueueTree queues, Map<String, Double> shares) {
    double total = siblings.stream().mapToDouble(q -> usage.getOrDefault(q, 0.0)).sum();
    for (var queue : siblings) {
      shares.put(queue, total == 0 ? 0.0 : usage.getOrDefault(queue, 0.0) / total);
      addShares(queues.children(queue), queues, shares);
    }
  }
}
